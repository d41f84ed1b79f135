/// Word-level fast paths for rationals whose numerator and denominator fit in `Int64`.
///
/// Each returns nil when an intermediate overflows; the caller then takes the `BigInt` path.
/// Formulas from Knuth, TAOCP vol. 2, 4.5.1 (gcd-first addition and multiplication keep
/// intermediates small and results in lowest terms without a final full gcd).
extension Rational {
    /// n/d in lowest terms for words (d != 0); nil when a result part does not fit `Int64`.
    @inlinable
    internal static func reducedSmall(_ n: Int64, _ d: Int64) -> Rational? {
        if n == 0 { return .zero }
        if d == 1 { return Rational(smallNumerator: n, denominator: 1) }
        if d > 0 && d & (d &- 1) == 0 {
            // A power of two (dyadic data, sums of it): cancel 2^min(tz(n), tz(d)), an exact shift.
            let k = Swift.min(n.trailingZeroBitCount, d.trailingZeroBitCount)
            return Rational(smallNumerator: n >> Int64(k), denominator: d >> Int64(k))
        }
        let g = Limbs.gcd(n.magnitude, d.magnitude)
        if g == 1 && d > 0 { return Rational(smallNumerator: n, denominator: d) }
        let shift = g.trailingZeroBitCount
        let (nm, dm) = g == 1 << shift ? (n.magnitude >> shift, d.magnitude >> shift) : (n.magnitude / g, d.magnitude / g)
        guard dm <= UInt64(Int64.max) else { return nil }
        let negative = (n < 0) != (d < 0)
        if negative {
            guard nm <= 1 << 63 else { return nil }
            return Rational(smallNumerator: Int64(bitPattern: 0 &- nm), denominator: Int64(dm))
        }
        guard nm <= UInt64(Int64.max) else { return nil }
        return Rational(smallNumerator: Int64(nm), denominator: Int64(dm))
    }

    /// a/b + c/d for reduced words with b, d > 0.
    @inlinable
    internal static func addSmall(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational? {
        if b & (b &- 1) == 0 && d & (d &- 1) == 0 && b != d {
            // Dyadic with different powers of two: scale the smaller one up; the numerator of
            // the addend with the larger denominator is odd, so the sum is odd: lowest terms.
            let (x, y, small, large) = b < d ? (a, c, b, d) : (c, a, d, b)
            let (p, o1) = x.multipliedReportingOverflow(by: large / small)
            let (s, o2) = p.addingReportingOverflow(y)
            if o1 || o2 { return nil }
            return Rational(smallNumerator: s, denominator: large)
        }
        if b == d {
            let (s, o) = a.addingReportingOverflow(c)
            if o { return nil }
            if b == 1 { return Rational(smallNumerator: s, denominator: 1) }
            if s == 0 { return .zero }
            if b & (b &- 1) == 0 {
                // Same power of two: cancel 2^min(tz(s), tz(b)).
                let k = Swift.min(s.trailingZeroBitCount, b.trailingZeroBitCount)
                return Rational(smallNumerator: s >> Int64(k), denominator: b >> Int64(k))
            }
            let g = Int64(bitPattern: Limbs.gcd(s.magnitude, UInt64(bitPattern: b)))
            return Rational(smallNumerator: s / g, denominator: b / g)
        }
        let g1 = Int64(bitPattern: Limbs.gcd(UInt64(bitPattern: b), UInt64(bitPattern: d)))
        if g1 == 1 {
            // gcd(b, d) = 1: (a d + c b) / (b d) is already in lowest terms.
            let (p1, o1) = a.multipliedReportingOverflow(by: d)
            let (p2, o2) = c.multipliedReportingOverflow(by: b)
            let (s, o3) = p1.addingReportingOverflow(p2)
            let (q, o4) = b.multipliedReportingOverflow(by: d)
            if o1 || o2 || o3 || o4 { return nil }
            return Rational(smallNumerator: s, denominator: q)
        }
        let bg = b / g1, dg = d / g1
        let (p1, o1) = a.multipliedReportingOverflow(by: dg)
        let (p2, o2) = c.multipliedReportingOverflow(by: bg)
        let (t, o3) = p1.addingReportingOverflow(p2)
        if o1 || o2 || o3 { return nil }
        if t == 0 { return .zero }
        // gcd(t, g1); for a power-of-two g1 this is a trailing-zero count.
        let g2 = Int64(bitPattern: Limbs.gcd(t.magnitude, UInt64(bitPattern: g1)))
        let (q, o4) = bg.multipliedReportingOverflow(by: d / g2)
        if o4 { return nil }
        return Rational(smallNumerator: t / g2, denominator: q)
    }

    /// (a/b) * (c/d) for reduced words with b, d > 0; never fails (full-width fallback).
    @inlinable
    internal static func multiplySmall(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational {
        if a == 0 || c == 0 { return .zero }
        let g1 = Int64(bitPattern: Limbs.gcd(a.magnitude, UInt64(bitPattern: d)))
        let g2 = Int64(bitPattern: Limbs.gcd(c.magnitude, UInt64(bitPattern: b)))
        let na = a / g1, nc = c / g2, db = b / g2, dd = d / g1
        let (n, o1) = na.multipliedReportingOverflow(by: nc)
        let (q, o2) = db.multipliedReportingOverflow(by: dd)
        if !o1 && !o2 { return Rational(smallNumerator: n, denominator: q) }
        let (nh, nl) = na.magnitude.multipliedFullWidth(by: nc.magnitude)
        let (qh, ql) = db.magnitude.multipliedFullWidth(by: dd.magnitude)
        return Rational(reducedNumerator: BigInt(high: nh, low: nl, negative: (na < 0) != (nc < 0)),
                        denominator: BigInt(high: qh, low: ql, negative: false))
    }

    /// Sign of a/b - c/d for words with b, d > 0, by full-width cross products.
    @inlinable
    internal static func compareSmall(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Int {
        let l = a.multipliedFullWidth(by: d)
        let r = c.multipliedFullWidth(by: b)
        if l.high != r.high { return l.high < r.high ? -1 : 1 }
        return l.low < r.low ? -1 : (l.low == r.low ? 0 : 1)
    }
}
