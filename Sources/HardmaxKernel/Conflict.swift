import Exact
import HardmaxModel

/// Two differently-labelled sequences with the same canonical measure (SPEC.md section 6): no
/// permutation-invariant model (positions none, no causal layer, pool mean or every) separates them.
public struct Conflict: Sendable, Hashable {
    /// Index (in the dataset concatenation) of the first sequence of the measure group.
    public let first: Int
    /// Index of a later sequence of that group whose label differs from the first's.
    public let second: Int
    public let firstID: String?
    public let secondID: String?
    public let firstLabel: Label
    public let secondLabel: Label
    /// The common canonical measure (after the positions the conflicts were computed with).
    public let measure: CanonicalMeasure
    /// True when the two sequences are identical token by token; then no model at all separates
    /// them, and `positions: index` does not help.
    public let identical: Bool

    public init(first: Int, second: Int, firstID: String?, secondID: String?, firstLabel: Label,
                secondLabel: Label, measure: CanonicalMeasure, identical: Bool) {
        self.first = first
        self.second = second
        self.firstID = firstID
        self.secondID = secondID
        self.firstLabel = firstLabel
        self.secondLabel = secondLabel
        self.measure = measure
        self.identical = identical
    }

    /// All conflicts of `dataset` under `positions`, by this deterministic rule:
    /// group the sequences by canonical measure; in each group, pair the group's first sequence (lowest
    /// index) with every later sequence of the group whose label differs from the first one's.
    ///
    /// A group holds two labels iff it yields at least one conflict, so the list is empty iff no
    /// two differently-labelled sequences share a measure; it has at most N - 1 entries. Ordered by
    /// `first`, then `second`.
    ///
    /// - Complexity: O(sum of n_j log n_j) token comparisons plus hashing of the measures.
    public static func conflicts(in dataset: Dataset, positions: Positions) -> [Conflict] {
        var groupOf: [CanonicalMeasure: Int] = [:]   // measure -> index of its first sequence
        var result: [Conflict] = []
        for (j, s) in dataset.sequences.enumerated() {
            let m = CanonicalMeasure.of(s, positions: positions)
            guard let f = groupOf[m] else {
                groupOf[m] = j
                continue
            }
            let head = dataset.sequences[f]
            // Sequences labelled per token are the business of SPEC.md section 12, not of this test.
            if let a = head.label, let b = s.label, a != b {
                result.append(Conflict(first: f, second: j, firstID: head.id, secondID: s.id,
                                       firstLabel: a, secondLabel: b, measure: m,
                                       identical: head.values == s.values))
            }
        }
        return result.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }
}
