extension Enclosure {
    /// An enclosure of tanh(x) = (e^(2x) - 1) / (e^(2x) + 1).
    ///
    /// - tanh of the exact point 0 is the exact point 0; every other result is an interval
    ///   within [-1, 1].
    /// - Error bound: for a point argument the width is at most 2^(3-p) |tanh(x)| (see
    ///   `TanhKernel.enclose`), and [1 - 2^-p, 1] (or its negation) where |x| >= (p + 2) / 2;
    ///   for an interval [a, b], add tanh(b) - tanh(a).
    /// - Complexity: at most one exp kernel call at p + 8 bits per end, none once x saturates
    ///   or is below 2^-(p/2+2).
    public func tanh(precision p: Int) -> Enclosure {
        if case .exact(let q) = storage, q.isZero { return self }
        Enclosure.check(precision: p)
        let (a, b) = ends(precision: p)
        return Enclosure.oddIncreasing(a, b, bits: p, slope: .one, TanhKernel.enclose)
    }
}
