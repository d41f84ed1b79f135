extension Rational: Hashable, Comparable {
    /// Equality of values (the representation is canonical).
    @inlinable
    public static func == (a: Rational, b: Rational) -> Bool {
        switch (a.storage, b.storage) {
        case let (.small(n, d), .small(m, e)): return n == m && d == e
        case let (.big(f), .big(g)): return f.numerator == g.numerator && f.denominator == g.denominator
        default: return false   // the form is fixed by the value
        }
    }

    /// Hashes the canonical (lowest-terms) representation, so 2/4 and 1/2 hash alike.
    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .small(let n, let d):
            hasher.combine(n)
            hasher.combine(d)
        case .big(let f):
            hasher.combine(f.numerator)
            hasher.combine(f.denominator)
        }
    }

    /// Order by cross-multiplication: a/b < c/d iff a d < c b (b, d > 0); full-width
    /// products in the small form.
    @inlinable
    public static func < (a: Rational, b: Rational) -> Bool {
        if let (n, d) = a.smallParts, let (m, e) = b.smallParts {
            if d == e { return n < m }
            return Rational.compareSmall(n, d, m, e) < 0
        }
        return compareBig(a, b) < 0
    }

    /// Three-way comparison through `BigInt`.
    @usableFromInline
    internal static func compareBig(_ a: Rational, _ b: Rational) -> Int {
        if a.num.signum != b.num.signum { return a.num.signum < b.num.signum ? -1 : 1 }
        if a.den == b.den { return BigInt.compare(a.num, b.num) }
        return BigInt.compare(a.num * b.den, b.num * a.den)
    }
}
