/// An unsigned running sum of magnitudes for `DotAccumulator`, grown in place with headroom.
///
/// Unlike a `BigInt`, the heap buffer may hold a small or zero value and spare capacity; it is
/// only read through `withMagnitude` and converted to a canonical `BigInt` by `magnitude`.
/// Copies share the buffer until one of them mutates (`isKnownUniquelyReferenced`).
@usableFromInline
internal struct LimbSum: Sendable {
    /// Inline small sums, or a heap buffer (count may include zero limbs on top).
    @usableFromInline var storage: BigInt = BigInt(inline: 0)

    /// The sum 0.
    @inlinable init() {}

    /// The value 1 (a starting product).
    @inlinable init(one: ()) { storage = BigInt(inline: 1) }

    /// The value v (>= 0).
    @inlinable init(_ v: BigInt) { storage = v.magnitude }

    /// Limbs of the value (an upper bound: may count zero limbs on top).
    @inlinable var limbCount: Int { storage.heap?.count ?? 1 }

    /// self += p[0..<n].
    @usableFromInline
    mutating func add(_ p: ConstLimbPointer, _ n: Int) {
        if n == 0 { return }
        let current = storage.heap?.count ?? 0
        let needed = Swift.max(current, n) + 1
        if storage.heap == nil || !isKnownUniquelyReferenced(&storage.heap) || storage.heap.unsafelyUnwrapped.limbCapacity < needed {
            let old = storage
            let b = LimbBuffer.allocate(capacity: Swift.max(needed + 4, 2 * current))
            let c = old.withMagnitude { op, on in b.limbs.update(from: op, count: on); return on }
            b.count = c
            storage = BigInt(heapLimbs: b, negative: false)
        }
        let b = storage.heap.unsafelyUnwrapped
        let r = b.limbs
        let c = b.count
        if c >= n {
            r[c] = Limbs.add(r, r, c, p, n)
            b.count = c + 1
        } else {
            r[n] = Limbs.add(r, p, n, r, c)
            b.count = n + 1
        }
        if r[b.count - 1] == 0 { b.count -= 1 }
    }

    /// self *= m (m > 0), in place.
    @usableFromInline
    mutating func multiply(byWord m: UInt64) {
        guard let b = storage.heap else {
            let (hi, lo) = storage.word.magnitude.multipliedFullWidth(by: m)
            storage = BigInt(high: hi, low: lo, negative: false)
            return
        }
        let c = b.count
        if !isKnownUniquelyReferenced(&storage.heap) || b.limbCapacity < c + 1 {
            let nb = b.copy(capacity: 2 * c + 4)
            storage = BigInt(heapLimbs: nb, negative: false)
        }
        let h = storage.heap.unsafelyUnwrapped
        let r = h.limbs
        r[c] = m & (m - 1) == 0
            ? (m == 1 ? 0 : Limbs.shiftLeft(r, r, c, m.trailingZeroBitCount))
            : Limbs.mul1(r, r, c, m)
        h.count = r[c] == 0 ? c : c + 1
    }

    /// self *= m (m > 0): one new buffer with headroom.
    @usableFromInline
    mutating func multiply(by m: BigInt) {
        if m.heap == nil { return multiply(byWord: UInt64(bitPattern: m.word)) }
        guard let b = storage.heap else {
            if storage.isZero { return }
            storage = m.multiplied(byLimb: storage.word.magnitude, negative: false)
            return
        }
        let c = Limbs.normalizedCount(b.limbs, b.count)
        if c == 0 { return }
        let product: LimbBuffer = m.withMagnitude { mp, mn in
            let nb = LimbBuffer.allocate(capacity: 2 * (c + mn) + 4)
            Limbs.multiply(nb.limbs, b.limbs, c, mp, mn)
            nb.count = Limbs.normalizedCount(nb.limbs, c + mn)
            return nb
        }
        storage = BigInt(heapLimbs: product, negative: false)
    }

    /// Copies the value to p (room for `limbCount` limbs); returns the normalised count.
    @inlinable @inline(__always)
    func copyMagnitude(to p: LimbPointer) -> Int {
        Limbs.normalizedCount(p, storage.copyMagnitude(to: p))
    }

    /// Calls body with the sum's limbs (count may be 0; no most significant zero limb).
    @inlinable
    func withMagnitude<R>(_ body: (ConstLimbPointer, Int) -> R) -> R {
        storage.withMagnitude { p, n in body(p, Limbs.normalizedCount(p, n)) }
    }

    /// The sum as a canonical `BigInt`.
    @usableFromInline
    var magnitude: BigInt {
        guard let b = storage.heap else { return storage }
        return withExtendedLifetime(b) {
            BigInt.build(capacity: b.count, negative: false) { r in r.update(from: b.limbs, count: b.count); return b.count }
        }
    }
}
