/// A closed interval [lower, upper] with ``Dyadic64`` ends: the fast counterpart of ``Enclosure`` at
/// a working precision of 64 bits, for the accelerator's replay of SPEC.md section 11.
///
/// Contract: every operation returns an interval holding every real result of its operation applied
/// to points of its operands (outward rounding); none allocates. Unlike ``Enclosure`` nothing stays an
/// exact rational: a rational that is not a 64-bit dyadic becomes the two 64-bit dyadics around it.
@frozen
public struct Interval64: Sendable, Hashable {
    public let lower: Dyadic64
    public let upper: Dyadic64

    /// [lower, upper]; lower <= upper is the caller's promise (checked in debug builds).
    @inlinable @inline(__always)
    public init(lower: Dyadic64, upper: Dyadic64) {
        assert(Dyadic64.compare(lower, upper) <= 0, "Interval64: lower end above upper end")
        (self.lower, self.upper) = (lower, upper)
    }

    /// The point [d, d].
    @inlinable public init(_ d: Dyadic64) { self.init(lower: d, upper: d) }

    public static let zero = Interval64(Dyadic64.zero)
    public static let one = Interval64(Dyadic64.one)

    /// The narrowest interval with 64-bit ends around q.
    public init(_ q: Rational) {
        if let d = Dyadic(exactly: q), d.mantissa.bitLength <= 64 {
            self.init(Dyadic64(d, .down))
            return
        }
        self.init(lower: Dyadic64(Dyadic(q, bits: 64, .down), .down), upper: Dyadic64(Dyadic(q, bits: 64, .up), .up))
    }

    /// An interval with the same ends as `e` rounded outward to 64 bits.
    public init(_ e: Enclosure) {
        if let q = e.exactValue { self.init(q); return }
        let (a, b) = e.interval!
        self.init(lower: Dyadic64(a, .down), upper: Dyadic64(b, .up))
    }

    /// The same interval as an ``Enclosure``; a point is the exact rational it is.
    public var enclosure: Enclosure {
        isPoint ? Enclosure(lower.dyadic.rational) : Enclosure(lower: lower.dyadic, upper: upper.dyadic)
    }

    @inlinable public var isPoint: Bool { lower == upper }
    /// Every point is > 0.
    @inlinable public var isPositive: Bool { lower.signum > 0 }
    /// Every point is < 0.
    @inlinable public var isNegative: Bool { upper.signum < 0 }
}

extension Interval64: CustomStringConvertible {
    public var description: String { "[\(lower), \(upper)]" }
}
