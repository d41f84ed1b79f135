extension Interval64 {
    @inlinable
    public static prefix func - (a: Interval64) -> Interval64 { Interval64(lower: -a.upper, upper: -a.lower) }

    @inlinable
    public static func + (a: Interval64, b: Interval64) -> Interval64 {
        Interval64(lower: Dyadic64.sum(a.lower, b.lower, .down), upper: Dyadic64.sum(a.upper, b.upper, .up))
    }

    @inlinable
    public static func - (a: Interval64, b: Interval64) -> Interval64 {
        Interval64(lower: Dyadic64.difference(a.lower, b.upper, .down), upper: Dyadic64.difference(a.upper, b.lower, .up))
    }

    /// a w for a point w (one product per end).
    @inlinable
    public func times(_ w: Dyadic64) -> Interval64 {
        if w.isNegative {
            return Interval64(lower: Dyadic64.product(upper, w, .down), upper: Dyadic64.product(lower, w, .up))
        }
        return Interval64(lower: Dyadic64.product(lower, w, .down), upper: Dyadic64.product(upper, w, .up))
    }

    @inlinable
    public static func * (a: Interval64, b: Interval64) -> Interval64 {
        if a.isPoint { return b.times(a.lower) }
        if b.isPoint { return a.times(b.lower) }
        func lo(_ x: Dyadic64, _ y: Dyadic64) -> Dyadic64 { Dyadic64.product(x, y, .down) }
        func hi(_ x: Dyadic64, _ y: Dyadic64) -> Dyadic64 { Dyadic64.product(x, y, .up) }
        let (a1, a2, b1, b2) = (a.lower, a.upper, b.lower, b.upper)
        if a1.signum >= 0 {
            if b1.signum >= 0 { return Interval64(lower: lo(a1, b1), upper: hi(a2, b2)) }
            if b2.signum <= 0 { return Interval64(lower: lo(a2, b1), upper: hi(a1, b2)) }
            return Interval64(lower: lo(a2, b1), upper: hi(a2, b2))
        }
        if a2.signum <= 0 {
            if b1.signum >= 0 { return Interval64(lower: lo(a1, b2), upper: hi(a2, b1)) }
            if b2.signum <= 0 { return Interval64(lower: lo(a2, b2), upper: hi(a1, b1)) }
            return Interval64(lower: lo(a1, b2), upper: hi(a1, b1))
        }
        if b1.signum >= 0 { return Interval64(lower: lo(a1, b2), upper: hi(a2, b2)) }
        if b2.signum <= 0 { return Interval64(lower: lo(a2, b1), upper: hi(a1, b1)) }
        return Interval64(lower: Dyadic64.min(lo(a1, b2), lo(a2, b1)), upper: Dyadic64.max(hi(a1, b1), hi(a2, b2)))
    }

    /// a / b for b of one sign.
    /// - Throws: `EnclosureError.divisorContainsZero` when b contains 0.
    public static func / (a: Interval64, b: Interval64) throws -> Interval64 {
        guard b.isPositive || b.isNegative else { throw EnclosureError.divisorContainsZero }
        // x / y = (-x) / (-y): make the divisor positive.
        let (x1, x2, y1, y2) = b.isPositive ? (a.lower, a.upper, b.lower, b.upper) : (-a.upper, -a.lower, -b.upper, -b.lower)
        func lo(_ x: Dyadic64, _ y: Dyadic64) -> Dyadic64 { Dyadic64.quotient(x, y, .down) }
        func hi(_ x: Dyadic64, _ y: Dyadic64) -> Dyadic64 { Dyadic64.quotient(x, y, .up) }
        if x1.signum >= 0 { return Interval64(lower: lo(x1, y2), upper: hi(x2, y1)) }
        if x2.signum <= 0 { return Interval64(lower: lo(x1, y1), upper: hi(x2, y2)) }
        return Interval64(lower: lo(x1, y1), upper: hi(x2, y1))
    }

    /// sqrt(a) for a >= 0.
    /// - Throws: `EnclosureError.negativeSquareRoot` when a has a point below 0.
    public func squareRoot() throws -> Interval64 {
        guard lower.signum >= 0 else { throw EnclosureError.negativeSquareRoot }
        return Interval64(lower: Dyadic64.squareRoot(lower, .down), upper: Dyadic64.squareRoot(upper, .up))
    }

    /// a / 2, exactly.
    @inlinable
    public var half: Interval64 { Interval64(lower: lower.timesPowerOfTwo(-1), upper: upper.timesPowerOfTwo(-1)) }

    /// max(a, 0).
    @inlinable
    public var relu: Interval64 {
        Interval64(lower: Dyadic64.max(lower, .zero), upper: Dyadic64.max(upper, .zero))
    }

    /// The hull of a and b.
    @inlinable
    public static func hull(_ a: Interval64, _ b: Interval64) -> Interval64 {
        Interval64(lower: Dyadic64.min(a.lower, b.lower), upper: Dyadic64.max(a.upper, b.upper))
    }
}
