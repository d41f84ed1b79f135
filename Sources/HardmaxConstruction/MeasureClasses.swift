import Exact
import HardmaxFormat
import HardmaxModel

/// One class of step A: the sequences that share one canonical measure.
struct MeasureClass: Sendable {
    /// The first sequence (in data set order) of the class.
    var representative: Int
    /// The label of the representative (all members share it unless the data set has a conflict).
    var label: Label
    /// The canonical measure, interleaved: (token id, weight) for each support token, ids ascending,
    /// weights the multiplicities divided by their gcd. It is the class's key in the grouping table
    /// too (one array for both: a million classes hold a million arrays, not three million).
    let key: [Int]
    /// Sum of the weights: the measure of support token i is weight(i) / total.
    var total: Int
    /// Number of sequences in the class.
    var memberCount: Int

    /// Number of distinct support tokens.
    var supportCount: Int { key.count / 2 }
    /// Id of support token i (ascending in i).
    @inline(__always) func token(_ i: Int) -> Int { key[2 * i] }
    /// Weight of support token i.
    @inline(__always) func weight(_ i: Int) -> Int { key[2 * i + 1] }
}

/// Step A of SPEC.md section 7: the distinct tokens P (after positions, lifted to width W) and the
/// sequences grouped by canonical measure.
///
/// Two sequences land in one class exactly when their empirical measures are equal: the class key is
/// the sorted list of (token id, multiplicity / gcd), and token ids are a bijection with P.
struct MeasureClasses: Sendable {
    let layout: Layout
    /// P over a common denominator, when the data set has one that fits machine integers.
    let scaled: ScaledTokens?
    /// P as rationals, row-major (width W), only when `scaled` is nil.
    let exactTokens: [Rational]
    /// |P|.
    let tokenCount: Int
    let classes: [MeasureClass]
    /// The class of each sequence.
    let classOfSequence: [Int]
    /// Whether some class holds two different labels (then no permutation-invariant model exists).
    let hasLabelConflict: Bool

    /// Coordinate `c` of distinct token `p` (zero on a lifted coordinate).
    func coordinate(_ p: Int, _ c: Int) -> Rational {
        if let scaled { return scaledRational(scaled.numerator(p, c), scaled.denominator) }
        return exactTokens[p * layout.width + c]
    }
}

extension MeasureClasses {
    /// Groups the sequences of `dataset` by canonical measure. Tokens are keyed by their numerators
    /// over the data set's common denominator when that fits machine integers (`allowScaled`), else
    /// by their rationals; both give the same classes, token ids and labels.
    ///
    /// - Complexity: O(T log n) for T tokens (hashing each token once, sorting each sequence's ids),
    ///   plus the hashing of each class key; memory O(|P| W + N).
    static func group(_ dataset: Dataset, positions: Positions, allowScaled: Bool = true,
                      freshCoordinates: Bool = false) -> MeasureClasses {
        let layout = Layout(dimension: dataset.dimension, positions: positions, freshCoordinates: freshCoordinates)
        if allowScaled {
            var grouping = ScaledGrouping(layout: layout, expectedTokens: dataset.tokenCount,
                                          expectedSequences: dataset.sequences.count)
            for (j, sequence) in dataset.sequences.enumerated() { grouping.add(sequence, number: j) }
            if let grouped = grouping.result() { return grouped }
        }
        var collector = ClassCollector(sequenceCount: dataset.sequences.count)
        var tokens: [Rational] = []
        var tokenIndex: [TokenKey: Int] = [:]
        tokenIndex.reserveCapacity(dataset.tokenCount)
        var ids: [Int] = []
        let d = dataset.dimension
        for (j, sequence) in dataset.sequences.enumerated() {
            ids.removeAll(keepingCapacity: true)
            for t in 0..<sequence.length {
                let key = TokenKey(values: sequence.values[(t * d)..<((t + 1) * d)],
                                   position: positions == .index ? t + 1 : 0)
                if let id = tokenIndex[key] {
                    ids.append(id)
                } else {
                    let id = tokenIndex.count
                    tokenIndex[key] = id
                    tokens.append(contentsOf: key.values)
                    if positions == .index { tokens.append(Rational(t + 1)) }
                    for _ in layout.inputWidth..<layout.width { tokens.append(Rational.zero) }
                    ids.append(id)
                }
            }
            collector.add(sequence: j, label: sequence.label!, tokenIds: &ids)  // Constructor refuses per-token labels
        }
        return MeasureClasses(layout: layout, scaled: nil, exactTokens: tokens,
                              tokenCount: tokenIndex.count, classes: collector.classes,
                              classOfSequence: collector.classOfSequence,
                              hasLabelConflict: collector.conflict)
    }
}

/// A token as a dictionary key: its d values and its 1-based position (0 for positions none).
/// The slice shares the sequence's storage, so building a key allocates nothing.
private struct TokenKey: Hashable {
    let values: ArraySlice<Rational>
    let position: Int
}

/// Turns each sequence's token ids into its canonical measure and collects the classes.
struct ClassCollector {
    private(set) var classes: [MeasureClass] = []
    private(set) var classOfSequence: [Int] = []
    private(set) var conflict = false
    private var classIndex: [[Int]: Int] = [:]

    init(sequenceCount: Int) {
        classOfSequence.reserveCapacity(sequenceCount)
    }

    /// Adds sequence j with the ids of its tokens (sorted in place).
    /// - Complexity: O(n log n).
    mutating func add(sequence j: Int, label: Label, tokenIds ids: inout [Int]) {
        ids.sort()
        var distinct = ids.isEmpty ? 0 : 1
        for k in ids.indices.dropFirst() where ids[k] != ids[k - 1] { distinct += 1 }
        var key: [Int] = []
        key.reserveCapacity(2 * distinct)   // exact: the key is kept for the life of the class
        var divisor = 0
        var start = 0
        while start < ids.count {
            var end = start + 1
            while end < ids.count && ids[end] == ids[start] { end += 1 }
            key.append(ids[start])
            key.append(end - start)
            divisor = Int.gcd(divisor, end - start)
            start = end
        }
        var total = 0
        for i in stride(from: 1, to: key.count, by: 2) {
            key[i] /= divisor
            total += key[i]
        }
        if let c = classIndex[key] {
            classOfSequence.append(c)
            classes[c].memberCount += 1
            if classes[c].label != label { conflict = true }
        } else {
            let c = classes.count
            classIndex[key] = c
            classOfSequence.append(c)
            classes.append(MeasureClass(representative: j, label: label, key: key, total: total, memberCount: 1))
        }
    }
}
