import Exact
import HardmaxModel

/// A labelled position: sequence `sequence` (0-based, in the dataset concatenation), token `token`
/// (0-based, the index into its `tokens` and `labels`).
public struct TokenSite: Hashable, Sendable, Comparable {
    public let sequence: Int
    public let token: Int

    public init(sequence: Int, token: Int) {
        self.sequence = sequence
        self.token = token
    }

    public static func < (a: TokenSite, b: TokenSite) -> Bool { (a.sequence, a.token) < (b.sequence, b.token) }
}

/// Two differently-labelled positions with one context (SPEC.md section 12): every model of the
/// class sees the same thing at both, so gives both the same prediction.
///
/// Causal (prefix measures): a model with causal attention only, positions as stated, pool every,
/// labels position i from the measure of x_1..x_i (SPEC.md section 6, applied to the prefix).
/// Bidirectional: a permutation-invariant model labels position i from (x_i, mu_j).
public struct TokenConflict: Sendable, Hashable {
    /// The first labelled position (in dataset order) with this context.
    public let first: TokenSite
    /// A later labelled position with this context, labelled differently from `first`.
    public let second: TokenSite
    public let firstID: String?
    public let secondID: String?
    public let firstLabel: Label
    public let secondLabel: Label
    /// The common token at both positions (bidirectional contexts); nil for causal contexts.
    public let token: ContextToken?
    /// The common measure: of the prefix (causal) or of the sequence (bidirectional).
    public let measure: ContextMeasure
    /// True when positions index cannot tell the two apart: the prefixes are equal token by token
    /// (causal), or the sequences are equal token by token and the positions equal (bidirectional).
    public let identical: Bool

    public init(first: TokenSite, second: TokenSite, firstID: String?, secondID: String?, firstLabel: Label,
                secondLabel: Label, token: ContextToken?, measure: ContextMeasure, identical: Bool) {
        (self.first, self.second, self.firstID, self.secondID) = (first, second, firstID, secondID)
        (self.firstLabel, self.secondLabel, self.token) = (firstLabel, secondLabel, token)
        (self.measure, self.identical) = (measure, identical)
    }

    /// All conflicts of `dataset` between positions with per-token labels, by this deterministic rule:
    /// group the labelled positions (null labels and sequences labelled as a whole are skipped) by
    /// context under `mask` and `positions`; in each group pair the group's first position (in dataset
    /// order: sequence, then token) with every later position whose label differs from the first one's.
    ///
    /// The list is empty iff no context carries two labels. Ordered by `first`, then `second`.
    ///
    /// - Complexity: causal, O(n^2 log n) token comparisons for a sequence of n tokens (each prefix's
    ///   measure is built afresh); bidirectional, O(n log n); plus hashing of the measures.
    public static func conflicts(in dataset: Dataset, mask: ContextMask, positions: Positions) -> [TokenConflict] {
        struct Key: Hashable {
            let token: ContextToken?
            let measure: ContextMeasure
        }
        var groupOf: [Key: TokenSite] = [:]
        var result: [TokenConflict] = []
        for (j, s) in dataset.sequences.enumerated() {
            guard case .perToken(let labels) = s.labels else { continue }
            let tokens = (0..<s.length).map { ContextToken.of(s, $0, positions: positions) }
            let whole = mask == .bidirectional ? ContextMeasure.of(tokens) : nil
            for (t, label) in labels.enumerated() {
                guard let label else { continue }
                let key = Key(token: whole == nil ? nil : tokens[t],
                              measure: whole ?? ContextMeasure.of(Array(tokens[0...t])))
                let site = TokenSite(sequence: j, token: t)
                guard let head = groupOf[key] else {
                    groupOf[key] = site
                    continue
                }
                let other = dataset.sequences[head.sequence]
                guard case .perToken(let headLabels) = other.labels, let headLabel = headLabels[head.token],
                      headLabel != label else { continue }
                let identical = mask == .causal
                    ? head.token == t && samePrefix(other, s, length: t + 1)
                    : head.token == t && other.length == s.length && samePrefix(other, s, length: s.length)
                result.append(TokenConflict(first: head, second: site, firstID: other.id, secondID: s.id,
                                            firstLabel: headLabel, secondLabel: label, token: key.token,
                                            measure: key.measure, identical: identical))
            }
        }
        return result.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }

    /// Whether the first `length` tokens of `a` and `b` (both at least that long) are equal.
    private static func samePrefix(_ a: LabelledSequence, _ b: LabelledSequence, length: Int) -> Bool {
        if a.isSymbolic != b.isSymbolic { return false }
        if a.isSymbolic { return a.symbols[0..<length] == b.symbols[0..<length] }
        let d = a.dimension
        return a.values[0..<(length * d)] == b.values[0..<(length * d)]
    }
}
