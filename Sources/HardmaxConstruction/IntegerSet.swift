/// A set of machine integers for one question, "is this value new?": open addressing with linear
/// probing, load <= 1/2, starting small and doubling, so a search that stops early costs little.
struct IntegerSet {
    /// Slot values; `occupied` tells which slots hold one.
    private var values: [Int]
    private var occupied: [Bool]
    private var mask: Int
    private(set) var count = 0

    init(initialCapacity: Int = 1 << 10) {
        var capacity = 16
        while capacity < initialCapacity { capacity *= 2 }
        values = [Int](repeating: 0, count: capacity)
        occupied = [Bool](repeating: false, count: capacity)
        mask = capacity - 1
    }

    /// Inserts x; returns false when x was already present.
    /// - Complexity: O(1) expected, amortised over the doublings.
    mutating func insert(_ x: Int) -> Bool {
        if 2 * (count + 1) > values.count { grow() }
        var slot = Self.slot(x, mask)
        while occupied[slot] {
            if values[slot] == x { return false }
            slot = (slot + 1) & mask
        }
        occupied[slot] = true
        values[slot] = x
        count += 1
        return true
    }

    private mutating func grow() {
        let oldValues = values, oldOccupied = occupied
        let capacity = values.count * 2
        values = [Int](repeating: 0, count: capacity)
        occupied = [Bool](repeating: false, count: capacity)
        mask = capacity - 1
        for i in oldValues.indices where oldOccupied[i] {
            var slot = Self.slot(oldValues[i], mask)
            while occupied[slot] { slot = (slot + 1) & mask }
            occupied[slot] = true
            values[slot] = oldValues[i]
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
