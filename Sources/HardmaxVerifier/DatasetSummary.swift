import HardmaxModel
import HardmaxFormat

/// What `hardmax inspect` shows of a dataset file (SPEC.md sections 3 and 10): sequences, tokens and
/// lengths; vector tokens and their dimension, or symbol tokens and the symbols seen; labels one per
/// sequence or per token (labelled and null positions), and the distinct labels.
public struct DatasetSummary: Sendable, Equatable {
    /// Names in the order first seen, each once; counting stops at `limit` distinct names (then
    /// `complete` is false), so a file of millions of distinct numeric labels costs no more memory.
    public struct DistinctNames: Sendable, Equatable {
        public static let limit = 100_000
        public private(set) var names: [Label] = []
        public private(set) var complete = true
        private var seen: Set<Label> = []

        mutating func insert(_ name: Label) {
            guard complete, !seen.contains(name) else { return }
            guard names.count < Self.limit else { complete = false; return }
            seen.insert(name)
            names.append(name)
        }

        public static func == (a: DistinctNames, b: DistinctNames) -> Bool {
            a.names == b.names && a.complete == b.complete
        }
    }

    public var sequences = 0
    public var tokens = 0
    public var shortest = Int.max
    public var longest = 0
    /// d of vector tokens; 0 for symbol tokens.
    public var dimension = 0
    /// The symbols of a symbol dataset.
    public var symbols = DistinctNames()
    /// Sequences with one label, and sequences labelled per token.
    public var labelledWhole = 0
    public var labelledPerToken = 0
    /// Over the sequences labelled per token: positions with a label, and with null.
    public var labelledPositions = 0
    public var nullPositions = 0
    public var labels = DistinctNames()

    public init() {}

    /// Streams `source` once (``DatasetReader/forEachBatch(_:limits:selecting:batchSize:observer:_:)``),
    /// holding one batch at a time.
    /// - Throws: ``InputError`` as the dataset reader does.
    /// - Complexity: O(total bytes) plus the cost of the exact numbers.
    public init(reading source: DatasetSource, limits: InputLimits) throws {
        self.init()
        _ = try DatasetReader.forEachBatch(source, limits: limits) { part, _ in
            for sequence in part.sequences { add(sequence) }
        }
    }

    /// Counts one sequence.
    public mutating func add(_ sequence: LabelledSequence) {
        sequences += 1
        tokens += sequence.length
        shortest = min(shortest, sequence.length)
        longest = max(longest, sequence.length)
        dimension = sequence.dimension
        for symbol in sequence.symbols { symbols.insert(symbol) }
        switch sequence.labels {
        case .whole(let label):
            labelledWhole += 1
            labels.insert(label)
        case .perToken(let perToken):
            labelledPerToken += 1
            for label in perToken {
                if let label {
                    labelledPositions += 1
                    labels.insert(label)
                } else {
                    nullPositions += 1
                }
            }
        }
    }
}
