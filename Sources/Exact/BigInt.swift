/// An arbitrary-precision signed integer.
///
/// Sign-magnitude representation on 64-bit limbs, least significant limb first.
/// Invariants (checked by `checkInvariants()`): no most significant zero limb, and zero is
/// never negative (zero is the empty limb array).
///
/// All operations are exact. Division by zero is a programmer error (precondition).
@frozen
public struct BigInt: Sendable {
    /// Magnitude, least significant limb first, without most significant zero limbs.
    @usableFromInline internal var limbs: [UInt64]
    /// True exactly when the value is negative.
    @usableFromInline internal var negative: Bool

    /// Builds a value from a magnitude that may carry most significant zero limbs.
    @inlinable
    internal init(limbs: [UInt64], negative: Bool) {
        var l = limbs
        while let last = l.last, last == 0 { l.removeLast() }
        self.limbs = l
        self.negative = negative && !l.isEmpty
    }

    /// Builds a value from an already normalised magnitude (no most significant zero limb).
    @inlinable
    internal init(normalizedLimbs limbs: [UInt64], negative: Bool) {
        self.limbs = limbs
        self.negative = negative && !limbs.isEmpty
    }

    /// The value of a machine integer.
    @inlinable
    public init(_ v: Int) {
        if v == 0 {
            self.limbs = []
            self.negative = false
        } else {
            self.limbs = [v.magnitude.toUInt64]
            self.negative = v < 0
        }
    }

    /// The value of an unsigned 64-bit integer.
    @inlinable
    public init(_ v: UInt64) {
        self.limbs = v == 0 ? [] : [v]
        self.negative = false
    }

    /// The value of a signed 64-bit integer.
    @inlinable
    public init(_ v: Int64) {
        self.limbs = v == 0 ? [] : [v.magnitude]
        self.negative = v < 0
    }

    /// Zero.
    public static let zero = BigInt(0)

    /// True for zero.
    @inlinable public var isZero: Bool { limbs.isEmpty }

    /// -1, 0 or 1 according to the sign.
    @inlinable public var signum: Int { limbs.isEmpty ? 0 : (negative ? -1 : 1) }

    /// The absolute value.
    @inlinable public var magnitude: BigInt { BigInt(normalizedLimbs: limbs, negative: false) }

    /// Number of bits of |self|; 0 for 0.
    /// - Complexity: O(1).
    @inlinable
    public var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    /// The value as an `Int` when it is exactly representable, else nil.
    @inlinable
    public var intValue: Int? {
        switch limbs.count {
        case 0: return 0
        case 1:
            let m = limbs[0]
            if negative {
                if m <= UInt64(Int64.max) { return -Int(m) }
                if m == UInt64(Int64.max) + 1 { return Int.min }
                return nil
            }
            return m <= UInt64(Int64.max) ? Int(m) : nil
        default: return nil
        }
    }

    /// Number of trailing zero bits of |self| (0 for 0).
    @inlinable
    internal var trailingZeroBitCount: Int {
        var i = 0
        while i < limbs.count {
            if limbs[i] != 0 { return i * 64 + limbs[i].trailingZeroBitCount }
            i += 1
        }
        return 0
    }

    /// Checks the representation invariants; traps when one is broken (tests and debug builds).
    public func checkInvariants() {
        precondition(limbs.last != 0, "BigInt: most significant limb is zero")
        precondition(!(negative && limbs.isEmpty), "BigInt: negative zero")
    }
}

extension UInt {
    @inlinable internal var toUInt64: UInt64 { UInt64(self) }
}

extension BigInt: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: Int) { self.init(value) }
}
