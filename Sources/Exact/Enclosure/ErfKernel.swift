/// erf at a positive dyadic point: the Taylor series in fixed point, or saturation.
enum ErfKernel {
    /// An enclosure [lower, upper] of erf(x) for x > 0, ends of at most p bits.
    ///
    /// Saturation: when 36 x^2 >= 25 (p + 1) (so x >= 1.4), 0 < erfc(x) <= e^(-x^2) / (x sqrt(pi))
    /// (erfc(x) = (2/sqrt(pi)) int_x^inf e^(-t^2) dt <= (2/sqrt(pi)) int_x^inf (t/x) e^(-t^2) dt)
    /// and e^(-x^2) <= 2^(-1.44 x^2) <= 2^-(p+1), so erf(x) lies in [1 - 2^-p, 1].
    ///
    /// Otherwise erf(x) = (2/sqrt(pi)) x S(y), y = x^2, S(y) = sum_n (-1)^n y^n / (n! (2n+1)),
    /// evaluated in fixed point with W = p + G + 2 bits(n) + max(top(x), 0) + 12 fraction bits,
    /// G = ceil(1.5 ceil(y)) >= y log2 e (the terms reach e^y before they cancel to S >= 1/(2x)).
    /// With Y = floor(y 2^W), c_0 = 2^W, c_n = floor(c_(n-1) Y / (2^W n)), terms
    /// floor(c_n / (2n+1)), stopping at the first N >= 2 ceil(y) with c_N = 0:
    ///   |sum - 2^W S(y)| <= E = (N + 2)^2 2^G, because
    /// - |c_n - 2^W y'^n / n!| <= 1 + |c_(n-1) - ...| y'/n (y' = Y 2^-W), so by induction it is at
    ///   most sum_(k <= n) prod_(i = k+1..n) y'/i <= n e^y' <= n 2^G; with the floor of each
    ///   term, the N terms are off by at most N(N+1)/2 2^G + N;
    /// - the tail after N: ratios y'/(n+1) <= 1/2, so it is below the N-th term, <= N 2^G;
    /// - y' vs y: |y - y'| <= 2^-W and |S'| <= e^y, at most 2^G units.
    /// Then the product with the enclosures of x (exact) and 2/sqrt(pi) (W bits) is rounded
    /// outward, and the upper end capped at 1.
    /// Width: at most 2^(3-p) erf(x): E 2^-W <= 2^(-p-10) S while N + 2 <= 2^bits(n estimate)
    /// (S >= 1/(2x) and the guard bits of W), plus three outward roundings.
    /// - Complexity: N ~ e y + W / log2(N / (e y)) terms, each a product by the odd part of Y and
    ///   a division by a word; at most about 2.5 p terms of 2p bits (y < 0.7 p).
    static func enclose(_ x: Dyadic, bits p: Int) -> (Dyadic, Dyadic) {
        let y = x * x
        if x.top > 32 || Dyadic.compare(y * Dyadic(36), Dyadic(25 * (p + 1))) >= 0 {
            return Enclosure.saturated(bits: p)
        }
        let yCeil = FixedPoint.bounds(y, fractionBits: 0).1.intValue ?? 0
        let g = (3 * yCeil + 1) / 2
        let nEstimate = 3 * yCeil + p / 2 + 16
        let w = p + g + 2 * (64 - UInt64(nEstimate).leadingZeroBitCount) + Swift.max(x.top, 0) + 12
        let (sum, terms) = series(y, fractionBits: w, minimumTerms: 2 * yCeil)
        let e = BigInt((terms + 2) * (terms + 2)) << g
        let (c1, c2) = EnclosureConstants.twoOverSqrtPi(bits: p + 16)
        let s1 = sum - e, s2 = sum + e
        var lower = Dyadic.zero
        if s1.signum > 0 {
            let cx = Dyadic.product(Dyadic(mantissa: c1, exponent: -(p + 16)), x, bits: p + 8, .down)
            lower = Dyadic.product(cx, Dyadic(mantissa: s1, exponent: -w), bits: p, .down)
        }
        let cx = Dyadic.product(Dyadic(mantissa: c2, exponent: -(p + 16)), x, bits: p + 8, .up)
        let upper = Dyadic.product(cx, Dyadic(mantissa: s2, exponent: -w), bits: p, .up)
        return (lower, Swift.min(upper, .one))
    }

    /// sum_n (-1)^n floor(c_n / (2n+1)) with c_n as above, and the index N of the zero term.
    static func series(_ y: Dyadic, fractionBits w: Int, minimumTerms: Int) -> (sum: BigInt, terms: Int) {
        let yFixed = FixedPoint.bounds(y, fractionBits: w).0
        var c = BigInt(1) << w
        var sum = c
        if yFixed.isZero { return (sum, 0) }
        let z = yFixed.trailingZeroBitCount
        let odd = yFixed >> z, shift = w - z
        var n = 1
        while true {
            c = (c * odd) >> shift
            c = c / BigInt(n)
            if c.isZero && n >= minimumTerms { return (sum, n) }
            let term = c / BigInt(2 * n + 1)
            if n & 1 == 1 { sum -= term } else { sum += term }
            n += 1
        }
    }
}
