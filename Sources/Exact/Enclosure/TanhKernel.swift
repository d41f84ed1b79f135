/// tanh at a positive dyadic point, through e^(2x).
enum TanhKernel {
    /// An enclosure [lower, upper] of tanh(x) for x > 0, ends of at most p bits.
    ///
    /// - Saturation, 2x >= p + 2: 1 - tanh(x) = 2 / (e^(2x) + 1) < 2 e^(-2x) <= 2^-(p+1), so
    ///   tanh(x) lies in [1 - 2^-p, 1].
    /// - Tiny, x < 2^-(p/2+2): x - x^3/3 <= tanh(x) <= x (tanh x <= x, so tanh' = 1 - tanh^2 >=
    ///   1 - x^2), hence [x - x^3, x].
    /// - Small, x < 1/8: tanh(x) = E / (E + 2), E = e^(2x) - 1 in [A, B] from the fixed-point
    ///   exp kernel with -top(x) extra fraction bits (no cancellation is lost); E / (E + 2) is
    ///   increasing, so it lies in [A / (B + 2), B / (A + 2)].
    /// - Otherwise tanh(x) = 1 - 2 / (e^(2x) + 1), increasing in e^(2x), from an enclosure of
    ///   e^(2x) at p + 8 bits; each step rounded outward; the upper end capped at 1.
    /// Width: at most 2^(3-p) tanh(x) (the relative error of e^(2x) at p + 8 bits is damped by
    /// d tanh / dE * E / tanh <= 4 for x >= 1/8; then four roundings).
    static func enclose(_ x: Dyadic, bits p: Int) -> (Dyadic, Dyadic) {
        if x.top > 32 || Dyadic.compare(x.timesPowerOfTwo(1), Dyadic(p + 2)) >= 0 {
            return Enclosure.saturated(bits: p)
        }
        if x.top <= -(p / 2 + 2) {
            return (Dyadic.sum(x, -(x * x * x), bits: p, .down), x.rounded(toBits: p, .up))
        }
        let y = x.timesPowerOfTwo(1)
        if x.top <= -3 {
            let s = Swift.max(0, Int(FixedPoint.squareRoot(UInt64(p))) + y.top)
            let w = p + s + 16 - x.top
            let (lo, hi) = ExpKernel.scaled(y, k: 0, halvings: s, fractionBits: w)
            let one = BigInt(1) << w
            let a = lo - one, b = hi - one
            let lower = a.signum > 0 ? Dyadic.roundedQuotient(a, b + (one << 1), exponent: 0, bits: p, .down) : .zero
            let upper = Dyadic.roundedQuotient(b, a + (one << 1), exponent: 0, bits: p, .up)
            return (lower, upper)
        }
        let q = p + 8
        let (e1, e2) = ExpKernel.enclose(y, bits: q)
        let two = Dyadic(2)
        let lowerFraction = Dyadic.quotient(two, Dyadic.sum(e1, .one, bits: q, .down), bits: q, .up)
        let upperFraction = Dyadic.quotient(two, Dyadic.sum(e2, .one, bits: q, .up), bits: q, .down)
        let lower = Dyadic.sum(.one, -lowerFraction, bits: p, .down)
        let upper = Dyadic.sum(.one, -upperFraction, bits: p, .up)
        return (Swift.max(lower, .zero), Swift.min(upper, .one))
    }
}
