extension Enclosure {
    /// Encloses f on [a, b] for an odd, increasing f with |f| < 1, given `kernel`, an enclosure
    /// of f at a positive point, and `slope` >= sup f'.
    ///
    /// Monotonicity maps the ends to the ends: f([a, b]) = [f(a), f(b)]. A point costs one
    /// kernel call; so does an interval narrower than 2^(min(top(a), 0) - p - 12), by the mean
    /// value theorem f(b) <= f(a) + (b - a) slope (the excess over f(b) is then below 2^(-p-10)
    /// relative to f(a)); wider intervals cost two.
    static func oddIncreasing(_ a: Dyadic, _ b: Dyadic, bits p: Int, slope: Dyadic,
                              _ kernel: (Dyadic, Int) -> (Dyadic, Dyadic)) -> Enclosure {
        func at(_ x: Dyadic) -> (Dyadic, Dyadic) {
            if x.isZero { return (.zero, .zero) }
            if x.signum > 0 { return kernel(x, p) }
            let (l, h) = kernel(-x, p)
            return (-h, -l)
        }
        let (la, ha) = at(a)
        if a == b { return Enclosure(storage: .interval(la, ha)) }
        if !a.isZero {
            let w = Dyadic.sum(b, -a, bits: 32, .up)
            if w.top <= Swift.min(a.top, 0) - p - 12 {
                let h = Dyadic.sum(ha, Dyadic.product(w, slope, bits: 32, .up), bits: p, .up)
                return Enclosure(storage: .interval(la, Swift.min(h, .one)))
            }
        }
        return Enclosure(storage: .interval(la, at(b).1))
    }

    /// [1 - 2^-p, 1] (ends of p bits): the saturated value of erf and tanh, for arguments where
    /// 1 - f < 2^-(p+1).
    static func saturated(bits p: Int) -> (Dyadic, Dyadic) {
        (Dyadic(mantissa: (BigInt(1) << p) - BigInt(1), exponent: -p), .one)
    }
}
