extension Dyadic64 {
    /// 1 + the position of the highest bit: |a| < 2^top; Int.min for zero.
    @inlinable public var top: Int { isZero ? Int.min : exponent + 64 }

    /// floor (`.down`) or ceiling (`.up`) of a 2^-e, for a with |a| < 2^(e + 62) (`top <= e + 62`,
    /// so the result's magnitude is at most 2^62).
    @inlinable
    public func fixedPoint(exponent e: Int, _ direction: RoundingDirection) -> Int64 {
        if isZero { return 0 }
        precondition(top <= e + 62, "Dyadic64: \(self) does not fit 62 bits at exponent \(e)")
        let shift = e - exponent          // >= 2, since the significand has 64 bits
        var m: UInt64 = shift < 64 ? significand >> UInt64(shift) : 0
        let lost = shift >= 64 || significand << UInt64(64 - shift) != 0
        if lost && (direction == .up) != isNegative { m += 1 }
        return isNegative ? -Int64(m) : Int64(m)
    }

    /// v 2^e rounded to 64 bits in `direction`.
    @inlinable
    public init(_ v: Int128, exponent e: Int, _ direction: RoundingDirection) {
        self = Dyadic64.rounding(v.magnitude, exponent: e, negative: v < 0, sticky: false, direction)
    }
}
