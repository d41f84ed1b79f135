/// Fixed-point helpers for the series kernels: a real v is held as an integer V with v ~ V * 2^-W
/// (W "fraction bits"), and every rounding states its direction.
enum FixedPoint {
    /// ceil(a / 2^k) for k >= 0 (`>>` on `BigInt` is the floor).
    @inlinable @inline(__always)
    static func ceilShift(_ a: BigInt, _ k: Int) -> BigInt { -((-a) >> k) }

    /// (floor(x * 2^W), ceil(x * 2^W)): equal when x has at most W fraction bits.
    static func bounds(_ x: Dyadic, fractionBits w: Int) -> (BigInt, BigInt) {
        let s = x.exponent + w
        if s >= 0 {
            let v = x.mantissa << s
            return (v, v)
        }
        let lo = x.mantissa >> (-s)
        return (lo, lo + BigInt(1))   // x is canonical: an odd mantissa always loses bits here
    }

    /// floor(sqrt(n)) for n >= 0: Newton's iteration x <- floor((x + floor(n / x)) / 2) from a
    /// start x0 >= sqrt(n), which decreases strictly until it reaches floor(sqrt(n)) (Crandall and
    /// Pomerance, Prime Numbers, Algorithm 9.2.11). The start comes from the integer square root
    /// of the top 62 bits, so about log2(bits / 32) iterations follow.
    /// - Precondition: n >= 0.
    static func squareRoot(_ n: BigInt) -> BigInt {
        precondition(n.signum >= 0, "FixedPoint.squareRoot of a negative number")
        if n.bitLength <= 62, let v = n.intValue { return BigInt(squareRoot(UInt64(v))) }
        // n < (T + 1) * 2^sh <= (isqrt(T) + 1)^2 * 2^sh with T = n >> sh.
        let sh = 2 * ((n.bitLength - 61) / 2)
        let t = (n >> sh).intValue ?? 0
        var x = BigInt(squareRoot(UInt64(t)) + 1) << (sh / 2)
        while true {
            let y = (x + n / x) >> 1
            if y >= x { return x }
            x = y
        }
    }

    /// floor(sqrt(v)) for a word, by the same iteration.
    static func squareRoot(_ v: UInt64) -> UInt64 {
        if v < 2 { return v }
        var x: UInt64 = 1 << UInt64((64 - v.leadingZeroBitCount + 1) / 2)
        while true {
            let y = (x + v / x) >> 1
            if y >= x { return x }
            x = y
        }
    }
}
