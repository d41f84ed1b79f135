import Exact
import HardmaxFormat

extension MeasureClasses {
    /// Step A on machine integers: every value as its numerator over the data set's common
    /// denominator D, distinct tokens found with an open-addressing table over P's rows.
    /// Nil when D, a numerator, or a position times D does not fit an `Int`.
    ///
    /// - Complexity: O(T W) expected, plus the sorting of each sequence's ids.
    static func groupScaled(_ dataset: Dataset, layout: Layout) -> MeasureClasses? {
        guard let d = commonDenominator(dataset) else { return nil }
        let w = layout.width
        let dimension = dataset.dimension
        var table = RowTable(width: w, expectedRows: dataset.tokenCount)
        var collector = ClassCollector(sequenceCount: dataset.sequences.count)
        var row = [Int](repeating: 0, count: w)
        var ids: [Int] = []
        for (j, sequence) in dataset.sequences.enumerated() {
            ids.removeAll(keepingCapacity: true)
            for t in 0..<sequence.length {
                for c in 0..<dimension {
                    let x = sequence.values[t * dimension + c]
                    // Every denominator fits an Int and divides d (commonDenominator checked it).
                    guard let p = x.numerator.intValue, let q = x.denominator.intValue,
                          let n = checkedProduct(p, d / q) else { return nil }
                    row[c] = n
                }
                if layout.positions == .index {
                    guard let n = checkedProduct(t + 1, d) else { return nil }
                    row[dimension] = n
                }
                // A lifted coordinate stays 0.
                ids.append(table.id(of: row))
            }
            collector.add(sequence: j, label: sequence.label, tokenIds: &ids)
        }
        return MeasureClasses(layout: layout,
                              scaled: ScaledTokens(denominator: d, width: w, numerators: table.rows),
                              exactTokens: [], tokenCount: table.count, classes: collector.classes,
                              classOfSequence: collector.classOfSequence,
                              hasLabelConflict: collector.conflict)
    }

    /// The lcm of every denominator in the data set, or nil when it does not fit an `Int`.
    /// - Complexity: O(T d).
    static func commonDenominator(_ dataset: Dataset) -> Int? {
        var d = 1
        for sequence in dataset.sequences {
            for x in sequence.values {
                guard let q = x.denominator.intValue else { return nil }
                if d % q != 0 {
                    guard let l = checkedProduct(d / gcd(d, q), q) else { return nil }
                    d = l
                }
            }
        }
        return d
    }
}

/// Rows of machine integers, each stored once, with their ids in order of first insertion; an
/// open-addressing hash table (linear probing, load <= 1/2) finds a row's id.
struct RowTable {
    let width: Int
    /// The distinct rows, row-major, in order of id.
    private(set) var rows: [Int] = []
    private(set) var count = 0
    /// Slot -> id + 1, 0 for empty. The capacity is a power of two.
    private var slots: [Int]
    private var mask: Int

    init(width: Int, expectedRows: Int) {
        self.width = width
        var capacity = 16
        while capacity < 2 * expectedRows { capacity *= 2 }
        slots = [Int](repeating: 0, count: capacity)
        mask = capacity - 1
        rows.reserveCapacity(expectedRows * width)
    }

    /// The id of `row` (of `width` entries), inserting it when new.
    /// - Complexity: O(width) expected.
    mutating func id(of row: [Int]) -> Int {
        if 2 * (count + 1) > slots.count { grow() }
        var slot = Self.hash(row) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 {
                slots[slot] = count + 1
                rows.append(contentsOf: row)
                count += 1
                return count - 1
            }
            if matches(stored - 1, row) { return stored - 1 }
            slot = (slot + 1) & mask
        }
    }

    private func matches(_ id: Int, _ row: [Int]) -> Bool {
        let base = id * width
        for c in 0..<width where rows[base + c] != row[c] { return false }
        return true
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int](repeating: 0, count: capacity)
        mask = capacity - 1
        for id in 0..<count {
            var slot = Self.hash(Array(rows[(id * width)..<((id + 1) * width)])) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = id + 1
        }
    }

    /// A 64-bit mix of the row (SplitMix64's finaliser over a running combination); deterministic.
    private static func hash(_ row: [Int]) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for v in row {
            h = (h ^ UInt64(bitPattern: Int64(v))) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: h ^ (h >> 31))
    }
}
