extension Enclosure {
    /// Encloses f on [a, b] for an odd, increasing f with |f| < 1, given `kernel`, an enclosure
    /// of f at a positive point, and `slope` >= sup f'.
    ///
    /// Monotonicity maps the ends to the ends: f([a, b]) = [f(a), f(b)], with f(a) = -f(-a) for
    /// a < 0. An interval in x <= 0 is computed as the negation of f on [-b, -a], so f(-x) is
    /// exactly -f(x) as enclosures. A point costs one kernel call; so does a positive interval
    /// narrower than 2^(min(top(a), 0) - p - 12), by the mean value theorem
    /// f(b) <= f(a) + (b - a) slope (the excess over f(b) is then below 2^(-p-10) relative to
    /// f(a)); wider intervals cost two.
    static func oddIncreasing(_ a: Dyadic, _ b: Dyadic, bits p: Int, slope: Dyadic,
                              _ kernel: (Dyadic, Int) -> (Dyadic, Dyadic)) -> Enclosure {
        if b.signum < 0 || (b.isZero && !a.isZero) {
            return -oddIncreasing(-b, -a, bits: p, slope: slope, kernel)
        }
        if a.signum <= 0 {
            let lower = a.isZero ? Dyadic.zero : -kernel(-a, p).1
            return Enclosure(storage: .interval(lower, b.isZero ? .zero : kernel(b, p).1))
        }
        let (la, ha) = kernel(a, p)
        if a == b { return Enclosure(storage: .interval(la, ha)) }
        let w = Dyadic.sum(b, -a, bits: 32, .up)
        if w.top <= Swift.min(a.top, 0) - p - 12 {
            let h = Dyadic.sum(ha, Dyadic.product(w, slope, bits: 32, .up), bits: p, .up)
            return Enclosure(storage: .interval(la, Swift.min(h, .one)))
        }
        return Enclosure(storage: .interval(la, kernel(b, p).1))
    }

    /// [1 - 2^-p, 1] (ends of p bits): the saturated value of erf and tanh, for arguments where
    /// 1 - f < 2^-(p+1).
    static func saturated(bits p: Int) -> (Dyadic, Dyadic) {
        (Dyadic(mantissa: (BigInt(1) << p) - BigInt(1), exponent: -p), .one)
    }
}
