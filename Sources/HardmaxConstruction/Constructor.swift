import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxAccelerator
import HardmaxKernel

/// Builds models that classify a data set exactly (SPEC.md section 7), or refutes the data set
/// (section 6).
///
/// The constructor is untrusted: a model it returns is meant to be written to a file and replayed by
/// the verifier, which alone decides the verdict.
public enum Constructor {
    /// Steps A-E of SPEC.md section 7, packed by `strategy`, for tokens after `positions`.
    ///
    /// - Returns: `.model` with every readout class scored k z - k^2/2 (so each sequence passes with
    ///   margin exactly 1/2 when there are two or more classes), or `.impossible` with the conflicts
    ///   as `Conflict.conflicts(in:positions:)` lists them.
    /// - Throws: `InputError` for a data set without sequences; `ConstructionError` when the
    ///   constructor's grouping and the verifier's disagree (a bug).
    /// - Complexity: O(T log n + |P| w) for T tokens, plus O(S + K) per hash feature (usually at most
    ///   one) and O(K log K) for the interpolation; model size O(K + d) for compact, O(d (F + K)) for
    ///   narrow.
    public static func construct(_ dataset: Dataset, strategy: Strategy,
                                 positions: Positions = .none) throws -> ConstructionOutcome {
        try construct(dataset, strategy: strategy, positions: positions, allowScaled: true)
    }

    /// `construct` on a data set that is streamed, not held: `stream` hands its sequences to its body
    /// in order, in parts, once; steps A-E keep only the distinct tokens and the measure classes. The
    /// whole data set is read (`whole`) only when it must be: when its numbers have no common
    /// denominator within machine integers, and to list conflicts.
    /// - Returns: what ``construct(_:strategy:positions:)`` returns for the data set streamed; nil when
    ///   a sequence is labelled per token (that construction, `constructPerToken`, takes the whole
    ///   data set).
    /// - Throws: as ``construct(_:strategy:positions:)``, and what `stream` and `whole` throw (a
    ///   sequence construct cannot take is reported after the stream ends, so a reading error anywhere
    ///   comes first, as when the data set is read before it is constructed).
    public static func construct(streaming stream: (_ body: (Dataset) throws -> Void) throws -> Void,
                                 whole: () throws -> Dataset, strategy: Strategy,
                                 positions: Positions = .none) throws -> ConstructionOutcome? {
        var grouping: ScaledGrouping?
        var (count, tokens, dimension) = (0, 0, 0)
        var refused: String?
        var perToken = false
        try stream { part in
            for sequence in part.sequences {
                if sequence.label == nil { perToken = true }
                if refused == nil && (sequence.isSymbolic || sequence.label == nil) {
                    refused = refusal(count, sequence)
                }
                if refused == nil {
                    if grouping == nil {
                        dimension = part.dimension
                        grouping = ScaledGrouping(layout: Layout(dimension: dimension, positions: positions))
                    }
                    grouping!.add(sequence, number: count)
                }
                count += 1
                tokens += sequence.length
            }
        }
        guard count > 0 else { throw noSequences }
        if perToken { return nil }
        if let refused { throw InputError(message: refused) }
        let data = try grouping?.result() ?? MeasureClasses.group(whole(), positions: positions, allowScaled: false)
        grouping = nil  // its table is the data's now
        return try construct(data, sequences: count, tokens: tokens, dimension: dimension, whole: whole,
                             strategy: strategy, positions: positions)
    }

    /// `construct`, optionally without the machine-integer representation of the tokens (tests check
    /// that both representations build the same model).
    static func construct(_ dataset: Dataset, strategy: Strategy, positions: Positions,
                          allowScaled: Bool) throws -> ConstructionOutcome {
        guard !dataset.sequences.isEmpty else { throw noSequences }
        if let j = dataset.sequences.firstIndex(where: { $0.isSymbolic || $0.label == nil }) {
            throw InputError(message: refusal(j, dataset.sequences[j]))
        }
        let data = MeasureClasses.group(dataset, positions: positions, allowScaled: allowScaled)
        return try construct(data, sequences: dataset.sequences.count, tokens: dataset.tokenCount,
                             dimension: dataset.dimension, whole: { dataset }, strategy: strategy,
                             positions: positions)
    }

    private static let noSequences = InputError(message: "the data set has no sequences, so there is nothing to classify")

    /// Why construct cannot take sequence j.
    private static func refusal(_ j: Int, _ sequence: LabelledSequence) -> String {
        let what = sequence.isSymbolic ? "symbol tokens" : "a label per token"
        return "sequence \(j) has \(what); this construction builds classifiers of vector "
            + "sequences with one label each (SPEC section 7); symbol data sets are constructed with "
            + "per-token labels (SPEC section 12, constructPerToken)"
    }

    /// Steps B-E on the grouped data set (`whole` lists the conflicts when step A found one).
    private static func construct(_ data: MeasureClasses, sequences: Int, tokens: Int, dimension: Int,
                                  whole: () throws -> Dataset, strategy: Strategy,
                                  positions: Positions) throws -> ConstructionOutcome {
        if data.hasLabelConflict {
            let conflicts = Conflict.conflicts(in: try whole(), positions: positions)
            guard !conflicts.isEmpty else {
                throw ConstructionError(message: "the constructor found two labels on one measure, "
                                        + "the verifier found no conflict")
            }
            return .impossible(conflicts)
        }
        let projected = ProjectedData(data: data)
        let hash = Hash.build(projected)
        let plan = ConstructionPlan(projected: projected, hash: hash)
        let packed = strategy == .compact ? plan.compact() : plan.narrow()
        var model = Model(dimension: dimension, positions: positions, layers: packed.layers,
                          readout: packed.readout)
        let census = ModelCensus(model)
        let report = ConstructionReport(
            strategy: strategy, positions: positions, sequences: sequences,
            tokens: tokens, distinctTokens: data.tokenCount, classes: plan.labels,
            measureClasses: data.classes.count, projection: projected.projection.u, features: hash.features,
            interpolationUnits: packed.interpolationUnits, census: census)
        model.metadata = report.metadata
        return .model(model, report)
    }
}
