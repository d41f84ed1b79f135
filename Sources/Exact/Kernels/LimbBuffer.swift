/// Heap storage for a `BigInt` magnitude: a count followed by limbs, in one allocation.
/// A buffer is only mutated while uniquely referenced (copy on write), so `BigInt` is Sendable.
///
/// A `ManagedBuffer` subclass rather than `[UInt64]`: its class metadata is resolved once, while
/// allocating an `Array` looks up generic metadata on every allocation on this platform (measured
/// as about 15% of the arithmetic benchmark's time before this change).
@usableFromInline
internal final class LimbBuffer: ManagedBuffer<LimbBuffer.Header, UInt64> {
    @usableFromInline
    struct Header {
        /// Number of initialised limbs.
        @usableFromInline var count: Int
        /// Number of limbs allocated.
        @usableFromInline var capacity: Int

        @inlinable init(count: Int, capacity: Int) {
            self.count = count
            self.capacity = capacity
        }
    }

    /// A buffer with room for at least `capacity` limbs and count 0.
    @inlinable
    static func allocate(capacity: Int) -> LimbBuffer {
        let b = LimbBuffer.create(minimumCapacity: capacity) { _ in Header(count: 0, capacity: capacity) }
        return unsafeDowncast(b, to: LimbBuffer.self)
    }

    /// Number of initialised limbs.
    /// (Through the header pointer: a class stored-property access would pay for dynamic
    /// exclusivity checking, measured at about 14% of the arithmetic benchmark.)
    @inlinable
    var count: Int {
        get { withUnsafeMutablePointerToHeader { $0.pointee.count } }
        set { withUnsafeMutablePointerToHeader { $0.pointee.count = newValue } }
    }

    /// Number of limbs allocated.
    @inlinable
    var limbCapacity: Int { withUnsafeMutablePointerToHeader { $0.pointee.capacity } }

    /// Pointer to the limbs; valid while this buffer is alive (callers keep a reference).
    @inlinable
    var limbs: LimbPointer { withUnsafeMutablePointerToElements { $0 } }

    /// A copy with the same limbs and at least `capacity` room.
    @inlinable
    func copy(capacity: Int) -> LimbBuffer {
        let n = count
        let b = LimbBuffer.allocate(capacity: Swift.max(capacity, n))
        b.limbs.update(from: limbs, count: n)
        b.count = n
        return b
    }

    /// A buffer holding the given limbs.
    @inlinable
    static func make(_ values: UInt64...) -> LimbBuffer {
        let b = LimbBuffer.allocate(capacity: values.count)
        for (i, v) in values.enumerated() { b.limbs[i] = v }
        b.count = values.count
        return b
    }
}
