import Exact
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// What `hardmax inspect` shows: per layer its type, widths and exact ranks, and the model's
/// ``ModelCensus`` (blocks, parameters and non-zeros, per layer and in all).
public struct ModelSummary: Sendable, Equatable {
    public enum Kind: String, Sendable { case attention, feedforward, affine, layernorm }

    public struct Head: Sendable, Equatable {
        /// "uniform", "query-key" or "bilinear".
        public var score: String
        /// k for query-key heads.
        public var k: Int?
        /// Exact rank of Q^T K (query-key), of A (bilinear), 0 (uniform).
        public var scoreRank: Int
        public var valueRank: Int
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
    }

    public var dimension: Int
    public var positions: Positions
    public var layers: [LayerSummary]
    public var pool: Pool
    public var classes: [Label]
    public var census: ModelCensus

    /// - Complexity: dominated by the ranks, O(w^3) BigInt operations per matrix of width w.
    public init(_ model: Model) {
        dimension = model.dimension
        positions = model.positions
        pool = model.readout.pool
        classes = model.readout.classes
        census = ModelCensus(model)
        var w = model.inputWidth
        var out: [LayerSummary] = []
        for (l, layer) in model.layers.enumerated() {
            switch layer {
            case .attention(let a):
                let heads = a.heads.map { h -> Head in
                    switch h.score {
                    case .uniform: return Head(score: "uniform", k: nil, scoreRank: 0, valueRank: ExactRank.of(h.value))
                    case .queryKey(let q, let k):
                        return Head(score: "query-key", k: q.rows, scoreRank: ExactRank.of(ExactRank.product(transposing: q, k)),
                                    valueRank: ExactRank.of(h.value))
                    case .bilinear(let m):
                        return Head(score: "bilinear", k: nil, scoreRank: ExactRank.of(m), valueRank: ExactRank.of(h.value))
                    }
                }
                out.append(LayerSummary(index: l, kind: .attention, widthIn: w, widthOut: w, residual: a.residual,
                                        causal: a.causal, heads: heads, hiddenWidth: nil, w1Rank: nil))
            case .feedforward(let f):
                out.append(LayerSummary(index: l, kind: .feedforward, widthIn: w, widthOut: w, residual: f.residual,
                                        causal: false, heads: [], hiddenWidth: f.hiddenWidth, w1Rank: ExactRank.of(f.w1)))
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
}
