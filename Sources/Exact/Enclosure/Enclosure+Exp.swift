extension Enclosure {
    /// The exponent bound: exp accepts upper ends below 2^40 and maps lower ends at or below
    /// -2^40 to the interval [0, 2^-(2^40)] (e^x < 2^-(2^40) there).
    public static let exponentialArgumentBound = 40

    /// An enclosure of e^x.
    ///
    /// - exp of the exact point 0 is the exact point 1; every other result is an interval.
    /// - Error bound: for a point argument (an exact rational or an interval of width 0) the
    ///   width is at most 2^(3-p) e^x (see `ExpKernel.enclose`); for an interval [a, b] it is
    ///   at most e^b - e^a plus 2^(3-p) e^b. An interval narrower than 2^-(p/2+2), such as an
    ///   exact non-dyadic point enclosed at p + 32 bits, costs one series: e^b <= e^a (1 + w + w^2)
    ///   for w = b - a <= 1 (e^w = 1 + w + w^2 (1/2 + w/6 + ...) <= 1 + w + w^2 (e - 2)).
    /// - Range: an upper end b >= 2^40 throws `EnclosureError.exponentialOverflow` (e^b would
    ///   need a binary exponent beyond 2^40); for x <= -2^40 the enclosure is [0, 2^-(2^40)]
    ///   (e^x <= e^(-2^40) < 2^-(2^40)), so softmax-like uses of very negative arguments work.
    /// - Complexity: O(sqrt(p)) squarings and O(sqrt(p)) Taylor terms at p + O(sqrt(p)) bits
    ///   (halving to |u| <= 2^-isqrt(p)), independent of the size of x.
    public func exp(precision p: Int) throws -> Enclosure {
        if case .exact(let q) = storage, q.isZero { return Enclosure(Rational.one) }
        Enclosure.check(precision: p)
        let (a, b) = ends(precision: p)
        let bound = Enclosure.exponentialArgumentBound
        if b.signum > 0 && b.top > bound { throw EnclosureError.exponentialOverflow }
        let aTooSmall = a.signum < 0 && a.top > bound
        if b.signum < 0 && b.top > bound {
            return Enclosure(storage: .interval(.zero, Dyadic(canonicalMantissa: BigInt(1), exponent: -(1 << bound))))
        }
        if aTooSmall { return Enclosure(storage: .interval(.zero, ExpKernel.enclose(b, bits: p).1)) }
        if a == b {
            let (l, h) = ExpKernel.enclose(a, bits: p)
            return Enclosure(storage: .interval(l, h))
        }
        let w = Dyadic.sum(b, -a, bits: 32, .up)
        let (l, h) = ExpKernel.enclose(a, bits: p)
        if w.top <= -(p / 2 + 2) {
            let factor = Dyadic.sum(.one, w + w * w, bits: p + 8, .up)
            return Enclosure(storage: .interval(l, Dyadic.product(h, factor, bits: p, .up)))
        }
        return Enclosure(storage: .interval(l, ExpKernel.enclose(b, bits: p).1))
    }
}
