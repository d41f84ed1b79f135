/// An arbitrary-precision signed integer.
///
/// Values in the `Int64` range are stored inline (no heap allocation, fast paths with overflow
/// detection); larger values keep a sign-magnitude heap form on 64-bit limbs, least significant
/// limb first. The representation is canonical, so equal values have equal storage and hash
/// alike. Invariants (`checkInvariants()`): the heap form is used exactly when the value does
/// not fit in `Int64`, its magnitude has no most significant zero limb, and then `word` is the
/// sign, -1 or 1.
///
/// All operations are exact. Division by zero is a programmer error (precondition).
@frozen
public struct BigInt {
    /// Inline form: the value itself. Heap form: the sign, -1 or 1.
    @usableFromInline internal var word: Int64
    /// nil for the inline form; otherwise the magnitude, normalised and outside the `Int64` range.
    /// Never mutated while shared (copy-on-write through `isKnownUniquelyReferenced`).
    @usableFromInline internal var heap: LimbBuffer?

    /// The inline value v.
    @inlinable @inline(__always)
    internal init(inline v: Int64) {
        word = v
        heap = nil
    }

    /// The heap form; the caller guarantees `limbs` is normalised and outside the `Int64` range.
    @inlinable @inline(__always)
    internal init(heapLimbs limbs: LimbBuffer, negative: Bool) {
        word = negative ? -1 : 1
        heap = limbs
    }

    /// The value with magnitude `limbs` (most significant zero limbs allowed) and the given sign.
    @inlinable
    internal init(magnitude limbs: [UInt64], negative: Bool) {
        self = limbs.withUnsafeBufferPointer { p in
            BigInt.build(capacity: p.count, negative: negative) { r in
                if let base = p.baseAddress { r.update(from: base, count: p.count) }
                return p.count
            }
        }
    }

    /// The value with a one-limb magnitude and the given sign.
    @inlinable @inline(__always)
    internal init(magnitude m: UInt64, negative: Bool) {
        if negative {
            if m <= 1 << 63 { self.init(inline: Int64(bitPattern: 0 &- m)) } else { self.init(heapLimbs: .make(m), negative: true) }
        } else {
            if m <= UInt64(Int64.max) { self.init(inline: Int64(bitPattern: m)) } else { self.init(heapLimbs: .make(m), negative: false) }
        }
    }

    /// The value with the two-limb magnitude high * 2^64 + low and the given sign.
    @inlinable
    internal init(high: UInt64, low: UInt64, negative: Bool) {
        if high == 0 { self.init(magnitude: low, negative: negative) } else { self.init(heapLimbs: .make(low, high), negative: negative) }
    }

    /// Builds a value whose magnitude has at most `capacity` limbs, written by `fill` into
    /// uninitialised storage; `fill` returns how many limbs it wrote (zeros on top allowed).
    @inlinable
    internal static func build(capacity: Int, negative: Bool,
                               _ fill: (LimbPointer) -> Int) -> BigInt {
        let buffer = LimbBuffer.allocate(capacity: Swift.max(capacity, 1))
        let p = buffer.limbs
        let count = Limbs.normalizedCount(p, fill(p))
        if count <= 1 {
            let m = count == 0 ? 0 : p[0]
            if negative ? m <= 1 << 63 : m <= UInt64(Int64.max) {
                return BigInt(inline: negative ? Int64(bitPattern: 0 &- m) : Int64(bitPattern: m))
            }
        }
        buffer.count = count
        let value = BigInt(heapLimbs: buffer, negative: negative)
        #if DEBUG
        value.checkInvariants()
        #endif
        return value
    }

    /// The value of a machine integer.
    @inlinable
    public init(_ v: Int) { self.init(inline: Int64(v)) }

    /// The value of an unsigned 64-bit integer.
    @inlinable
    public init(_ v: UInt64) { self.init(magnitude: v, negative: false) }

    /// The value of a signed 64-bit integer.
    @inlinable
    public init(_ v: Int64) { self.init(inline: v) }

    /// True for values below zero.
    @inlinable @inline(__always) internal var isNegative: Bool { word < 0 }

    /// True for zero.
    @inlinable public var isZero: Bool { heap == nil && word == 0 }

    /// -1, 0 or 1 according to the sign.
    @inlinable public var signum: Int { Int(word.signum()) }

    /// The absolute value.
    @inlinable
    public var magnitude: BigInt {
        if let h = heap { return BigInt(heapLimbs: h, negative: false) }
        return BigInt(magnitude: word.magnitude, negative: false)
    }

    /// Number of limbs of the magnitude (0 for zero).
    @inlinable
    internal var limbCount: Int {
        if let h = heap { return h.count }
        return word == 0 ? 0 : 1
    }

    /// Calls `body` with the magnitude as a limb pointer and count (count 0 for zero).
    @inlinable
    internal func withMagnitude<R>(_ body: (ConstLimbPointer, Int) throws -> R) rethrows -> R {
        if heap != nil {
            // A guaranteed (+0) reference: self keeps the buffer alive during body, so the
            // buffer needs no retain/release (measured: ~10% of the dot-product benchmark).
            return try Unmanaged.passUnretained(heap.unsafelyUnwrapped)._withUnsafeGuaranteedRef { h in
                try body(h.limbs, h.count)
            }
        }
        var m = word.magnitude
        let count = m == 0 ? 0 : 1
        return try withUnsafePointer(to: &m) { try body($0, count) }
    }

    /// Copies the magnitude to p (room for `max(limbCount, 1)` limbs); returns the limb count.
    @inlinable @inline(__always)
    internal func copyMagnitude(to p: LimbPointer) -> Int {
        if heap == nil {
            p[0] = word.magnitude
            return word == 0 ? 0 : 1
        }
        // A guaranteed (+0) reference: self keeps the buffer alive, so no retain is needed.
        return Unmanaged.passUnretained(heap.unsafelyUnwrapped)._withUnsafeGuaranteedRef { h in
            let n = h.count
            p.update(from: h.limbs, count: n)
            return n
        }
    }

    /// Number of bits of |self|; 0 for 0.
    /// - Complexity: O(1).
    @inlinable
    public var bitLength: Int {
        if let h = heap { return h.count * 64 - h.limbs[h.count - 1].leadingZeroBitCount }
        return 64 - word.magnitude.leadingZeroBitCount
    }

    /// The value as an `Int` when it is exactly representable, else nil.
    @inlinable
    public var intValue: Int? { heap == nil ? Int(word) : nil }

    /// Number of trailing zero bits of |self| (0 for 0): the exponent of 2 in it. O(limbs).
    @inlinable
    public var trailingZeroBitCount: Int {
        if let h = heap {
            return withExtendedLifetime(h) {
                let p = h.limbs
                var i = 0
                while p[i] == 0 { i += 1 }
                return i * 64 + p[i].trailingZeroBitCount
            }
        }
        return word == 0 ? 0 : word.trailingZeroBitCount
    }

    /// Checks the representation invariants; traps when one is broken. O(1). Called by tests and,
    /// in debug builds, on every heap value the kernels build.
    public func checkInvariants() {
        guard let buffer = heap else { return }
        let n = buffer.count
        precondition(word == 1 || word == -1, "BigInt: heap form without a sign word")
        precondition(n <= buffer.limbCapacity, "BigInt: count beyond capacity")
        withExtendedLifetime(buffer) {
            let h = buffer.limbs
            precondition(n >= 1 && h[n - 1] != 0, "BigInt: most significant limb is zero")
            if n == 1 {
                precondition(word < 0 ? h[0] > 1 << 63 : h[0] > UInt64(Int64.max), "BigInt: heap form of an Int64 value")
            }
        }
    }
}

extension BigInt: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt {
    /// Zero.
    public static let zero = BigInt(0)
}

/// `@unchecked`: the heap buffer is a class, but it is never mutated while shared (every
/// in-place mutation first checks `isKnownUniquelyReferenced`), so values are safe to send.
extension BigInt: @unchecked Sendable {}
