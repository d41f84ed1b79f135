import Exact
import HardmaxModel

/// How large a model is, counted once for everything that reports or weighs its size: `construct`'s
/// report, `inspect`'s summary (`ModelSummary`), and the work of compiling the model
/// (``WorkEstimate/init(compiling:)``).
///
/// - *Blocks*: an attention layer together with the one feedforward layer directly after it is one
///   block (a transformer block); every other feedforward layer, and an attention layer with no
///   feedforward layer after it, is a block of its own; affine layers (the lift) change the width and
///   belong to no block. So feedforward, attention, feedforward is 2 blocks.
/// - *Parameters*: every entry of every matrix and vector (Q, K, A, V, W1, b1, W2, b2, M, c, the
///   readout's W and b; b2 counted even when the file left it out; section 10's biases, Wo, embedding
///   and position tables; section 11's gamma and beta, of layernorm layers and of `norm` fields);
///   residual scalars and epsilon are not counted.
///   *Non-zero parameters* are those that are not 0.
/// - *Max bit length*: the largest `Rational.bitLength` (numerator or denominator) of any number,
///   residual scalars included.
public struct ModelCensus: Sendable, Equatable {
    /// The counts of one part of the model: a layer or the readout.
    public struct Part: Sendable, Equatable {
        public var parameters = 0
        public var nonZeroParameters = 0
        public var maxBitLength = 0

        mutating func count(_ numbers: [Rational]) {
            parameters += numbers.count
            nonZeroParameters += ModelCensus.nonZeros(numbers)
            for x in numbers { maxBitLength = max(maxBitLength, x.bitLength) }
        }
    }

    /// The counts of each layer, in order.
    public var layerParts: [Part]
    /// The block of each layer, numbered from 0 in order; nil for an affine layer.
    public var layerBlocks: [Int?]
    public var readout: Part
    /// The embedding and position tables (SPEC.md section 10).
    public var input: Part
    public var blocks: Int
    /// The largest hidden width of a feedforward layer (0 when there is none).
    public var maxFeedForwardWidth: Int

    public var layers: Int { layerParts.count }
    public var parameters: Int { (layerParts + [input]).reduce(readout.parameters) { $0 + $1.parameters } }
    public var nonZeroParameters: Int {
        (layerParts + [input]).reduce(readout.nonZeroParameters) { $0 + $1.nonZeroParameters }
    }
    public var maxBitLength: Int { (layerParts + [input]).reduce(readout.maxBitLength) { max($0, $1.maxBitLength) } }

    /// - Complexity: O(number of parameters).
    public init(_ model: Model) {
        var parts: [Part] = [], blockOfLayer: [Int?] = [], block = -1, widest = 0
        for (i, layer) in model.layers.enumerated() {
            var part = Part()
            switch layer {
            case .attention(let attention):
                block += 1
                blockOfLayer.append(block)
                part.maxBitLength = attention.residual.bitLength
                for head in attention.heads {
                    switch head.score {
                    case .uniform: break
                    case .queryKey(let query, let key):
                        part.count(query.entries)
                        part.count(key.entries)
                    case .bilinear(let a): part.count(a.entries)
                    }
                    part.count(head.value.entries)
                    for v in [head.queryBias, head.keyBias, head.valueBias, head.outputBias] { part.count(v ?? []) }
                    part.count(head.output?.entries ?? [])
                }
                part.count(attention.norm?.gamma ?? [])
                part.count(attention.norm?.beta ?? [])
            case .feedforward(let feedForward):
                if i == 0 { block += 1 } else if case .attention = model.layers[i - 1] {} else { block += 1 }
                blockOfLayer.append(block)
                widest = max(widest, feedForward.hiddenWidth)
                part.maxBitLength = feedForward.residual.bitLength
                part.count(feedForward.w1.entries)
                part.count(feedForward.b1)
                part.count(feedForward.w2.entries)
                part.count(feedForward.b2)
                part.count(feedForward.norm?.gamma ?? [])
                part.count(feedForward.norm?.beta ?? [])
            case .affine(let affine):
                blockOfLayer.append(nil)
                part.count(affine.weight.entries)
                part.count(affine.bias)
            case .layerNorm(let n):
                blockOfLayer.append(nil)
                part.count(n.gamma)
                part.count(n.beta)
            }
            parts.append(part)
        }
        var readout = Part()
        readout.count(model.readout.weight.entries)
        readout.count(model.readout.bias)
        var input = Part()
        input.count(model.embedding?.table.entries ?? [])
        input.count(model.positionTable?.entries ?? [])
        self.input = input
        layerParts = parts
        layerBlocks = blockOfLayer
        self.readout = readout
        blocks = block + 1
        maxFeedForwardWidth = widest
    }

    /// How many of `numbers` are not 0. - Complexity: O(numbers.count).
    package static func nonZeros(_ numbers: [Rational]) -> Int {
        numbers.reduce(0) { $0 + ($1.isZero ? 0 : 1) }
    }
}
