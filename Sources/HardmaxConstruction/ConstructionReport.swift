import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// What a construction built and how large it is. All counts are exact; no timing.
public struct ConstructionReport: Sendable, Equatable {
    public var strategy: Strategy
    public var positions: Positions
    /// N, the number of sequences.
    public var sequences: Int
    /// Total number of tokens over all sequences.
    public var tokens: Int
    /// |P|, the distinct tokens (after positions).
    public var distinctTokens: Int
    /// The readout's classes in order (the labels in order of first appearance in the data set).
    public var classes: [Label]
    /// K, the number of distinct canonical measures.
    public var measureClasses: Int
    /// u, the integer projection of step B (one entry per working coordinate).
    public var projection: [BigInt]
    /// The hash features of step C, in the order they were added.
    public var features: [HashFeature]
    /// Units of the piecewise-linear interpolation (its non-zero slope changes, <= K - 1).
    public var interpolationUnits: Int
    /// Layers, blocks, parameters, non-zero parameters, max bit length, widest feedforward.
    public var census: ModelCensus
    /// Per-token labels (SPEC.md section 12): the contexts; nil for whole-sequence labels.
    public var mask: ContextMask? = nil
    /// Per-token labels: the labelled (non-null) positions.
    public var labelledPositions = 0
    /// Per-token labels: K, the distinct contexts of the labelled positions (the interpolation's knots).
    public var contexts = 0
    /// Bidirectional contexts: c in z = H + c s(x).
    public var tokenCoefficient: Rational? = nil

    /// Blocks of the hardmax sequence-interpolation construction of Alcalde-Fantuzzi-Zuazua,
    /// 2 sum m + 2N + 1 (sum m the total length), for comparison with per-token constructions.
    public var sequenceInterpolationBlocks: Int { 2 * tokens + 2 * sequences + 1 }

    /// Blocks of the hardmax classification construction of Alcalde-Fantuzzi-Zuazua, 4N + 1, for
    /// comparison.
    public var paperBlocks: Int { 4 * sequences + 1 }

    /// The hash thresholds b_l.
    public var thresholds: [Rational] { features.map(\.threshold) }

    /// One fact per line, for people (no trailing newline).
    public var text: String {
        if let mask { return tokenText(mask) }
        let u = projection.map(\.description).joined(separator: ", ")
        let featureText = features.isEmpty
            ? "0 (the means of coordinate h already tell the classes apart)"
            : "\(features.count) (" + features.map { "\($0.coefficient) relu(" + shifted($0.threshold) + ")" }
                .joined(separator: " + ") + ")"
        return """
            strategy: \(strategy.rawValue), positions: \(positions.rawValue)
            sequences: \(sequences), tokens: \(tokens), distinct tokens: \(distinctTokens)
            classes: \(classes.count), measure classes (K): \(measureClasses)
            projection u: (\(u))
            hash features: \(featureText)
            interpolation units: \(interpolationUnits)
            layers: \(census.layers), blocks: \(census.blocks) (the 4N + 1 construction: \(paperBlocks))
            parameters: \(census.parameters), non-zero: \(census.nonZeroParameters), \
            widest feedforward: \(census.maxFeedForwardWidth)
            max bit length of a weight: \(census.maxBitLength)
            """
    }

    /// The report of a per-token construction (SPEC.md section 12).
    private func tokenText(_ mask: ContextMask) -> String {
        let u = projection.map(\.description).joined(separator: ", ")
        let featureText = features.isEmpty ? "0" : "\(features.count) (" + features.map {
            "\($0.coefficient) relu(" + shifted($0.threshold) + ")"
        }.joined(separator: " + ") + ")"
        let contextText = mask == .causal ? "causal (prefix measures)" : "bidirectional (token and sequence measure)"
        let z = tokenCoefficient.map { "\ncombined coordinate: z = H + \($0) s(x)" } ?? ""
        return """
            strategy: \(strategy.rawValue), positions: \(positions.rawValue), contexts: \(contextText)
            sequences: \(sequences), tokens: \(tokens), labelled positions: \(labelledPositions), \
            distinct tokens: \(distinctTokens)
            classes: \(classes.count), distinct contexts (K): \(contexts), measures hashed: \(measureClasses)
            projection u: (\(u))
            hash features: \(featureText)\(z)
            interpolation units: \(interpolationUnits)
            layers: \(census.layers), blocks: \(census.blocks) (the 2 sum m + 2N + 1 construction: \
            \(sequenceInterpolationBlocks))
            parameters: \(census.parameters), non-zero: \(census.nonZeroParameters), \
            widest feedforward: \(census.maxFeedForwardWidth)
            max bit length of a weight: \(census.maxBitLength)
            """
    }

    /// `s - b`, or `s + |b|` for negative b, or `s` for 0.
    private func shifted(_ b: Rational) -> String {
        switch b.signum {
        case 0: return "s"
        case 1: return "s - \(b)"
        default: return "s + \(-b)"
        }
    }
}
