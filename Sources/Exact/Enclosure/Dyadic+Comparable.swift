extension Dyadic: Comparable {
    @inlinable
    public static func < (a: Dyadic, b: Dyadic) -> Bool { compare(a, b) < 0 }

    /// Three-way comparison: -1, 0 or 1.
    /// - Complexity: O(1) when the magnitudes differ in bit position (`top`); otherwise one
    ///   shift by the exponent difference, which is then at most the mantissas' bit length.
    public static func compare(_ a: Dyadic, _ b: Dyadic) -> Int {
        let sa = a.signum, sb = b.signum
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let ta = a.top, tb = b.top
        if ta != tb { return (ta < tb) == (sa > 0) ? -1 : 1 }
        let e = Swift.min(a.exponent, b.exponent)
        return BigInt.compare(a.mantissa << (a.exponent - e), b.mantissa << (b.exponent - e))
    }

    /// Three-way comparison of a dyadic with a rational: -1, 0 or 1.
    /// - Complexity: O(1) by bit positions when they differ by 2 or more; otherwise products and
    ///   shifts of the size of the operands (the shift is bounded by their bit lengths).
    public static func compare(_ a: Dyadic, _ q: Rational) -> Int {
        let sa = a.signum, sq = q.signum
        if sa != sq { return sa < sq ? -1 : 1 }
        if sa == 0 { return 0 }
        // |q| lies in (2^(bn-bd-1), 2^(bn-bd+1)); |a| in [2^(ta-1), 2^ta).
        let n = q.numerator.magnitude, d = q.denominator
        let ta = a.top, lq = n.bitLength - d.bitLength
        let magnitudeOrder: Int
        if ta - 1 >= lq + 1 {
            magnitudeOrder = 1
        } else if ta <= lq - 1 {
            magnitudeOrder = -1
        } else {
            let left = a.mantissa.magnitude * d
            magnitudeOrder = a.exponent >= 0
                ? BigInt.compare(left << a.exponent, n)
                : BigInt.compare(left, n << (-a.exponent))
        }
        return sa > 0 ? magnitudeOrder : -magnitudeOrder
    }
}
