import Exact
import HardmaxModel

/// Step A on machine integers, one sequence at a time (the data set need not be held): every value as
/// its numerator over the common denominator D of the values seen so far, distinct tokens found with
/// an open-addressing table over P's rows, sequences collected into measure classes.
///
/// When a value's denominator does not divide D, D grows to their lcm and every stored row is
/// multiplied by the growth (D at least doubles, so at most 62 times). The result therefore equals
/// grouping with the whole data set's D from the start: the same P in the same order (ids in order of
/// first occurrence), the same numerators, classes and labels. It fails, for good, when D, a
/// numerator, or a position times D does not fit an `Int`, exactly when the whole data set's would
/// not; the caller then groups by rationals.
struct ScaledGrouping {
    let layout: Layout
    /// D so far.
    private(set) var denominator = 1
    /// Set when a number did not fit; the grouping then ignores what it is given.
    private(set) var failed = false
    private var table: RowTable
    private var collector: ClassCollector
    private var row: [Int]
    private var ids: [Int] = []

    init(layout: Layout, expectedTokens: Int = 1 << 16, expectedSequences: Int = 0) {
        self.layout = layout
        table = RowTable(width: layout.width, expectedRows: expectedTokens)
        collector = ClassCollector(sequenceCount: expectedSequences)
        row = [Int](repeating: 0, count: layout.width)
    }

    /// Adds sequence `j` (the next in data set order; vector tokens of the layout's dimension, one
    /// label).
    /// - Complexity: O(n W) expected, plus sorting its ids and any growth of D.
    mutating func add(_ sequence: LabelledSequence, number j: Int) {
        guard !failed else { return }
        let dimension = layout.dimension
        ids.removeAll(keepingCapacity: true)
        for t in 0..<sequence.length {
            for c in 0..<dimension {
                let x = sequence.values[t * dimension + c]
                guard let p = x.numerator.intValue, let q = x.denominator.intValue else { return fail() }
                if denominator % q != 0 {
                    guard let grown = checkedProduct(denominator / Int.gcd(denominator, q), q),
                          table.rescale(by: grown / denominator) else { return fail() }
                    // This token's numerators already scaled follow D (its position is set below).
                    for k in 0..<c {
                        guard let n = checkedProduct(row[k], grown / denominator) else { return fail() }
                        row[k] = n
                    }
                    denominator = grown
                }
                guard let n = checkedProduct(p, denominator / q) else { return fail() }
                row[c] = n
            }
            if layout.positions == .index {
                guard let n = checkedProduct(t + 1, denominator) else { return fail() }
                row[dimension] = n
            }
            // A lifted coordinate stays 0.
            ids.append(table.id(of: row))
        }
        collector.add(sequence: j, label: sequence.label!, tokenIds: &ids)  // Constructor refuses per-token labels
    }

    private mutating func fail() {
        failed = true
        table = RowTable(width: layout.width, expectedRows: 0)
        collector = ClassCollector(sequenceCount: 0)
    }

    /// The grouping of the sequences added so far; nil when it failed.
    func result() -> MeasureClasses? {
        guard !failed else { return nil }
        return MeasureClasses(layout: layout,
                              scaled: ScaledTokens(denominator: denominator, width: layout.width, numerators: table.rows),
                              exactTokens: [], tokenCount: table.count, classes: collector.classes,
                              classOfSequence: collector.classOfSequence,
                              hasLabelConflict: collector.conflict)
    }
}
