import Exact
import HardmaxFormat
import HardmaxModel

/// Counts that describe a model's size: what `construct` reports and `inspect` can print.
///
/// - A *block* is a feedforward layer together with the attention layer right before it, if any; an
///   attention layer not followed by a feedforward layer is a block on its own. Affine layers (the
///   lift) change the width and are not blocks.
/// - *Parameters* are the entries of every matrix and bias vector of the layers and the readout
///   (residual scalars are not counted); *non-zero parameters* are those that are not 0.
/// - *Max bit length* is the largest `Rational.bitLength` (numerator or denominator) of any number in
///   the model, residuals included.
public struct ModelCensus: Sendable, Equatable {
    public var layers: Int
    public var blocks: Int
    public var parameters: Int
    public var nonZeroParameters: Int
    public var maxBitLength: Int
    /// The largest hidden width of a feedforward layer (0 when there is none).
    public var maxFeedForwardWidth: Int

    /// - Complexity: O(number of parameters).
    public init(_ model: Model) {
        var census = ModelCensus(layers: model.layers.count, blocks: 0, parameters: 0,
                                 nonZeroParameters: 0, maxBitLength: 0, maxFeedForwardWidth: 0)
        for (i, layer) in model.layers.enumerated() {
            switch layer {
            case .attention(let attention):
                let next = i + 1 < model.layers.count ? model.layers[i + 1] : nil
                if case .feedforward = next {} else { census.blocks += 1 }
                census.count(attention.residual, asParameter: false)
                for head in attention.heads {
                    switch head.score {
                    case .uniform: break
                    case .queryKey(let query, let key):
                        census.count(query.entries)
                        census.count(key.entries)
                    case .bilinear(let a): census.count(a.entries)
                    }
                    census.count(head.value.entries)
                }
            case .feedforward(let feedForward):
                census.blocks += 1
                census.maxFeedForwardWidth = max(census.maxFeedForwardWidth, feedForward.hiddenWidth)
                census.count(feedForward.residual, asParameter: false)
                census.count(feedForward.w1.entries)
                census.count(feedForward.b1)
                census.count(feedForward.w2.entries)
                census.count(feedForward.b2)
            case .affine(let affine):
                census.count(affine.weight.entries)
                census.count(affine.bias)
            }
        }
        census.count(model.readout.weight.entries)
        census.count(model.readout.bias)
        self = census
    }

    private init(layers: Int, blocks: Int, parameters: Int, nonZeroParameters: Int, maxBitLength: Int,
                 maxFeedForwardWidth: Int) {
        self.layers = layers
        self.blocks = blocks
        self.parameters = parameters
        self.nonZeroParameters = nonZeroParameters
        self.maxBitLength = maxBitLength
        self.maxFeedForwardWidth = maxFeedForwardWidth
    }

    private mutating func count(_ numbers: [Rational]) {
        for x in numbers { count(x, asParameter: true) }
    }

    private mutating func count(_ x: Rational, asParameter: Bool) {
        if asParameter {
            parameters += 1
            if !x.isZero { nonZeroParameters += 1 }
        }
        maxBitLength = max(maxBitLength, x.bitLength)
    }
}
