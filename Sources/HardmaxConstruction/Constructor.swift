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

    /// `construct`, optionally without the machine-integer representation of the tokens (tests check
    /// that both representations build the same model).
    static func construct(_ dataset: Dataset, strategy: Strategy, positions: Positions,
                          allowScaled: Bool) throws -> ConstructionOutcome {
        guard !dataset.sequences.isEmpty else {
            throw InputError(message: "the data set has no sequences, so there is nothing to classify")
        }
        if let j = dataset.sequences.firstIndex(where: { $0.isSymbolic || $0.label == nil }) {
            let what = dataset.sequences[j].isSymbolic ? "symbol tokens" : "a label per token"
            throw InputError(message: "sequence \(j) has \(what); this construction builds classifiers of vector "
                             + "sequences with one label each (SPEC section 7); symbol data sets are constructed with "
                             + "per-token labels (SPEC section 12, constructPerToken)")
        }
        let data = MeasureClasses.group(dataset, positions: positions, allowScaled: allowScaled)
        if data.hasLabelConflict {
            let conflicts = Conflict.conflicts(in: dataset, positions: positions)
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
        var model = Model(dimension: dataset.dimension, positions: positions, layers: packed.layers,
                          readout: packed.readout)
        let census = ModelCensus(model)
        let report = ConstructionReport(
            strategy: strategy, positions: positions, sequences: dataset.sequences.count,
            tokens: dataset.tokenCount, distinctTokens: data.tokenCount, classes: plan.labels,
            measureClasses: data.classes.count, projection: projected.projection.u, features: hash.features,
            interpolationUnits: packed.interpolationUnits, census: census)
        model.metadata = report.metadata
        return .model(model, report)
    }
}
