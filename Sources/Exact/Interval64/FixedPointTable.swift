/// Constants of the 64-bit function kernels as fixed-point integers with directed rounding, derived
/// once from ``Enclosure`` (the arbitrary-precision enclosures) at 160 bits.
enum FixedPointTable {
    /// floor (`.down`) or ceiling (`.up`) of d 2^f as a sign and a magnitude below 2^bits.
    private static func rounded(_ d: Dyadic, fractionBits f: Int, _ direction: RoundingDirection,
                                bits: Int) -> (negative: Bool, magnitude: UInt128) {
        let shift = d.exponent + f
        let m: BigInt
        if shift >= 0 {
            m = d.mantissa << shift
        } else {
            m = direction == .down ? d.mantissa >> (-shift) : -((-d.mantissa) >> (-shift))
        }
        precondition(m.bitLength <= bits, "FixedPointTable: constant out of range")
        let magnitude = m.withMagnitude { p, n in
            n == 0 ? UInt128(0) : (n == 1 ? UInt128(p[0]) : UInt128(p[1]) << 64 | UInt128(p[0]))
        }
        return (m.signum < 0, magnitude)
    }

    /// floor (`.down`) or ceiling (`.up`) of d 2^f, for 0 <= d 2^f < 2^128.
    static func fixed(_ d: Dyadic, fractionBits f: Int, _ direction: RoundingDirection) -> UInt128 {
        precondition(d.signum >= 0, "FixedPointTable: negative constant")
        return rounded(d, fractionBits: f, direction, bits: 128).magnitude
    }

    /// floor (`.down`) or ceiling (`.up`) of d 2^f, for |d 2^f| < 2^127.
    static func signedFixed(_ d: Dyadic, fractionBits f: Int, _ direction: RoundingDirection) -> Int128 {
        let (negative, magnitude) = rounded(d, fractionBits: f, direction, bits: 127)
        return negative ? -Int128(magnitude) : Int128(magnitude)
    }

    /// floor and ceiling of c 2^f for the constant enclosed by `e` (ends at least 160 bits precise).
    static func fixed(_ e: Enclosure, fractionBits f: Int) -> (lo: UInt128, hi: UInt128) {
        let (a, b) = e.interval ?? (Dyadic(exactly: e.exactValue!)!, Dyadic(exactly: e.exactValue!)!)
        return (fixed(a, fractionBits: f, .down), fixed(b, fractionBits: f, .up))
    }
}
