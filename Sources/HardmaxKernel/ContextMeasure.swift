import Exact
import HardmaxModel

/// Which context a model sees when it labels one position (SPEC.md section 12): the measure of the
/// prefix (causal attention), or the token with its sequence's measure (no mask).
public enum ContextMask: String, Sendable, Equatable {
    /// Context of position i: the measure of x_1..x_i.
    case causal
    /// Context of position i of sequence j: the pair (x_i, mu_j). Written `"none"`, as `--mask none`.
    case bidirectional = "none"
}

/// A token as a context sees it: a vector token's coordinates, or a symbol; with positions index, the
/// 1-based position appended (to the coordinates, or as the symbol's only value).
///
/// Ordered by symbol (vector tokens first; symbols scalar by scalar), then lexicographically by values.
public struct ContextToken: Hashable, Sendable, Comparable {
    /// The symbol of a symbol token; nil for a vector token.
    public let symbol: Label?
    /// The coordinates (vector token) then the position when positions is index.
    public let values: [Rational]

    public init(symbol: Label?, values: [Rational]) {
        self.symbol = symbol
        self.values = values
    }

    /// Token t (0-based) of `s`, after `positions`.
    public static func of(_ s: LabelledSequence, _ t: Int, positions: Positions) -> ContextToken {
        var values = s.isSymbolic ? [] : s.token(t)
        if positions == .index { values.append(Rational(t + 1)) }
        return ContextToken(symbol: s.isSymbolic ? s.symbols[t] : nil, values: values)
    }

    public static func < (a: ContextToken, b: ContextToken) -> Bool {
        switch (a.symbol, b.symbol) {
        case (nil, _?): return true
        case (_?, nil): return false
        case let (x?, y?) where x != y: return x < y
        default: return a.values.lexicographicallyPrecedes(b.values)
        }
    }
}

/// The canonical empirical measure of some tokens (as ``CanonicalMeasure``, over context tokens): the
/// distinct tokens in increasing order, each with its multiplicity divided by the gcd of all.
///
/// Invariants: `tokens` strictly increasing and non-empty; `weights` as many, each >= 1, gcd 1.
public struct ContextMeasure: Hashable, Sendable {
    public let tokens: [ContextToken]
    public let weights: [Int]

    /// Builds a measure from parts that already satisfy the invariants (checked: programmer error).
    public init(tokens: [ContextToken], weights: [Int]) {
        precondition(!tokens.isEmpty && tokens.count == weights.count, "ContextMeasure: shape")
        self.tokens = tokens
        self.weights = weights
    }

    /// The canonical measure of `tokens` (non-empty, any order).
    /// - Complexity: O(n log n) token comparisons.
    public static func of(_ tokens: [ContextToken]) -> ContextMeasure {
        let (distinct, weights) = CanonicalMeasure.reducedCounts(ofSorted: tokens.sorted())
        return ContextMeasure(tokens: distinct, weights: weights)
    }
}
