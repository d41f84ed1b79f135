import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// What `hardmax inspect` shows: per layer its type, widths and exact ranks; blocks; parameter counts.
///
/// Blocks: an attention layer together with the one feedforward layer directly after it is one block
/// (a transformer block); every other feedforward layer, and an attention layer with no feedforward
/// after it, is a block of its own; affine layers belong to no block. So jv-compact (feedforward, attention,
/// feedforward) has 2 blocks.
///
/// Parameters: every entry of every matrix and vector (Q, K, A, V, W1, b1, W2, b2, M, c, the readout's
/// W and b, b2 counted even when the file left it out); residual scalars are not counted.
public struct ModelSummary: Sendable, Equatable {
    public enum Kind: String, Sendable { case attention, feedforward, affine }

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
        public var parameters: Int
        public var nonzeroParameters: Int
        /// The block this layer belongs to (nil for affine layers).
        public var block: Int?
    }

    public var dimension: Int
    public var positions: Positions
    public var layers: [LayerSummary]
    public var blockCount: Int
    public var pool: Pool
    public var classes: [Label]
    public var readoutParameters: Int
    public var parameters: Int
    public var nonzeroParameters: Int

    /// - Complexity: dominated by the ranks, O(w^3) BigInt operations per matrix of width w.
    public init(_ model: Model) {
        dimension = model.dimension
        positions = model.positions
        pool = model.readout.pool
        classes = model.readout.classes
        var w = model.inputWidth
        var out: [LayerSummary] = []
        var block = -1
        var inAttentionBlock = false
        for (l, layer) in model.layers.enumerated() {
            switch layer {
            case .attention(let a):
                block += 1
                inAttentionBlock = true
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
                let matrices = a.heads.flatMap { h -> [Matrix] in
                    switch h.score {
                    case .uniform: return [h.value]
                    case .queryKey(let q, let k): return [q, k, h.value]
                    case .bilinear(let m): return [m, h.value]
                    }
                }
                out.append(LayerSummary(index: l, kind: .attention, widthIn: w, widthOut: w, residual: a.residual,
                                        causal: a.causal, heads: heads, hiddenWidth: nil, w1Rank: nil,
                                        parameters: Self.count(matrices, []), nonzeroParameters: Self.nonzero(matrices, []),
                                        block: block))
            case .feedforward(let f):
                if !inAttentionBlock { block += 1 }
                inAttentionBlock = false
                out.append(LayerSummary(index: l, kind: .feedforward, widthIn: w, widthOut: w, residual: f.residual,
                                        causal: false, heads: [], hiddenWidth: f.hiddenWidth, w1Rank: ExactRank.of(f.w1),
                                        parameters: Self.count([f.w1, f.w2], [f.b1, f.b2]),
                                        nonzeroParameters: Self.nonzero([f.w1, f.w2], [f.b1, f.b2]), block: block))
            case .affine(let a):
                inAttentionBlock = false
                out.append(LayerSummary(index: l, kind: .affine, widthIn: w, widthOut: a.weight.rows, residual: nil,
                                        causal: false, heads: [], hiddenWidth: nil, w1Rank: nil,
                                        parameters: Self.count([a.weight], [a.bias]),
                                        nonzeroParameters: Self.nonzero([a.weight], [a.bias]), block: nil))
                w = a.weight.rows
            }
        }
        layers = out
        blockCount = block + 1
        readoutParameters = Self.count([model.readout.weight], [model.readout.bias])
        parameters = out.reduce(readoutParameters) { $0 + $1.parameters }
        nonzeroParameters = out.reduce(Self.nonzero([model.readout.weight], [model.readout.bias])) { $0 + $1.nonzeroParameters }
    }

    private static func count(_ m: [Matrix], _ v: [[Rational]]) -> Int {
        m.reduce(0) { $0 + $1.entries.count } + v.reduce(0) { $0 + $1.count }
    }

    private static func nonzero(_ m: [Matrix], _ v: [[Rational]]) -> Int {
        m.reduce(0) { $0 + $1.entries.filter { !$0.isZero }.count } + v.reduce(0) { $0 + $1.filter { !$0.isZero }.count }
    }
}
