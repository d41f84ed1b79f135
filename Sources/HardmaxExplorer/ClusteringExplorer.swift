import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// The clustering explorer: the pure-attention hardmax dynamics of Alcalde, Fantuzzi and Zuazua
/// ("Clustering in pure-attention hardmax transformers and its role in sentiment analysis", SIAM J.
/// Math. Data Sci. 2025), replayed exactly, with every layer's attention sets, leaders and clusters.
///
/// ```swift
/// let report = try ClusteringExplorer.explore(dataset, options: ClusteringOptions(alpha: 1, layers: 30))
/// let svg = try report.svg()          // the figure of the first explored sequence
/// let json = report.jsonValue()       // the whole exact trajectory
/// let model = report.model            // the model file that was replayed
/// ```
public enum ClusteringExplorer {
    /// Builds the model and replays it exactly on the chosen sequence (or every sequence).
    ///
    /// Exactness: every coordinate is an exact rational and every tie is decided by exact equality, as
    /// SPEC.md section 4 says; nothing passes through a binary float.
    /// - Throws: ``InputError`` for invalid options (see ``ClusteringOptions/validate(dimension:sequenceCount:)``)
    ///   or when a coordinate grows past `options.maxBits` (naming the sequence and the layer).
    /// - Complexity: per sequence of n tokens of dimension d, O(L (n^2 d + n d^2)) operations on
    ///   rationals whose size grows with the layer. Sequences are replayed in parallel, one per
    ///   processor; the result does not depend on the number of threads.
    public static func explore(_ dataset: Dataset, options: ClusteringOptions = ClusteringOptions()) throws
        -> ClusteringReport
    {
        guard dataset.dimension > 0 else {
            throw InputError(message: "the clustering explorer moves vector tokens; this data set's tokens are symbols "
                             + "(embed them with a model first)")
        }
        try options.validate(dimension: dataset.dimension, sequenceCount: dataset.sequences.count)
        let model = model(dimension: dataset.dimension, options: options)
        let chosen = options.sequence.map { [$0] } ?? Array(dataset.sequences.indices)
        let outcomes = Verifier.parallelMap(count: chosen.count, jobs: 0) { k in
            Result { try trajectory(of: dataset.sequences[chosen[k]], index: chosen[k], options: options) }
        }
        let trajectories = try outcomes.map { try $0.get() }   // the lowest-numbered failure is thrown
        return ClusteringReport(options: options, dimension: dataset.dimension, model: model,
                                trajectories: trajectories)
    }

    /// The pure-attention model of SPEC.md section 4: `options.layers` identical attention layers, each
    /// with one head `{"bilinear": A, "value": alpha/(1+alpha) I}` and residual 1/(1+alpha), no mask, no
    /// positions, and a readout that reads nothing (one class `"cluster"`, zero weights): the model's
    /// purpose is its dynamics, not a classification.
    /// - Precondition: the options are valid for `dimension` (see ``ClusteringOptions/validate(dimension:sequenceCount:)``).
    public static func model(dimension d: Int, options: ClusteringOptions) -> Model {
        let identity = Matrix(rowArrays: (0..<d).map { r in (0..<d).map { c in r == c ? .one : .zero } },
                              columns: d)
        let value = Matrix(rows: d, columns: d, entries: identity.entries.map { options.valueScale * $0 })
        let head = AttentionHead(score: .bilinear(options.matrix ?? identity), value: value)
        let layer = Layer.attention(Attention(heads: [head], residual: options.residual, causal: false))
        let readout = Readout(pool: .mean, classes: ["cluster"], weight: Matrix(zeros: 1, d), bias: [.zero])
        let metadata = JSONValue.object([
            JSONMember(key: "purpose", value: .string("hardmax clustering dynamics "
                + "(Alcalde, Fantuzzi, Zuazua 2025): z_i <- (z_i + alpha mean_{C_i} z)/(1 + alpha)")),
            JSONMember(key: "alpha", value: .string(options.alpha.description)),
        ])
        return Model(dimension: d, positions: .none, layers: Array(repeating: layer, count: options.layers),
                     readout: readout, metadata: metadata)
    }

    /// The exact trajectory of one sequence through `options.layers` layers.
    /// - Throws: ``InputError`` when a coordinate needs more than `options.maxBits` bits.
    static func trajectory(of s: LabelledSequence, index: Int, options: ClusteringOptions) throws
        -> ClusteringTrajectory
    {
        let step = ClusteringLayerStep(matrix: options.matrix, residual: options.residual,
                                       valueScale: options.valueScale)
        let initial = (0..<s.length).map { s.token($0) }
        var tokens = initial
        var records: [ClusteringLayerRecord] = []
        records.reserveCapacity(options.layers)
        for layer in 1...options.layers {
            let (pattern, output) = step.apply(tokens)
            let bits = ClusteringTrajectory.bits(output)
            if max(bits.numerator, bits.denominator) > options.maxBits {
                throw InputError(path: "layers[\(layer - 1)]",
                                 message: "sequence \(index): a coordinate needs "
                                     + "\(max(bits.numerator, bits.denominator)) bits after layer \(layer), "
                                     + "more than the limit of \(options.maxBits) bits; use fewer layers")
            }
            records.append(ClusteringLayerRecord(layer: layer, pattern: pattern, tokens: output,
                                                 maxNumeratorBits: bits.numerator,
                                                 maxDenominatorBits: bits.denominator))
            tokens = output
        }
        return ClusteringTrajectory(index: index, id: s.id, label: s.label ?? "(a label per token)", initialTokens: initial,
                                    layers: records)
    }
}
