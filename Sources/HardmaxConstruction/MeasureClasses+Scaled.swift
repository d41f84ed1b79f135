import Exact
import HardmaxFormat
import HardmaxModel

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
            collector.add(sequence: j, label: sequence.label!, tokenIds: &ids)  // Constructor refuses per-token labels
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
                    guard let l = checkedProduct(d / Int.gcd(d, q), q) else { return nil }
                    d = l
                }
            }
        }
        return d
    }
}
