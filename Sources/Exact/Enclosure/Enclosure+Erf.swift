extension Enclosure {
    /// An enclosure of erf(x) = (2/sqrt(pi)) int_0^x e^(-t^2) dt.
    ///
    /// - erf of the exact point 0 is the exact point 0; every other result is an interval
    ///   within [-1, 1].
    /// - Error bound: for a point argument the width is at most 2^(3-p) |erf(x)| (see
    ///   `ErfKernel.enclose`), and [1 - 2^-p, 1] (or its negation) where |x| >= 0.84 sqrt(p + 1);
    ///   for an interval [a, b], add erf(b) - erf(a).
    /// - Complexity: bounded by p whatever the size of x: at most about 2.5 p series terms of
    ///   about 2p bits, none once x saturates.
    public func erf(precision p: Int) -> Enclosure {
        if case .exact(let q) = storage, q.isZero { return self }
        Enclosure.check(precision: p)
        let (a, b) = ends(precision: p)
        return Enclosure.oddIncreasing(a, b, bits: p, slope: Dyadic(mantissa: BigInt(5), exponent: -2),
                                       ErfKernel.enclose)
    }
}
