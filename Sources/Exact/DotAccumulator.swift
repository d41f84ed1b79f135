/// Multiply-accumulate without normalising after every term.
///
/// Keeps the sum as (P - M) / D: P and M are unsigned numerator sums of the positive and the
/// negative terms, D a running common denominator, the lcm of the term denominators so far.
/// A term n/t whose denominator t divides D costs one division D / t (a word division when
/// t is a word, a shift when it is a power of two) and one multiply-add into P or M, all in
/// scratch memory without heap allocation. Only when t does not divide D is there a gcd and a
/// rescaling of P, M and D. `value` reduces once with a single gcd.
///
/// - Complexity: per term O(|D| |t|) limb operations plus the product of the numerators.
public struct DotAccumulator: Sendable {
    /// Sum of the numerators (over `den`) of the positive terms.
    @usableFromInline internal var positive = LimbSum()
    /// Sum of the magnitudes of the numerators (over `den`) of the negative terms.
    @usableFromInline internal var negative = LimbSum()
    /// The common denominator D >= 1.
    @usableFromInline internal var den = BigInt(inline: 1)

    /// An empty sum (value 0).
    public init() {}

    /// Adds x.
    @inlinable
    public mutating func add(_ x: Rational) {
        if x.isZero { return }
        addTerm(x.num, BigInt(inline: 1), x.den, BigInt(inline: 1))
    }

    /// Adds a * b.
    @inlinable
    public mutating func add(_ a: Rational, times b: Rational) {
        if a.isZero || b.isZero { return }
        addTerm(a.num, b.num, a.den, b.den)
    }

    /// The exact sum so far, in lowest terms.
    /// - Complexity: one gcd and two exact divisions of numbers of the size of the sum.
    public var value: Rational {
        let p = positive.magnitude, m = negative.magnitude
        let n = p - m
        if n.isZero { return .zero }
        if den.isOne { return Rational(n) }
        return Rational(unchecked: n, den)
    }

    /// Adds (na nb) / (da db) for nonzero na, nb and positive da, db.
    @usableFromInline
    internal mutating func addTerm(_ na: BigInt, _ nb: BigInt, _ da: BigInt, _ db: BigInt) {
        let termNegative = na.isNegative != nb.isNegative
        // Room for the cofactor D / (da db) after any extension of D, and for the term numerator.
        let qCap = den.limbCount + da.limbCount + db.limbCount + 2
        let tCap = qCap + na.limbCount + nb.limbCount + 1
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * qCap + 2 * tCap) { buffer in
            let base = buffer.baseAddress.unsafelyUnwrapped
            var q = base, spare = base + qCap
            let t = base + 2 * qCap, u = t + tCap
            // q = D, then divide by db and da (extending D where they do not divide it).
            var qn = den.withMagnitude { p, n in q.update(from: p, count: n); return n }
            for step in 0..<2 {
                let f = step == 0 ? db : da
                if f.isOne { continue }
                if let n = DotAccumulator.divideExactly(q, qn, by: f, into: spare) {
                    swap(&q, &spare)
                    qn = n
                } else {
                    qn = extend(q, qn, toBeDivisibleBy: f)
                }
            }
            // t = |na| |nb| q
            let pn = na.withMagnitude { ap, an in
                nb.withMagnitude { bp, bn in
                    Limbs.multiply(u, ap, an, bp, bn)
                    return Limbs.normalizedCount(u, an + bn)
                }
            }
            let tn: Int
            if qn == 1 && q[0] == 1 {
                t.update(from: u, count: pn)
                tn = pn
            } else {
                Limbs.multiply(t, u, pn, q, qn)
                tn = Limbs.normalizedCount(t, pn + qn)
            }
            if termNegative { negative.add(t, tn) } else { positive.add(t, tn) }
        }
    }

    /// Writes x / f to r when f (> 0) divides x[0..<n] exactly and returns the quotient's limb
    /// count; returns nil (r clobbered, x intact) when it does not.
    @usableFromInline
    internal static func divideExactly(_ x: ConstLimbPointer, _ n: Int, by f: BigInt, into r: LimbPointer) -> Int? {
        if f.heap == nil {
            let w = UInt64(bitPattern: f.word)
            if w & (w - 1) == 0 {
                // Power of two: a shift.
                let k = w.trailingZeroBitCount
                if x[0] & (w - 1) != 0 { return nil }
                Limbs.shiftRight(r, x, n, k)
                return Limbs.normalizedCount(r, n)
            }
            if Limbs.divRem1(r, x, n, w) != 0 { return nil }
            return Limbs.normalizedCount(r, n)
        }
        return f.withMagnitude { fp, fn in
            if n < fn { return nil }
            return Limbs.withKnuthDivision(x, n, fp, fn) { qp, qn, rp, rn in
                if Limbs.normalizedCount(rp, rn) != 0 { return nil }
                r.update(from: qp, count: qn)
                return Limbs.normalizedCount(r, qn)
            }
        }
    }

    /// f does not divide q = x[0..<n]: with g = gcd(q, f), multiplies D and both sums by f / g
    /// (so that the new q, q f / g, is divisible by f) and replaces q by the quotient q / g.
    /// Returns the new count of q. Allocates (the rare path).
    @usableFromInline
    internal mutating func extend(_ x: LimbPointer, _ n: Int, toBeDivisibleBy f: BigInt) -> Int {
        if f.heap == nil {
            // Word factor: word gcd, in-place word multiplications, no gcd of big numbers.
            let w = UInt64(bitPattern: f.word)
            let g = Limbs.gcd(w, Limbs.mod1(x, n, w))
            let m = w / g
            den = den.multiplied(byLimb: m, negative: false)
            positive.multiply(byWord: m)
            negative.multiply(byWord: m)
            if g == 1 { return n }
            if g & (g - 1) == 0 {
                Limbs.shiftRight(x, x, n, g.trailingZeroBitCount)
            } else {
                _ = Limbs.divRem1(x, x, n, g)
            }
            return Limbs.normalizedCount(x, n)
        }
        let qValue = BigInt.build(capacity: n, negative: false) { r in r.update(from: x, count: n); return n }
        let g = BigInt.gcd(qValue, f)
        let m = f.dividedExactly(by: g)
        den = den * m
        positive.multiply(by: m)
        negative.multiply(by: m)
        return qValue.dividedExactly(by: g).withMagnitude { p, c in x.update(from: p, count: c); return c }
    }
}

/// An unsigned running sum of magnitudes, grown in place with headroom.
@usableFromInline
internal struct LimbSum: Sendable {
    /// The magnitude's limbs (count may include zero limbs on top); nil for zero.
    @usableFromInline var storage: BigInt = BigInt(inline: 0)

    @inlinable init() {}

    /// self += p[0..<n].
    @usableFromInline
    mutating func add(_ p: ConstLimbPointer, _ n: Int) {
        if n == 0 { return }
        let current = storage.heap?.count ?? 0
        let needed = Swift.max(current, n) + 1
        if storage.heap == nil || !isKnownUniquelyReferenced(&storage.heap) || storage.heap.unsafelyUnwrapped.limbCapacity < needed {
            let old = storage
            let b = LimbBuffer.allocate(capacity: Swift.max(needed + 4, 2 * current))
            let c = old.withMagnitude { op, on in b.limbs.update(from: op, count: on); return on }
            b.count = c
            storage = BigInt(heapLimbs: b, negative: false)
        }
        let b = storage.heap.unsafelyUnwrapped
        let r = b.limbs
        let c = b.count
        if c >= n {
            r[c] = Limbs.add(r, r, c, p, n)
            b.count = c + 1
        } else {
            r[n] = Limbs.add(r, p, n, r, c)
            b.count = n + 1
        }
        if r[b.count - 1] == 0 { b.count -= 1 }
    }

    /// self *= m (m > 0), in place.
    @usableFromInline
    mutating func multiply(byWord m: UInt64) {
        guard let b = storage.heap else {
            let (hi, lo) = storage.word.magnitude.multipliedFullWidth(by: m)
            storage = BigInt(high: hi, low: lo, negative: false)
            return
        }
        let c = b.count
        if !isKnownUniquelyReferenced(&storage.heap) || b.limbCapacity < c + 1 {
            let nb = b.copy(capacity: 2 * c + 4)
            storage = BigInt(heapLimbs: nb, negative: false)
        }
        let h = storage.heap.unsafelyUnwrapped
        let r = h.limbs
        r[c] = m & (m - 1) == 0
            ? (m == 1 ? 0 : Limbs.shiftLeft(r, r, c, m.trailingZeroBitCount))
            : Limbs.mul1(r, r, c, m)
        h.count = r[c] == 0 ? c : c + 1
    }

    /// self *= m (m > 0).
    @usableFromInline
    mutating func multiply(by m: BigInt) {
        let v = magnitude
        if v.isZero { return }
        storage = BigInt(inline: 0)
        let product = v * m
        product.withMagnitude { p, n in add(p, n) }
    }

    /// The sum as a canonical `BigInt`.
    @usableFromInline
    var magnitude: BigInt {
        guard let b = storage.heap else { return storage }
        return withExtendedLifetime(b) {
            BigInt.build(capacity: b.count, negative: false) { r in r.update(from: b.limbs, count: b.count); return b.count }
        }
    }
}
