/// Rows of machine integers, each stored once, with their ids in order of first insertion; an
/// open-addressing hash table (linear probing, load <= 1/2) finds a row's id.
///
/// A slot holds the top 32 bits of the row's hash next to its id, so a probe reads a stored row only
/// when those agree: usually one cache miss per lookup even when the table is far larger than the
/// caches. A row's first slot is the top `log2(capacity)` bits of its hash, so growing the table moves
/// the slots without reading or hashing a row.
struct RowTable {
    let width: Int
    /// The distinct rows, in order of id.
    private(set) var rows: RowStore
    var count: Int { rows.count }
    /// Slot: (fingerprint << 32) | (id + 1), 0 for empty, the fingerprint being the hash's top 32 bits.
    /// The capacity is a power of two, at most 2^32.
    private var slots: [UInt64]
    private var mask: Int
    /// 32 - log2(capacity): a fingerprint shifted right by it is the row's first slot.
    private var shift: UInt64

    init(width: Int, expectedRows: Int) {
        self.width = width
        var capacity = 16
        while capacity < 2 * expectedRows && capacity < Self.maxCapacity { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt64(32 - capacity.trailingZeroBitCount)
        rows = RowStore(width: width)
    }

    /// The id of `row` (of `width` entries), inserting it when new.
    /// - Complexity: O(width) expected.
    mutating func id(of row: [Int]) -> Int {
        precondition(count < Self.maxCapacity / 2, "RowTable: more than 2^31 - 1 rows")
        if 2 * (count + 1) > slots.count { grow() }
        let h = Self.hash(width) { row[$0] }
        let fingerprint = h >> 32
        var slot = Int(fingerprint >> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 {
                slots[slot] = fingerprint << 32 | UInt64(count + 1)
                rows.append(row)
                return count - 1
            }
            let id = Int(stored & 0xFFFF_FFFF) - 1
            if stored >> 32 == fingerprint && matches(id, row) { return id }
            slot = (slot + 1) & mask
        }
    }

    private func matches(_ id: Int, _ row: [Int]) -> Bool {
        for c in 0..<width where rows[id, c] != row[c] { return false }
        return true
    }

    /// Multiplies every entry of every row by `factor` (> 0), keeping the ids; false (and the table
    /// unusable) when an entry overflows an `Int`. Distinct rows stay distinct.
    /// - Complexity: O(rows * width).
    mutating func rescale(by factor: Int) -> Bool {
        precondition(factor > 0, "RowTable: the factor must be positive")
        guard factor > 1 else { return true }
        guard rows.multiply(by: factor) else { return false }
        rehash(capacity: slots.count)
        return true
    }

    /// The most slots: a 32-bit fingerprint names the first slot of at most 2^32.
    static let maxCapacity = 1 << 32

    /// Twice the slots, filled from the old ones' fingerprints (no row is read).
    private mutating func grow() {
        let old = slots
        resize(capacity: slots.count * 2)
        for stored in old where stored != 0 { place(stored) }
    }

    /// Rebuilds the slots for the rows (their hashes change when the rows do).
    private mutating func rehash(capacity: Int) {
        resize(capacity: capacity)
        for id in 0..<count {
            let h = Self.hash(width) { rows[id, $0] }
            place((h >> 32) << 32 | UInt64(id + 1))
        }
    }

    /// Empty slots, `capacity` of them.
    private mutating func resize(capacity: Int) {
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt64(32 - capacity.trailingZeroBitCount)
    }

    /// Puts a slot value (of a row not in the table) in the first free slot from its own.
    private mutating func place(_ stored: UInt64) {
        var slot = Int((stored >> 32) >> shift)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = stored
    }

    /// A 64-bit mix of entry(0), ..., entry(width - 1) (SplitMix64's finaliser over a running
    /// combination); deterministic.
    @inline(__always)
    private static func hash(_ width: Int, _ entry: (Int) -> Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for c in 0..<width {
            h = (h ^ UInt64(bitPattern: Int64(entry(c)))) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}
