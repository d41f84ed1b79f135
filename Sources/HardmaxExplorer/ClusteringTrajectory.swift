import Exact
import HardmaxModel

/// The record of one layer of a clustering run on one sequence.
public struct ClusteringLayerRecord: Sendable, Equatable {
    /// 1-based layer number ℓ.
    public let layer: Int
    /// The attention sets the layer used: computed from its input, the tokens after layer ℓ - 1.
    public let pattern: AttentionPattern
    /// The tokens after this layer, exact.
    public let tokens: [[Rational]]
    /// The largest numerator and denominator, in bits, among the coordinates of `tokens`.
    public let maxNumeratorBits: Int
    public let maxDenominatorBits: Int
}

/// The exact trajectory of one sequence through the L layers, with its attention patterns.
public struct ClusteringTrajectory: Sendable, Equatable {
    /// The sequence's number in the dataset (from 0), its id and label.
    public let index: Int
    public let id: String?
    public let label: Label
    /// The tokens as read (layer 0).
    public let initialTokens: [[Rational]]
    /// Layers 1 ... L in order.
    public let layers: [ClusteringLayerRecord]

    /// Number of tokens n.
    public var length: Int { initialTokens.count }
    /// Token dimension d.
    public var dimension: Int { initialTokens.first?.count ?? 0 }

    /// The tokens after layer ℓ (ℓ = 0 is the input).
    /// - Precondition: 0 <= ℓ <= L.
    public func tokens(after layer: Int) -> [[Rational]] {
        layer == 0 ? initialTokens : layers[layer - 1].tokens
    }

    /// The tokens after the last layer.
    public var finalTokens: [[Rational]] { layers.last?.tokens ?? initialTokens }

    /// The attention pattern of the last layer: its leaders and clusters are the "final" ones.
    public var finalPattern: AttentionPattern { layers[layers.count - 1].pattern }

    /// The first layer from which the attention pattern no longer changes: the smallest ℓ such that
    /// layers ℓ, ℓ+1, ..., L all use the same attention sets. It equals L when the last layer's pattern
    /// differs from the one before; it says nothing about layers beyond L.
    public var patternStableFromLayer: Int {
        var first = layers.count
        while first > 1 && layers[first - 2].pattern == layers[layers.count - 1].pattern { first -= 1 }
        return first
    }

    /// The largest numerator and denominator, in bits, over every coordinate of every layer (input
    /// included): what exactness cost on this sequence.
    public var maxNumeratorBits: Int {
        layers.reduce(Self.bits(initialTokens).numerator) { max($0, $1.maxNumeratorBits) }
    }
    public var maxDenominatorBits: Int {
        layers.reduce(Self.bits(initialTokens).denominator) { max($0, $1.maxDenominatorBits) }
    }

    /// The largest numerator and denominator bit lengths among `tokens`.
    static func bits(_ tokens: [[Rational]]) -> (numerator: Int, denominator: Int) {
        var numerator = 0
        var denominator = 0
        for token in tokens {
            for x in token {
                numerator = max(numerator, x.numerator.bitLength)
                denominator = max(denominator, x.denominator.bitLength)
            }
        }
        return (numerator, denominator)
    }
}
