/// An exact dot product of word-sized integer weights with rationals in the small form, on machine
/// words: the terms are brought to one running common denominator D (a word) and their numerators
/// summed in 128 bits, with one reduction at the end.
///
/// For data written with a fixed number of decimals (denominators dividing 10^k) every term's
/// denominator divides D after the first few, so a term costs a word remainder and a word division
/// (D mod d, D / d), two word products and a 128-bit addition, with no gcd and no allocation. Whenever a word or the 128-bit sum
/// would overflow, ``value`` is nil and the caller sums the same terms with ``DotAccumulator``; the two
/// give the same exact value (tests compare them).
package struct WordDot {
    /// The sum of the terms so far is `numerator / denominator` (not reduced).
    private var numerator: Int128 = 0
    private var denominator: Int64 = 1
    /// Set once a step did not fit; then nothing more is added.
    private var overflowed = false

    /// An empty sum.
    @inlinable package init() {}

    /// Adds a * x; returns false (and gives up) when a part does not fit.
    @inlinable
    package mutating func add(_ a: Int64, times x: Rational) -> Bool {
        guard !overflowed, let (n, d) = x.smallParts else { overflowed = true; return false }
        return add(a, numerator: n, denominator: d)
    }

    /// Adds a * n / d for d > 0 (n / d need not be in lowest terms: the words of a small-form
    /// ``Rational``, or a product of two); returns false (and gives up) when a part does not fit.
    @inlinable @inline(__always)
    package mutating func add(_ a: Int64, numerator n: Int64, denominator d: Int64) -> Bool {
        guard !overflowed else { return false }
        // D / d once D is a multiple of d: no division when d is 1 or D, shifts when both are powers of
        // two (dyadic data, what floats become), else a remainder and a division.
        let factor: Int64
        if d == denominator {
            factor = 1
        } else if d == 1 {
            factor = denominator
        } else if d & (d &- 1) == 0 && denominator & (denominator &- 1) == 0 {
            if d > denominator, !rescale(by: d >> denominator.trailingZeroBitCount) { return false }
            factor = denominator >> d.trailingZeroBitCount
        } else {
            // D' = lcm(D, d) = D * (d / gcd(D, d)).
            if denominator % d != 0,
               !rescale(by: d / Int64(bitPattern: Limbs.gcd(UInt64(bitPattern: denominator), UInt64(bitPattern: d)))) {
                return false
            }
            factor = denominator / d
        }
        let (m, o1) = n.multipliedReportingOverflow(by: factor)
        let (sum, o2) = numerator.addingReportingOverflow(Int128(a) * Int128(m))
        guard !o1, !o2 else { overflowed = true; return false }
        numerator = sum
        return true
    }

    /// D becomes D * scale, and the sum so far is scaled with it; false (and gives up) on overflow.
    @inlinable
    mutating func rescale(by scale: Int64) -> Bool {
        let (next, o1) = denominator.multipliedReportingOverflow(by: scale)
        let (scaled, o2) = numerator.multipliedReportingOverflow(by: Int128(scale))
        guard !o1, !o2 else { overflowed = true; return false }
        (denominator, numerator) = (next, scaled)
        return true
    }

    /// The exact sum in lowest terms, or nil when a term did not fit.
    @inlinable
    package var value: Rational? {
        guard !overflowed else { return nil }
        if let n = Int64(exactly: numerator), let r = Rational.reducedSmall(n, denominator) { return r }
        let m = numerator.magnitude
        return Rational(unchecked: BigInt(high: UInt64(truncatingIfNeeded: m >> 64), low: UInt64(truncatingIfNeeded: m),
                                          negative: numerator < 0),
                        BigInt(inline: denominator))
    }
}
