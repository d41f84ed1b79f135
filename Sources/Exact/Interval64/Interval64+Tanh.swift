extension Interval64 {
    /// tanh(a), increasing: tanh(x) = 1 - 2 / (e^(2x) + 1) at each end, to about 2^-61 absolute (not
    /// relative: near 0 the subtraction cancels); for |x| >= 32 the result is
    /// within 2 e^-64 < 2^-90 of +-1.
    public func tanh() -> Interval64 {
        Interval64(lower: Interval64.tanh(lower).lower, upper: Interval64.tanh(upper).upper)
    }

    private static func tanh(_ x: Dyadic64) -> Interval64 {
        if x.isZero { return .zero }
        if x.isNegative { return -tanh(-x) }
        if Dyadic64.compare(x, Dyadic64(32)) >= 0 {
            return Interval64(lower: Dyadic64.difference(.one, Dyadic64.one.timesPowerOfTwo(-90), .down), upper: .one)
        }
        let e = try! Interval64(x.timesPowerOfTwo(1)).exp()   // 2x < 64: no overflow
        let ratio = try! Interval64(Dyadic64(2)) / (e + .one)   // e + 1 > 1
        let t = Interval64.one - ratio
        return Interval64(lower: Dyadic64.max(t.lower, .zero), upper: Dyadic64.min(t.upper, .one))
    }
}
