import Exact

/// What a sequence is labelled with: one label for the whole sequence (SPEC.md section 3), or one
/// per token, nil where the position is not checked (SPEC.md section 10).
public enum SequenceLabels: Sendable, Equatable {
    case whole(Label)
    case perToken([Label?])
}

/// One labelled sequence of tokens: vectors in Q^d (SPEC.md section 3) or symbols (section 10).
///
/// Invariants: `length >= 1`; vector tokens: `dimension >= 1`, `values.count == length * dimension`,
/// `symbols` empty; symbol tokens: `dimension == 0`, `values` empty. Per-token labels have `length`
/// entries.
public struct LabelledSequence: Sendable, Equatable {
    /// The optional `id` of a JSON Lines record.
    public var id: String?
    public var labels: SequenceLabels
    /// d for vector tokens, 0 for symbol tokens.
    public let dimension: Int
    /// Tokens row-major: coordinate c of token t (0-based) is `values[t * dimension + c]`.
    public private(set) var values: [Rational]
    /// Symbol tokens, in order; empty for vector tokens.
    public private(set) var symbols: [Label] = []

    /// A sequence of symbols.
    public init(id: String? = nil, labels: SequenceLabels, symbols: [Label]) {
        precondition(!symbols.isEmpty, "LabelledSequence: no symbols")
        self.id = id
        self.labels = labels
        self.dimension = 0
        self.values = []
        self.symbols = symbols
        precondition(labels.count(matches: symbols.count), "LabelledSequence: one label per token")
    }

    /// A sequence of vectors with per-token labels or one label.
    public init(id: String? = nil, labels: SequenceLabels, dimension: Int, values: [Rational]) {
        self.init(id: id, label: "", dimension: dimension, values: values)
        self.labels = labels
        precondition(labels.count(matches: length), "LabelledSequence: one label per token")
    }

    /// A sequence of vectors with one label.
    public init(id: String? = nil, label: Label, dimension: Int, values: [Rational]) {
        precondition(dimension >= 1 && !values.isEmpty && values.count % dimension == 0,
                     "LabelledSequence: \(values.count) values for dimension \(dimension)")
        self.id = id
        self.labels = .whole(label)
        self.dimension = dimension
        // Readers grow `values` while parsing; a million short sequences with doubled capacities hold
        // twice the memory they need, so spare capacity beyond 1/8 is given back (one copy).
        if values.capacity > values.count + values.count / 8 + 4 {
            var exact: [Rational] = []
            exact.reserveCapacity(values.count)
            exact.append(contentsOf: values)
            self.values = exact
        } else {
            self.values = values
        }
    }

    /// Number of tokens n.
    public var length: Int { dimension == 0 ? symbols.count : values.count / dimension }

    /// True when the tokens are symbols.
    public var isSymbolic: Bool { dimension == 0 }

    /// The label of the whole sequence; nil when it is labelled per token.
    public var label: Label? {
        if case .whole(let l) = labels { return l }
        return nil
    }

    /// Token t (0-based) as a fresh array.
    public func token(_ t: Int) -> [Rational] { Array(values[(t * dimension)..<((t + 1) * dimension)]) }
}

extension SequenceLabels {
    func count(matches length: Int) -> Bool {
        if case .perToken(let l) = self { return l.count == length }
        return true
    }
}

/// Labelled sequences read from one or more files, concatenated in order (sequence j is numbered from
/// 0 in that concatenation). All sequences share one dimension d >= 1, or all are symbols (d = 0).
public struct Dataset: Sendable, Equatable {
    public let dimension: Int
    public private(set) var sequences: [LabelledSequence]

    public init(dimension: Int, sequences: [LabelledSequence]) {
        precondition(sequences.allSatisfy { $0.dimension == dimension }, "Dataset: mixed dimensions")
        self.dimension = dimension
        self.sequences = sequences
    }

    /// Total number of tokens over all sequences.
    public var tokenCount: Int { sequences.reduce(0) { $0 + $1.length } }
}
