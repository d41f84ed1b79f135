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
/// degree 11 at j/32, with coefficients erf^(n)(u0)/n! = (2/sqrt pi) (-1)^(n-1) H_(n-1)(u0) e^(-u0^2) / n!
/// (H the Hermite polynomials) enclosed once at 160 bits, evaluated by Horner's rule in ``Interval64``.
/// Remainder: |H_11(x)| e^(-x^2) <= 1.0865 sqrt(2^11 11!) (Abramowitz and Stegun 22.14.17), so it is at
/// most 1.13 * 1.09 * 285921 / 12! * 2^-60 < 2^-70; 2^-69 is added on both sides. For u >= 6,
/// 0 < erfc(u) <= e^(-u^2) / (u sqrt pi) < 2^-55, so erf(u) is in [1 - 2^-55, 1].
enum ErfKernel64 {
    static let degree = 11
    static let entries = 192
    static let coefficients: [[Interval64]] = (0..<entries).map(coefficients(at:))

    private static func coefficients(at j: Int) -> [Interval64] {
        let p = 160
        let u0 = Rational(j).divided(by: 32)
        let scale = try! Enclosure(Rational(2)).divided(by: Enclosure.pi(precision: p).squareRoot(precision: p), precision: p)
            .multiplied(by: try! Enclosure(-(u0 * u0)).exp(precision: p), precision: p)
        var c = [Interval64(Enclosure(u0).erf(precision: p))]
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
            c.append(Interval64(scale.multiplied(by: (sign * hermite).divided(by: factorial), precision: p)))
        }
        return c
    }

    static func bounds(_ u: Dyadic64) -> Interval64 {
        if u.isNegative { return -bounds(-u) }
        if u.isZero { return .zero }
        if u.exponent + 64 > 3 || Dyadic64.compare(u, Dyadic64(6)) >= 0 {
            return Interval64(lower: Dyadic64.difference(.one, Dyadic64.one.timesPowerOfTwo(-55), .down), upper: .one)
        }
        // j = floor(32 u) < 192.
        let shift = u.exponent + 5
        let j = shift >= 0 ? Int(u.significand << UInt64(shift)) : (shift > -64 ? Int(u.significand >> UInt64(-shift)) : 0)
        let t = Interval64(u) - Interval64(Dyadic64(j).timesPowerOfTwo(-5))
        let c = coefficients[j]
        var sum = c[degree]
        for n in stride(from: degree - 1, through: 0, by: -1) { sum = c[n] + t * sum }
        let slack = Dyadic64.one.timesPowerOfTwo(-69)
        return Interval64(lower: Dyadic64.difference(sum.lower, slack, .down),
                          upper: Dyadic64.min(Dyadic64.sum(sum.upper, slack, .up), .one))
    }
}
