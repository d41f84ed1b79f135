/// The exact sum of terms and products: the one accumulator of the package.
///
/// Terms and factors whose numerators and denominators fit 62 bits are summed in `Rational`'s
/// word-sized form, which is cheapest for them. Larger ones are multiply-accumulated without
/// normalising after every term: the sum of those is kept as (P - M) / D: P and M are unsigned numerator sums of the positive and the
/// negative terms, D a running common denominator (the lcm of the term denominators so far,
/// or a multiple of it when started with `init(commonDenominator:)`). A term whose
/// denominator t divides D costs one exact division D / t (a word division when t is a word,
/// a shift when it is a power of two) and one multiply-add into P or M, in scratch memory
/// on the stack, without heap allocation. Only when t does not divide D is there a gcd
/// (a word gcd when t is a word) and a rescaling of P, M and D. `value` reduces once, with a
/// single gcd.
///
/// For a matrix-vector product, start every row from `lcmOfDenominators(x)`: then the
/// denominators of x never cost a gcd, only those of the matrix entries can.
///
/// - Complexity: per term O(|D| |t|) limb operations plus the product of the numerators.
public struct DotAccumulator: Sendable {
    /// The sum of the word-sized terms.
    @usableFromInline internal var small = Rational.zero
    /// The sum of the larger terms, made on the first one (an unused one still costs its set-up).
    @usableFromInline internal var large: LimbAccumulator?

    /// An empty sum (value 0).
    public init() {}

    /// The sum that starts at `start`.
    public init(_ start: Rational) { add(start) }

    /// An empty sum whose larger terms' running common denominator starts at `commonDenominator`.
    ///
    /// The result does not depend on this value: any positive integer gives the same exact sum.
    /// A multiple of the denominators that will be added (for a row of a matrix-vector product
    /// W x: `lcmOfDenominators(x)`) replaces the gcd and rescaling that each new denominator
    /// otherwise costs by one exact division.
    /// - Precondition: commonDenominator > 0.
    public init(commonDenominator: BigInt) {
        precondition(commonDenominator.signum > 0, "DotAccumulator: common denominator must be positive")
        large = LimbAccumulator(commonDenominator: commonDenominator)
    }

    /// The least common multiple of the denominators of `values` (1 for none).
    /// - Complexity: one gcd per distinct new denominator; denominators that divide the running
    ///   lcm cost one division.
    public static func lcmOfDenominators(_ values: some Sequence<Rational>) -> BigInt {
        LimbAccumulator.lcmOfDenominators(values)
    }

    /// Adds x.
    @inlinable
    public mutating func add(_ x: Rational) {
        if x.isZero { return }
        if x.bitLength <= 62 {
            small += x
        } else {
            if large == nil { large = LimbAccumulator() }
            large!.add(x)  // just made
        }
    }

    /// Adds a * b.
    @inlinable
    public mutating func add(_ a: Rational, times b: Rational) {
        if a.isZero || b.isZero { return }
        if a.bitLength <= 62 && b.bitLength <= 62 {
            small += a * b
        } else {
            if large == nil { large = LimbAccumulator() }
            large!.add(a, times: b)  // just made
        }
    }

    /// The exact sum so far, in lowest terms.
    /// - Complexity: one gcd and two exact divisions of numbers of the size of the larger terms' sum.
    public var value: Rational {
        guard let large else { return small }
        return small + large.value
    }
}

/// The sum of terms larger than a word, kept as (P - M) / D (see ``DotAccumulator``).
@usableFromInline
internal struct LimbAccumulator: Sendable {
    /// Sum of the numerators (over `den`) of the positive terms.
    @usableFromInline internal var positive = LimbSum()
    /// Sum of the magnitudes of the numerators (over `den`) of the negative terms.
    @usableFromInline internal var negative = LimbSum()
    /// The common denominator D >= 1.
    /// (A `LimbSum` so that extensions by a word multiply it in place.)
    @usableFromInline internal var den = LimbSum(one: ())

    /// An empty sum (value 0).
    @usableFromInline init() {}

    /// An empty sum whose running common denominator starts at `commonDenominator`.
    ///
    /// The result does not depend on this value: any positive integer gives the same exact sum.
    /// A multiple of the denominators that will be added (for a row of a matrix-vector product
    /// W x: `lcmOfDenominators(x)`) replaces the gcd and rescaling that each new denominator
    /// otherwise costs by one exact division.
    /// - Precondition: commonDenominator > 0.
    @usableFromInline init(commonDenominator: BigInt) {
        den = LimbSum(commonDenominator)
    }

    /// The least common multiple of the denominators of `values` (1 for none).
    /// - Complexity: one gcd per distinct new denominator; denominators that divide the running
    ///   lcm cost one division.
    static func lcmOfDenominators(_ values: some Sequence<Rational>) -> BigInt {
        var acc = LimbAccumulator()
        for v in values where !v.isInteger {
            acc.absorbDenominator(v.den)
        }
        return acc.den.magnitude
    }

    /// Adds x.
    @inlinable
    @usableFromInline mutating func add(_ x: Rational) {
        addTerm(x.num, BigInt(inline: 1), x.den, BigInt(inline: 1))
    }

    /// Adds a * b.
    @inlinable
    @usableFromInline mutating func add(_ a: Rational, times b: Rational) {
        addTerm(a.num, b.num, a.den, b.den)
    }

    /// The exact sum so far, in lowest terms.
    /// - Complexity: one gcd and two exact divisions of numbers of the size of the large terms' sum.
    @usableFromInline var value: Rational {
        positive.withMagnitude { pp, pn in
            negative.withMagnitude { mp, mn in
                den.withMagnitude { dp, dn in
                    LimbAccumulator.reduce(pp, pn, mp, mn, dp, dn)
                }
            }
        }
    }

    /// (P - M) / D in lowest terms.
    @usableFromInline
    internal static func reduce(_ pp: ConstLimbPointer, _ pn: Int, _ mp: ConstLimbPointer, _ mn: Int,
                                _ dp: ConstLimbPointer, _ dn: Int) -> Rational {
        let c = Limbs.compare(pp, pn, mp, mn)
        if c == 0 { return .zero }
        let negative = c < 0
        let (xp, xn, yp, yn) = negative ? (mp, mn, pp, pn) : (pp, pn, mp, mn)
        let cap = max(xn, dn) + 1
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * cap) { buffer in
            let n = buffer.baseAddress.unsafelyUnwrapped, g = n + cap
            // n = |P - M|
            _ = Limbs.sub(n, xp, xn, yp, yn)
            let nn = Limbs.normalizedCount(n, xn)
            let denominator = { BigInt.build(capacity: dn, negative: false) { r in r.update(from: dp, count: dn); return dn } }
            if dn == 1 && dp[0] == 1 {
                return Rational(reducedNumerator: BigInt.build(capacity: nn, negative: negative) { r in
                    r.update(from: n, count: nn); return nn
                }, denominator: BigInt(inline: 1))
            }
            let gn = Limbs.gcdAny(g, n, nn, dp, dn)
            if gn == 1 && g[0] == 1 {
                return Rational(reducedNumerator: BigInt.build(capacity: nn, negative: negative) { r in
                    r.update(from: n, count: nn); return nn
                }, denominator: denominator())
            }
            let num = BigInt.build(capacity: nn, negative: negative) { r in Limbs.divideExactly(r, n, nn, g, gn) }
            let q = BigInt.build(capacity: dn, negative: false) { r in Limbs.divideExactly(r, dp, dn, g, gn) }
            return Rational(reducedNumerator: num, denominator: q)
        }
    }
}
