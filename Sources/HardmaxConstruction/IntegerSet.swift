/// A set of machine integers for one question, "is this value new?": open addressing with linear
/// probing, load <= 1/2, starting small and doubling, so a search that stops early costs little.
/// `removeAll()` keeps the capacity, so one set serves many searches.
///
/// A slot is one word (`Int.min` marks an empty slot; the value `Int.min` itself is kept aside), so
/// a probe costs one cache miss and 10^7 values take 256 MB, not twice that.
struct IntegerSet {
    private static let empty = Int.min
    private var slots: [Int]
    private var mask: Int
    private var holdsEmptyMarker = false
    private(set) var count = 0

    init(initialCapacity: Int = 1 << 10) {
        var capacity = 16
        while capacity < initialCapacity { capacity *= 2 }
        slots = Array(repeating: Self.empty, count: capacity)
        mask = capacity - 1
    }

    /// Empties the set, keeping its capacity.
    /// - Complexity: O(capacity) when the set is not empty (one pass of stores), else O(1).
    mutating func removeAll() {
        guard count > 0 else { return }
        count = 0
        holdsEmptyMarker = false
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: Self.empty) }
    }

    /// Inserts x; returns false when x was already present.
    /// - Complexity: O(1) expected, amortised over the doublings.
    mutating func insert(_ x: Int) -> Bool {
        if x == Self.empty {
            if holdsEmptyMarker { return false }
            holdsEmptyMarker = true
            count += 1
            return true
        }
        if 2 * (count + 1) > slots.count { grow() }
        var slot = Self.slot(x, mask)
        while true {
            let stored = slots[slot]
            if stored == Self.empty { break }
            if stored == x { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = x
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.empty, count: old.count * 2)
        mask = slots.count - 1
        for value in old where value != Self.empty {
            var slot = Self.slot(value, mask)
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = value
        }
    }

    /// SplitMix64's finaliser: spreads nearby integers over the whole table.
    @inline(__always)
    private static func slot(_ x: Int, _ mask: Int) -> Int {
        var h = UInt64(bitPattern: Int64(x))
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: h ^ (h >> 31)) & mask
    }
}
