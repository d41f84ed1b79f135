import Exact
import HardmaxModel

/// The trusted kernel's entry points: what a model decides on a sequence, and whether a certificate
/// records exactly that. Everything that makes a verdict goes through here or through a path that tests
/// prove equal to it (the accelerator); `hardmax check --plain` uses this alone.
public enum Kernel {
    /// Replays sequence `s` (numbered `index` in its dataset) with ``Semantics`` and decides it with
    /// the readout rule.
    ///
    /// A label that is not a model class fails the sequence; it is not an error.
    /// - Throws: `InputError` when the model is not well formed, when `s` has another dimension than the
    ///   model, or when a number needs more than `maxBits` bits (``BitLimit``).
    public static func result(_ model: Model, _ s: LabelledSequence, index: Int, maxBits: Int) throws -> SequenceResult {
        try model.checkWellFormed()
        return try result(wellFormed: model, s, index: index, maxBits: maxBits)
    }

    /// ``result(_:_:index:maxBits:)`` for a model already checked well formed.
    package static func result(wellFormed model: Model, _ s: LabelledSequence, index: Int,
                               maxBits: Int) throws -> SequenceResult {
        try checkDimension(model, s, index: index)
        let x = try Semantics.finalTokens(model, s, index: index, maxBits: maxBits)
        let decision = model.readout.decide(Semantics.reads(model.readout, x), label: s.label)
        return SequenceResult(s, index: index, decision)
    }

    /// Replays and decides each sequence of `part`, whose k-th sequence is numbered `indices[k]`, in
    /// order, and summarises them (``Verification/init(part:tokens:classes:)``).
    /// - Throws: as ``result(_:_:index:maxBits:)``, for the first sequence that throws.
    public static func verify(_ model: Model, _ part: [LabelledSequence], numbered indices: [Int],
                              maxBits: Int) throws -> Verification {
        precondition(indices.count == part.count, "Kernel.verify: one number per sequence")
        try model.checkWellFormed()
        let results = try zip(part, indices).map { try result(wellFormed: model, $0, index: $1, maxBits: maxBits) }
        return Verification(part: results, tokens: part.reduce(0) { $0 + $1.length },
                            classes: model.readout.classes.count)
    }

    /// - Throws: `InputError` unless `s` has the model's dimension.
    package static func checkDimension(_ model: Model, _ s: LabelledSequence, index: Int) throws {
        guard s.dimension == model.dimension else {
            throw InputError(path: "dimension", message: "the model reads tokens of dimension \(model.dimension), "
                             + "but sequence \(index) has dimension \(s.dimension)")
        }
    }
}

extension SequenceResult {
    /// The row of sequence `s` (numbered `index`) decided as `decision`.
    package init(_ s: LabelledSequence, index: Int, _ decision: ReadoutDecision) {
        self.init(index: index, id: s.id, label: s.label, predicted: decision.predicted, margin: decision.margin,
                  passed: decision.passed, reason: decision.reason)
    }
}
