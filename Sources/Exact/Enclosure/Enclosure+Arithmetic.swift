/// Field operations. Exact operands give the exact result (`Rational` arithmetic, no rounding);
/// otherwise the result is the interval of the exact set of results, each end rounded outward
/// to p bits (correctly rounded for *, / and for + whose operands' bits lie within 2^(p+64) of
/// each other, see `Dyadic.sum`). Width: that of exact interval arithmetic plus at most one
/// unit in the p-th bit at each end.
/// - Complexity: O(1) big-integer operations of O(p + operand bits) bits; an exact operand is
///   first rounded to p + 32 bits.
extension Enclosure {
    /// The negation (exact: no rounding).
    public static prefix func - (a: Enclosure) -> Enclosure {
        switch a.storage {
        case .exact(let q): return Enclosure(-q)
        case .interval(let l, let h): return Enclosure(storage: .interval(-h, -l))
        }
    }

    /// self + b.
    public func adding(_ b: Enclosure, precision p: Int) -> Enclosure {
        if case .exact(let x) = storage, case .exact(let y) = b.storage { return Enclosure(x + y) }
        Enclosure.check(precision: p)
        let (a1, a2) = ends(precision: p), (b1, b2) = b.ends(precision: p)
        return Enclosure(storage: .interval(Dyadic.sum(a1, b1, bits: p, .down), Dyadic.sum(a2, b2, bits: p, .up)))
    }

    /// self - b.
    public func subtracting(_ b: Enclosure, precision p: Int) -> Enclosure { adding(-b, precision: p) }

    /// self * b. A factor that is exactly 0 gives exactly 0.
    public func multiplied(by b: Enclosure, precision p: Int) -> Enclosure {
        switch (storage, b.storage) {
        case (.exact(let x), .exact(let y)): return Enclosure(x * y)
        case (.exact(let x), .interval): return b.multiplied(by: x, precision: p)
        case (.interval, .exact(let y)): return multiplied(by: y, precision: p)
        case (.interval(let a1, let a2), .interval(let b1, let b2)):
            Enclosure.check(precision: p)
            let (l, h) = Enclosure.product(a1, a2, b1, b2, bits: p)
            return Enclosure(storage: .interval(l, h))
        }
    }

    /// self * q, each end one correctly rounded product. q = 0 gives exactly 0.
    public func multiplied(by q: Rational, precision p: Int) -> Enclosure {
        switch storage {
        case .exact(let x): return Enclosure(x * q)
        case .interval(let a1, let a2):
            if q.isZero { return Enclosure(Rational.zero) }
            Enclosure.check(precision: p)
            let (x, y) = q.signum > 0 ? (a1, a2) : (a2, a1)
            return Enclosure(storage: .interval(Dyadic.product(x, q, bits: p, .down), Dyadic.product(y, q, bits: p, .up)))
        }
    }

    /// self / q.
    /// - Throws: `EnclosureError.divisorContainsZero` when q = 0.
    public func divided(by q: Rational, precision p: Int) throws -> Enclosure {
        guard !q.isZero else { throw EnclosureError.divisorContainsZero }
        return multiplied(by: q.reciprocal, precision: p)
    }

    /// self / b.
    /// - Throws: `EnclosureError.divisorContainsZero` when b's enclosure contains 0 (then the
    ///   quotient is unbounded or undefined); a numerator exactly 0 gives exactly 0 otherwise.
    public func divided(by b: Enclosure, precision p: Int) throws -> Enclosure {
        switch (storage, b.storage) {
        case (_, .exact(let y)):
            return try divided(by: y, precision: p)
        case (.exact(let x), .interval(let b1, let b2)):
            guard b1.signum > 0 || b2.signum < 0 else { throw EnclosureError.divisorContainsZero }
            if x.isZero { return Enclosure(Rational.zero) }
            Enclosure.check(precision: p)
            // 1/[b1, b2] = [1/b2, 1/b1] for b of one sign; times x, the order follows x's sign.
            let (d, e) = x.signum > 0 ? (b2, b1) : (b1, b2)
            return Enclosure(storage: .interval(Dyadic.quotient(x, d, bits: p, .down), Dyadic.quotient(x, e, bits: p, .up)))
        case (.interval(let a1, let a2), .interval(let b1, let b2)):
            guard b1.signum > 0 || b2.signum < 0 else { throw EnclosureError.divisorContainsZero }
            Enclosure.check(precision: p)
            // x / y = (-x) / (-y): make the divisor positive.
            let (x1, x2, y1, y2) = b1.signum > 0 ? (a1, a2, b1, b2) : (-a2, -a1, -b2, -b1)
            let (n1, d1, n2, d2): (Dyadic, Dyadic, Dyadic, Dyadic)
            if x1.signum >= 0 {
                (n1, d1, n2, d2) = (x1, y2, x2, y1)
            } else if x2.signum <= 0 {
                (n1, d1, n2, d2) = (x1, y1, x2, y2)
            } else {
                (n1, d1, n2, d2) = (x1, y1, x2, y1)
            }
            return Enclosure(storage: .interval(Dyadic.quotient(n1, d1, bits: p, .down), Dyadic.quotient(n2, d2, bits: p, .up)))
        }
    }

    /// The ends of [a1, a2] * [b1, b2] by the signs of the factors (two products, four when
    /// both contain 0).
    internal static func product(_ a1: Dyadic, _ a2: Dyadic, _ b1: Dyadic, _ b2: Dyadic, bits p: Int) -> (Dyadic, Dyadic) {
        func lo(_ x: Dyadic, _ y: Dyadic) -> Dyadic { Dyadic.product(x, y, bits: p, .down) }
        func hi(_ x: Dyadic, _ y: Dyadic) -> Dyadic { Dyadic.product(x, y, bits: p, .up) }
        if a1.signum >= 0 {
            if b1.signum >= 0 { return (lo(a1, b1), hi(a2, b2)) }
            if b2.signum <= 0 { return (lo(a2, b1), hi(a1, b2)) }
            return (lo(a2, b1), hi(a2, b2))
        }
        if a2.signum <= 0 {
            if b1.signum >= 0 { return (lo(a1, b2), hi(a2, b1)) }
            if b2.signum <= 0 { return (lo(a2, b2), hi(a1, b1)) }
            return (lo(a1, b2), hi(a1, b1))
        }
        if b1.signum >= 0 { return (lo(a1, b2), hi(a2, b2)) }
        if b2.signum <= 0 { return (lo(a2, b1), hi(a1, b1)) }
        return (Swift.min(lo(a1, b2), lo(a2, b1)), Swift.max(hi(a1, b1), hi(a2, b2)))
    }
}
