import Exact
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// What `hardmax inspect` shows: the embedding and position table, per layer its type, widths and exact
/// ranks (and, per head, the fields of SPEC.md section 10: factored, biased, scaled), the readout, and
/// the model's ``ModelCensus`` (blocks, parameters and non-zeros, per layer and in all).
public struct ModelSummary: Sendable, Equatable {
    public enum Kind: String, Sendable { case attention, feedforward, affine, layernorm }

    public struct Head: Sendable, Equatable {
        /// "uniform", "query-key" or "bilinear".
        public var score: String
        /// k for query-key heads.
        public var k: Int?
        /// Exact rank of Q^T K (query-key), of A (bilinear), 0 (uniform); the biases are not in it.
        public var scoreRank: Int
        /// Exact rank of the value map: Wv, or Wo Wv (w x w) for a factored head.
        public var valueRank: Int
        /// k_v (the rows of Wv) for a factored head (one with `output`); nil otherwise.
        public var valueWidth: Int? = nil
        /// The biases the file gives, in the order query, key, value, output.
        public var biases: [BiasKind] = []
        /// Those of `biases` with an entry that is not 0.
        public var nonZeroBiases: [BiasKind] = []
        public var scale: ScoreScale = .rational(1)
    }

    /// A head's bias vectors (SPEC.md section 10).
    public enum BiasKind: String, Sendable, Equatable, CaseIterable { case query, key, value, output }

    /// A table's shape and counts (the embedding's or the position table).
    public struct Table: Sendable, Equatable {
        public var rows: Int
        public var columns: Int
        public var nonZeroParameters: Int

        init(_ m: Matrix) {
            (rows, columns, nonZeroParameters) = (m.rows, m.columns, ModelCensus.nonZeros(m.entries))
        }

        public var parameters: Int { rows * columns }
    }

    public struct LayerSummary: Sendable, Equatable {
        public var index: Int
        public var kind: Kind
        public var widthIn: Int
        public var widthOut: Int
        public var residual: Rational?
        public var causal: Bool
        public var heads: [Head]
        /// Feedforward only: m and the exact rank of W1.
        public var hiddenWidth: Int?
        public var w1Rank: Int?
        /// Feedforward: its nonlinearity (SPEC.md section 11).
        public var activation: Activation = .relu
        /// Attention or feedforward with `norm` (pre-norm, SPEC.md section 11).
        public var preNorm = false
    }

    public var dimension: Int
    /// hardmax, or softmax (SPEC.md section 11).
    public var semantics: AttentionSemantics = .hardmax
    public var positions: Positions
    /// The symbols and the shape of the embedding table; nil when the model reads vectors.
    public var vocabulary: [Label]?
    public var embedding: Table?
    /// The shape of the position table (L x dimension), when there is one.
    public var positionTable: Table?
    public var layers: [LayerSummary]
    public var pool: Pool
    /// The class names; empty for a value readout.
    public var classes: [Label]
    /// The value names and tolerance of a value readout.
    public var values: ValueOutput?
    public var census: ModelCensus

    /// - Complexity: dominated by the ranks, O(w^3) BigInt operations per matrix of width w.
    public init(_ model: Model) {
        dimension = model.dimension
        semantics = model.semantics
        positions = model.positions
        vocabulary = model.embedding?.vocabulary
        embedding = model.embedding.map { Table($0.table) }
        positionTable = model.positionTable.map(Table.init)
        pool = model.readout.pool
        classes = model.readout.classes
        values = model.readout.values
        census = ModelCensus(model)
        var w = model.inputWidth
        var out: [LayerSummary] = []
        for (l, layer) in model.layers.enumerated() {
            switch layer {
            case .attention(let a):
                out.append(LayerSummary(index: l, kind: .attention, widthIn: w, widthOut: w, residual: a.residual,
                                        causal: a.causal, heads: a.heads.map(Self.head), hiddenWidth: nil, w1Rank: nil,
                                        preNorm: a.norm != nil))
            case .feedforward(let f):
                out.append(LayerSummary(index: l, kind: .feedforward, widthIn: w, widthOut: w, residual: f.residual,
                                        causal: false, heads: [], hiddenWidth: f.hiddenWidth, w1Rank: ExactRank.of(f.w1),
                                        activation: f.activation, preNorm: f.norm != nil))
            case .affine(let a):
                out.append(LayerSummary(index: l, kind: .affine, widthIn: w, widthOut: a.weight.rows, residual: nil,
                                        causal: false, heads: [], hiddenWidth: nil, w1Rank: nil))
                w = a.weight.rows
            case .layerNorm:
                out.append(LayerSummary(index: l, kind: .layernorm, widthIn: w, widthOut: w, residual: nil,
                                        causal: false, heads: [], hiddenWidth: nil, w1Rank: nil))
            }
        }
        layers = out
    }

    private static func head(_ h: AttentionHead) -> Head {
        let valueRank = ExactRank.of(h.output.map { ExactRank.product($0, h.value) } ?? h.value)
        var head: Head
        switch h.score {
        case .uniform: head = Head(score: "uniform", k: nil, scoreRank: 0, valueRank: valueRank)
        case .queryKey(let q, let k):
            head = Head(score: "query-key", k: q.rows, scoreRank: ExactRank.of(ExactRank.product(transposing: q, k)),
                        valueRank: valueRank)
        case .bilinear(let m):
            head = Head(score: "bilinear", k: nil, scoreRank: ExactRank.of(m), valueRank: valueRank)
        }
        head.valueWidth = h.output == nil ? nil : h.value.rows
        let given: [(BiasKind, [Rational]?)] = [(.query, h.queryBias), (.key, h.keyBias), (.value, h.valueBias),
                                                (.output, h.outputBias)]
        head.biases = given.filter { $0.1 != nil }.map(\.0)
        head.nonZeroBiases = given.filter { $0.1.map { ModelCensus.nonZeros($0) > 0 } ?? false }.map(\.0)
        head.scale = h.scale
        return head
    }
}
