/// The answer to "how do two enclosed reals compare?", decided only where the enclosures prove it.
public enum EnclosureOrder: Sendable, Hashable {
    /// Every value of the first lies below every value of the second.
    case less
    /// Every value of the first lies above every value of the second.
    case greater
    /// Both are the same exact point (intervals are never certainly equal).
    case equal
    /// The enclosures overlap (or touch): the order of the reals is not known.
    case undecided
}

/// Order, containment and intersection. All exact (no rounding, no precision); the cost is that
/// of comparing the bounds (`Dyadic.compare`).
extension Enclosure {
    /// An end of an enclosure: a rational (exact point) or a dyadic (interval).
    internal enum End {
        case rational(Rational)
        case dyadic(Dyadic)

        /// Three-way comparison of two ends.
        static func compare(_ x: End, _ y: End) -> Int {
            switch (x, y) {
            case (.rational(let a), .rational(let b)): return a < b ? -1 : (a == b ? 0 : 1)
            case (.dyadic(let a), .dyadic(let b)): return Dyadic.compare(a, b)
            case (.dyadic(let a), .rational(let b)): return Dyadic.compare(a, b)
            case (.rational(let a), .dyadic(let b)): return -Dyadic.compare(b, a)
            }
        }
    }

    internal var lowerEnd: End {
        switch storage {
        case .exact(let q): return .rational(q)
        case .interval(let a, _): return .dyadic(a)
        }
    }

    internal var upperEnd: End {
        switch storage {
        case .exact(let q): return .rational(q)
        case .interval(_, let b): return .dyadic(b)
        }
    }

    /// The certain order of a and b: `less` iff a's upper end < b's lower end, `greater`
    /// symmetrically, `equal` iff both are the same exact point, else `undecided`.
    public static func compare(_ a: Enclosure, _ b: Enclosure) -> EnclosureOrder {
        if case .exact(let x) = a.storage, case .exact(let y) = b.storage {
            return x < y ? .less : (x == y ? .equal : .greater)
        }
        if End.compare(a.upperEnd, b.lowerEnd) < 0 { return .less }
        if End.compare(a.lowerEnd, b.upperEnd) > 0 { return .greater }
        return .undecided
    }

    /// The sign of the enclosed real when certain (-1, 0 only for the exact point 0, or 1);
    /// nil when the enclosure contains 0 and is not the point 0.
    public var certainSign: Int? {
        switch Enclosure.compare(self, Enclosure(Rational.zero)) {
        case .less: return -1
        case .greater: return 1
        case .equal: return 0
        case .undecided: return nil
        }
    }

    /// True when lower <= q <= upper.
    public func contains(_ q: Rational) -> Bool {
        End.compare(lowerEnd, .rational(q)) <= 0 && End.compare(.rational(q), upperEnd) <= 0
    }

    /// True when the two enclosures intersect (closed ends). Two sound enclosures of the same
    /// real always meet.
    public func meets(_ b: Enclosure) -> Bool {
        End.compare(lowerEnd, b.upperEnd) <= 0 && End.compare(b.lowerEnd, upperEnd) <= 0
    }

    /// upper - lower rounded up to p bits: an upper bound on the width (exact when it fits);
    /// 0 for an exact point.
    public func width(precision p: Int) -> Dyadic {
        switch storage {
        case .exact: return .zero
        case .interval(let a, let b): return Dyadic.sum(b, -a, bits: p, .up)
        }
    }

    /// An enclosure of min(a, b): a or b itself when it is certainly the smaller (or both are
    /// exact), else the interval of the smaller ends (exact points enclosed at p + 32 bits).
    public static func minimum(_ a: Enclosure, _ b: Enclosure, precision p: Int) -> Enclosure {
        extremum(a, b, precision: p, smaller: true)
    }

    /// An enclosure of max(a, b); see `minimum`.
    public static func maximum(_ a: Enclosure, _ b: Enclosure, precision p: Int) -> Enclosure {
        extremum(a, b, precision: p, smaller: false)
    }

    private static func extremum(_ a: Enclosure, _ b: Enclosure, precision p: Int, smaller: Bool) -> Enclosure {
        if case .exact(let x) = a.storage, case .exact(let y) = b.storage {
            return Enclosure(smaller == (x <= y) ? x : y)
        }
        // a <= b for certain: a's upper end <= b's lower end.
        if End.compare(a.upperEnd, b.lowerEnd) <= 0 { return smaller ? a : b }
        if End.compare(b.upperEnd, a.lowerEnd) <= 0 { return smaller ? b : a }
        check(precision: p)
        let (a1, a2) = a.ends(precision: p), (b1, b2) = b.ends(precision: p)
        if smaller { return Enclosure(storage: .interval(Swift.min(a1, b1), Swift.min(a2, b2))) }
        return Enclosure(storage: .interval(Swift.max(a1, b1), Swift.max(a2, b2)))
    }

    /// An enclosure of max(x, 0) (exact: no rounding, no precision); the exact point 0 when the
    /// enclosure lies in x <= 0, since max(x, 0) is then exactly 0.
    public var relu: Enclosure {
        switch storage {
        case .exact(let q): return Enclosure(q.relu)
        case .interval(let a, let b):
            if b.signum <= 0 { return Enclosure(Rational.zero) }
            return Enclosure(storage: .interval(Swift.max(a, .zero), b))
        }
    }
}
