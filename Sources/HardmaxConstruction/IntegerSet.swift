/// A set of machine integers for one question, "is this value new?": open addressing with linear
/// probing, load <= 1/2, starting small and doubling, so a search that stops early costs little.
/// `removeAll()` is O(1) (a generation stamp) and keeps the capacity, so one set serves many
/// searches without touching fresh memory each time.
struct IntegerSet {
    /// A slot holds a value of the current generation iff its stamp equals `generation`; value and
    /// stamp sit side by side, so a probe costs one cache miss.
    private var slots: [(value: Int, stamp: UInt32)]
    private var generation: UInt32 = 1
    private var mask: Int
    private(set) var count = 0

    init(initialCapacity: Int = 1 << 10) {
        var capacity = 16
        while capacity < initialCapacity { capacity *= 2 }
        slots = Array(repeating: (0, 0), count: capacity)
        mask = capacity - 1
    }

    /// Empties the set, keeping its capacity.
    /// - Complexity: O(1), except O(capacity) once every 2^32 - 1 calls.
    mutating func removeAll() {
        count = 0
        if generation == UInt32.max {
            for i in slots.indices { slots[i].stamp = 0 }
            generation = 1
        } else {
            generation += 1
        }
    }

    /// Inserts x; returns false when x was already present.
    /// - Complexity: O(1) expected, amortised over the doublings.
    mutating func insert(_ x: Int) -> Bool {
        if 2 * (count + 1) > slots.count { grow() }
        var slot = Self.slot(x, mask)
        while slots[slot].stamp == generation {
            if slots[slot].value == x { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = (x, generation)
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots, live = generation
        slots = Array(repeating: (0, 0), count: old.count * 2)
        generation = 1
        mask = slots.count - 1
        for entry in old where entry.stamp == live {
            var slot = Self.slot(entry.value, mask)
            while slots[slot].stamp == generation { slot = (slot + 1) & mask }
            slots[slot] = (entry.value, generation)
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
