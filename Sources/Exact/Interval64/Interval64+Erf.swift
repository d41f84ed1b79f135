extension Interval64 {
    /// erf(a), increasing: [lo erf(lower), hi erf(upper)], one kernel evaluation when the interval is
    /// narrow (erf' <= 2/sqrt(pi) < 5/4).
    public func erf() -> Interval64 {
        let l = ErfKernel64.bounds(lower)
        if lower == upper { return l }
        let w = Dyadic64.difference(upper, lower, .up)
        if w.exponent + 64 <= -20 {
            let slope = Dyadic64.product(w, Dyadic64(5).timesPowerOfTwo(-2), .up)
            return Interval64(lower: l.lower, upper: Dyadic64.min(Dyadic64.sum(l.upper, slope, .up), .one))
        }
        return Interval64(lower: l.lower, upper: ErfKernel64.bounds(upper).upper)
    }
}

/// Bounds of erf(u) for a ``Dyadic64`` u, about 2^-60 apart.
///
/// erf is odd. For 0 <= u < 6, u = j/32 + t with 0 <= t < 1/32, erf(u) is its Taylor polynomial of
/// degree 11 at u0 = j/32, with coefficients erf^(n)(u0)/n! = (2/sqrt pi) (-1)^(n-1) H_(n-1)(u0) e^(-u0^2) / n!
/// (H the Hermite polynomials) enclosed once at 160 bits and held to 120 fraction bits, evaluated by
/// Horner's rule in fixed point at t truncated to 64 fraction bits: a floor chain and a ceiling chain
/// (t >= 0 keeps each on its side). Remainder: |H_11(x)| e^(-x^2) <= 1.0865 sqrt(2^11 11!)
/// (Abramowitz and Stegun 22.14.17), so it is at most 1.13 * 1.09 * 285921 / 12! * 2^-60 < 2^-70;
/// 2^-69 is allowed on both sides. The truncation of t (< 2^-64) moves erf by less than 2^-63.8, added
/// above. For u >= 6, 0 < erfc(u) <= e^(-u^2) / (u sqrt pi) < 2^-55, so erf(u) is in [1 - 2^-55, 1].
enum ErfKernel64 {
    static let degree = 11
    static let entries = 192
    static let fractionBits = 120
    /// Per table entry, floor and ceiling of each coefficient 2^120.
    static let coefficients: [[(lo: Int128, hi: Int128)]] = (0..<entries).map(coefficients(at:))

    private static func coefficients(at j: Int) -> [(lo: Int128, hi: Int128)] {
        let p = 160
        let u0 = Rational(j).divided(by: 32)
        let scale = try! Enclosure(Rational(2)).divided(by: Enclosure.pi(precision: p).squareRoot(precision: p), precision: p)
            .multiplied(by: try! Enclosure(-(u0 * u0)).exp(precision: p), precision: p)
        var c = [Enclosure(u0).erf(precision: p)]
        // H_0 = 1, H_1 = 2x, H_(m+1) = 2x H_m - 2m H_(m-1), exactly at u0.
        var (previous, hermite) = (Rational.zero, Rational.one)
        var factorial = 1
        for n in 1...degree {
            let m = n - 1
            if m > 0 {
                (previous, hermite) = (hermite, Rational(2) * u0 * hermite - Rational(2 * (m - 1)) * previous)
            }
            factorial *= n
            let sign = Rational(m % 2 == 0 ? 1 : -1)
            c.append(scale.multiplied(by: (sign * hermite).divided(by: factorial), precision: p))
        }
        return c.map { e in
            let (a, b) = e.interval ?? (Dyadic(exactly: e.exactValue!)!, Dyadic(exactly: e.exactValue!)!)
            return (FixedPointTable.signedFixed(a, fractionBits: fractionBits, .down),
                    FixedPointTable.signedFixed(b, fractionBits: fractionBits, .up))
        }
    }

    /// floor (`up` false) or ceiling of x t / 2^64, for t >= 0 and |x| < 2^122.
    @inline(__always)
    private static func multiply(_ x: Int128, _ t: UInt64, up: Bool) -> Int128 {
        let m = x.magnitude
        let (h, l) = UInt64(truncatingIfNeeded: m).multipliedFullWidth(by: t)
        var q = UInt128(UInt64(truncatingIfNeeded: m >> 64)) * UInt128(t) + UInt128(h)
        let lost = l != 0
        // floor of a negative product is minus the ceiling of its magnitude, and the reverse.
        if lost && (up != (x < 0)) { q += 1 }
        return x < 0 ? -Int128(q) : Int128(q)
    }

    static func bounds(_ u: Dyadic64) -> Interval64 {
        if u.isNegative { return -bounds(-u) }
        if u.isZero { return .zero }
        if u.top > 3 || Dyadic64.compare(u, Dyadic64(6)) >= 0 {
            return Interval64(lower: Dyadic64.difference(.one, Dyadic64.one.timesPowerOfTwo(-55), .down), upper: .one)
        }
        // U = floor(u 2^64) < 6 2^64; j = floor(32 u), t = U mod 2^59 (64 fraction bits).
        let shift = u.exponent + 64
        let U: UInt128 = shift >= 0 ? UInt128(u.significand) << shift : (shift > -64 ? UInt128(u.significand >> UInt64(-shift)) : 0)
        let j = Int(U >> 59)
        let t = UInt64(truncatingIfNeeded: U & ((1 << 59) - 1))
        let c = coefficients[j]
        var (lo, hi) = c[degree]
        for n in stride(from: degree - 1, through: 0, by: -1) {
            lo = c[n].lo + multiply(lo, t, up: false)
            hi = c[n].hi + multiply(hi, t, up: true)
        }
        // Remainder 2^-69 = 2^51 units on both sides; the truncation of t, 2^-63.8 < 2^57 units, above.
        let e = -fractionBits
        return Interval64(lower: Dyadic64(lo - (1 << 51), exponent: e, .down),
                          upper: Dyadic64.min(Dyadic64(hi + (1 << 51) + (1 << 57), exponent: e, .up), .one))
    }
}
