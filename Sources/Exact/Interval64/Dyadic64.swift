/// A dyadic number ±m 2^e whose significand m has at most 64 bits: the ends of an ``Interval64``.
///
/// Invariant: zero is m = 0, e = 0, positive; every other value is normalized, 2^63 <= m < 2^64, so
/// two values are equal iff their fields are. Every operation that cannot be exact rounds in a
/// stated direction (``RoundingDirection``), so a lower end stays below and an upper end above.
@frozen
public struct Dyadic64: Sendable, Hashable {
    /// m: 0, or in [2^63, 2^64).
    public let significand: UInt64
    /// e, the weight of the significand's lowest bit.
    public let exponent: Int
    public let isNegative: Bool

    @inlinable @inline(__always)
    internal init(normalized m: UInt64, exponent e: Int, negative: Bool) {
        (significand, exponent, isNegative) = (m, e, negative)
    }

    public static let zero = Dyadic64(normalized: 0, exponent: 0, negative: false)
    public static let one = Dyadic64(normalized: 1 << 63, exponent: -63, negative: false)

    @inlinable public var isZero: Bool { significand == 0 }

    /// -1, 0 or 1.
    @inlinable public var signum: Int { significand == 0 ? 0 : (isNegative ? -1 : 1) }

    @inlinable
    public static prefix func - (a: Dyadic64) -> Dyadic64 {
        a.isZero ? a : Dyadic64(normalized: a.significand, exponent: a.exponent, negative: !a.isNegative)
    }

    /// |a|.
    @inlinable public var magnitude: Dyadic64 { Dyadic64(normalized: significand, exponent: exponent, negative: false) }

    /// a 2^n, exact.
    @inlinable
    public func timesPowerOfTwo(_ n: Int) -> Dyadic64 {
        isZero ? self : Dyadic64(normalized: significand, exponent: exponent + n, negative: isNegative)
    }

    /// The exact value as an arbitrary-precision dyadic.
    public var dyadic: Dyadic {
        isZero ? .zero : Dyadic(mantissa: BigInt(magnitude: significand, negative: isNegative), exponent: exponent)
    }

    /// `d` rounded to 64 bits in `direction` (exact when d's mantissa has at most 64 bits).
    public init(_ d: Dyadic, _ direction: RoundingDirection) {
        let r = d.rounded(toBits: 64, direction)
        if r.isZero { self = .zero; return }
        let m = r.mantissa.withMagnitude { p, _ in p[0] }
        let shift = m.leadingZeroBitCount
        self.init(normalized: m << UInt64(shift), exponent: r.exponent - shift, negative: r.signum < 0)
    }

    /// The value of a machine integer, exactly.
    public init(_ v: Int) {
        if v == 0 { self = .zero; return }
        let m = v.magnitude
        let shift = m.leadingZeroBitCount
        self.init(normalized: UInt64(m) << UInt64(shift), exponent: -shift, negative: v < 0)
    }

    /// a < b, a == b or a > b as -1, 0, 1.
    @inlinable
    public static func compare(_ a: Dyadic64, _ b: Dyadic64) -> Int {
        if a.signum != b.signum { return a.signum < b.signum ? -1 : 1 }
        if a.isZero { return 0 }
        let magnitudes: Int
        if a.exponent != b.exponent {
            magnitudes = a.exponent < b.exponent ? -1 : 1
        } else {
            magnitudes = a.significand == b.significand ? 0 : (a.significand < b.significand ? -1 : 1)
        }
        return a.isNegative ? -magnitudes : magnitudes
    }

    @inlinable public static func min(_ a: Dyadic64, _ b: Dyadic64) -> Dyadic64 { compare(a, b) <= 0 ? a : b }
    @inlinable public static func max(_ a: Dyadic64, _ b: Dyadic64) -> Dyadic64 { compare(a, b) >= 0 ? a : b }
}

extension Dyadic64: CustomStringConvertible {
    public var description: String { dyadic.description }
}
