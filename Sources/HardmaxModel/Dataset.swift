import Exact

/// One labelled sequence of tokens in Q^d (SPEC.md section 3).
///
/// Invariant: `values.count == length * dimension`, `length >= 1`.
public struct LabelledSequence: Sendable, Equatable {
    /// The optional `id` of a JSON Lines record.
    public var id: String?
    public var label: Label
    public let dimension: Int
    /// Tokens row-major: coordinate c of token t (0-based) is `values[t * dimension + c]`.
    public private(set) var values: [Rational]

    public init(id: String? = nil, label: Label, dimension: Int, values: [Rational]) {
        precondition(dimension >= 1 && !values.isEmpty && values.count % dimension == 0,
                     "LabelledSequence: \(values.count) values for dimension \(dimension)")
        self.id = id
        self.label = label
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
    public var length: Int { values.count / dimension }

    /// Token t (0-based) as a fresh array.
    public func token(_ t: Int) -> [Rational] { Array(values[(t * dimension)..<((t + 1) * dimension)]) }
}

/// Labelled sequences read from one or more files, concatenated in order (sequence j is numbered from
/// 0 in that concatenation). All sequences share one dimension d >= 1.
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
