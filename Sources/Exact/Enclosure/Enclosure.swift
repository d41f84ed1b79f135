/// A real number known either exactly, as a `Rational` point, or to lie in an interval
/// [lower, upper] with `Dyadic` endpoints, lower <= upper.
///
/// Contract of every operation: if each operand's real value lies in its enclosure, the result
/// contains the real result (outward rounding). Exact points stay exact points through
/// `+ - * /` with exact points and through the functions at the points where their value is
/// rational (exp(0) = 1, sqrt of a perfect square); anything irrational turns into an interval
/// whose endpoints have at most p significant bits, p the `precision` passed to the operation.
/// An exact point that meets an interval or an irrational function is first enclosed in
/// dyadics of p + 32 bits (exact when it fits), so denominators never grow across intervals.
///
/// Precision: every operation that may round takes `precision` p in bits, with
/// 2 <= p <= `maximumPrecision` (a precondition: the caller chooses it, not its input).
@frozen
public struct Enclosure: Sendable, Hashable {
    @usableFromInline
    internal enum Storage: Sendable, Hashable {
        case exact(Rational)
        case interval(Dyadic, Dyadic)
    }

    @usableFromInline internal var storage: Storage

    /// The largest accepted precision, 2^16 bits.
    public static let maximumPrecision = 1 << 16

    @inlinable @inline(__always)
    internal init(storage: Storage) { self.storage = storage }

    /// The exact point v.
    @inlinable
    public init(_ v: Rational) { storage = .exact(v) }

    /// The exact point v.
    @inlinable
    public init(_ v: Int) { storage = .exact(Rational(v)) }

    /// The interval [lower, upper].
    /// - Precondition: lower <= upper.
    public init(lower: Dyadic, upper: Dyadic) {
        precondition(Dyadic.compare(lower, upper) <= 0, "Enclosure: lower end above upper end")
        storage = .interval(lower, upper)
    }

    /// The exact value, or nil for an interval (even one of width 0).
    @inlinable
    public var exactValue: Rational? {
        if case .exact(let q) = storage { return q }
        return nil
    }

    @inlinable public var isExact: Bool { exactValue != nil }

    /// The dyadic endpoints of an interval; nil for an exact point.
    @inlinable
    public var interval: (lower: Dyadic, upper: Dyadic)? {
        if case .interval(let a, let b) = storage { return (a, b) }
        return nil
    }

    /// The lower end as an exact rational. - Complexity: O(|exponent|) bits (see `Dyadic.rational`).
    public var lowerBound: Rational {
        switch storage {
        case .exact(let q): return q
        case .interval(let a, _): return a.rational
        }
    }

    /// The upper end as an exact rational. - Complexity: as `lowerBound`.
    public var upperBound: Rational {
        switch storage {
        case .exact(let q): return q
        case .interval(_, let b): return b.rational
        }
    }

    /// Dyadic bounds: an interval's own ends, or an exact point rounded outward to p + 32 bits
    /// (the point itself, twice, when it is a dyadic that fits).
    @inlinable
    internal func ends(precision p: Int) -> (Dyadic, Dyadic) {
        switch storage {
        case .interval(let a, let b): return (a, b)
        case .exact(let q): return Enclosure.ends(of: q, precision: p)
        }
    }

    @usableFromInline
    internal static func ends(of q: Rational, precision p: Int) -> (Dyadic, Dyadic) {
        if let d = Dyadic(exactly: q), d.mantissa.bitLength <= p + 32 { return (d, d) }
        return (Dyadic(q, bits: p + 32, .down), Dyadic(q, bits: p + 32, .up))
    }

    /// Checks a precision argument.
    @inlinable @inline(__always)
    internal static func check(precision p: Int) {
        precondition(p >= 2 && p <= maximumPrecision, "Enclosure: precision \(p) outside 2...\(maximumPrecision)")
    }

    /// Checks lower <= upper and the endpoints' canonical form (tests).
    public func checkInvariants() {
        switch storage {
        case .exact(let q): q.checkInvariants()
        case .interval(let a, let b):
            a.checkInvariants()
            b.checkInvariants()
            precondition(Dyadic.compare(a, b) <= 0, "Enclosure: lower end above upper end")
        }
    }
}

extension Enclosure: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Enclosure: CustomStringConvertible {
    /// "q" for an exact point, "[lo, hi]" (dyadic text) for an interval.
    public var description: String {
        switch storage {
        case .exact(let q): return q.description
        case .interval(let a, let b): return "[\(a), \(b)]"
        }
    }
}
