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
    public static func result(_ model: Model, _ s: LabelledSequence, index: Int, maxBits: Int,
                              maxPrecision: Int = defaultMaxPrecision) throws -> SequenceResult {
        try model.checkWellFormed()
        return try result(wellFormed: model, s, index: index, maxBits: maxBits, maxPrecision: maxPrecision)
    }

    /// The precision the enclosure replay starts at (SPEC.md section 11), and its default limit.
    public static let startPrecision = 64
    public static let defaultMaxPrecision = 4096

    /// SPEC.md section 11: replays with enclosures at 64 bits, doubling the precision while the
    /// sequence is undecided, up to `maxPrecision`. An operation that cannot be enclosed at a precision
    /// (a divisor or a square root's argument not provably positive) leaves the sequence undecided there.
    static func enclosedResult(_ model: Model, _ prepared: PreparedModel, _ s: LabelledSequence, index: Int,
                               maxBits: Int, maxPrecision: Int) throws -> SequenceResult {
        var p = startPrecision
        while true {
            var r: SequenceResult
            do {
                let replay = EnclosureReplay(model: model, precision: p, sparse: prepared)
                let rows = try replay.finalRows(s, index: index, maxBits: maxBits)
                r = enclosedResult(model, s, index: index, reads: replay.reads(rows), precision: p)
            } catch is EnclosureError {
                let none: [Prediction?] = Array(repeating: nil, count: s.labels.predictionCount)
                r = SequenceResult(index: index, id: s.id, labels: s.labels, predicted: none, margin: nil, passed: false,
                                   reason: "undecided at \(p) bits (a divisor or square root not provably positive)")
                r.enclosed = EnclosedOutcome(status: .undecided, margin: nil, error: nil, precision: p)
            }
            let o = r.enclosed!
            if o.status != .undecided || o.precision == nil || p * 2 > maxPrecision { return r }
            p *= 2
        }
    }

    /// The readout rule of SPEC.md section 11 on the reads of a replay with enclosures at `p` bits: the
    /// kernel's own, or another sound replay's (the accelerator's 64-bit one), decided the same way.
    package static func enclosedResult(_ model: Model, _ s: LabelledSequence, index: Int, reads: [EnclosedRead],
                                       precision p: Int) -> SequenceResult {
        let decision = model.readout.decideEnclosed(reads, labels: s.labels, precision: p)
        var r = SequenceResult(index: index, id: s.id, labels: s.labels, predicted: decision.predicted,
                               margin: nil, passed: decision.outcome.status == .pass, reason: decision.reason)
        r.enclosed = decision.outcome
        return r
    }

    /// ``result(_:_:index:maxBits:)`` for a model already checked well formed.
    /// `prepared`: the model's ``PreparedModel`` when the caller made it once for many sequences.
    package static func result(wellFormed model: Model, _ s: LabelledSequence, index: Int,
                               maxBits: Int, maxPrecision: Int = defaultMaxPrecision,
                               prepared: PreparedModel? = nil) throws -> SequenceResult {
        try checkDimension(model, s, index: index)
        if model.needsEnclosures {
            return try enclosedResult(model, prepared ?? PreparedModel(model), s, index: index, maxBits: maxBits,
                                      maxPrecision: maxPrecision)
        }
        let (x, gaps) = try Semantics.finalTokens(model, s, index: index, maxBits: maxBits,
                                                  checkpoints: (prepared ?? PreparedModel(model)).checkpoints)
        let decision = model.readout.decide(Semantics.reads(model.readout, x), labels: s.labels)
        return SequenceResult(s, index: index, decision, gaps: zip(model.attentionHeads, gaps).map {
            AttentionGap(layer: $0.layer, head: $0.head, gap: $1)
        })
    }

    /// Replays and decides each sequence of `part`, whose k-th sequence is numbered `indices[k]`, in
    /// order, and summarises them (``Verification/init(part:tokens:classes:)``).
    /// - Throws: as ``result(_:_:index:maxBits:maxPrecision:)``, for the first sequence that throws.
    public static func verify(_ model: Model, _ part: [LabelledSequence], numbered indices: [Int],
                              maxBits: Int, maxPrecision: Int = defaultMaxPrecision) throws -> Verification {
        precondition(indices.count == part.count, "Kernel.verify: one number per sequence")
        try model.checkWellFormed()
        let prepared = PreparedModel(model)
        let results = try zip(part, indices).map {
            try result(wellFormed: model, $0, index: $1, maxBits: maxBits, maxPrecision: maxPrecision, prepared: prepared)
        }
        var v = Verification(part: results, tokens: part.reduce(0) { $0 + $1.length },
                             classes: model.readout.classes.count)
        v.semantics = model.replaySemantics
        return v
    }

    /// - Throws: `InputError` unless `s` has the model's dimension (vector tokens), and unless per-token
    ///   labels meet pool `every`.
    package static func checkDimension(_ model: Model, _ s: LabelledSequence, index: Int) throws {
        if case .perToken = s.labels, model.readout.pool != .every {
            throw InputError(path: "readout.pool", message: "sequence \(index) has a label per token, which needs "
                             + "pool \"every\"; the model's pool is \"\(model.readout.pool.rawValue)\"")
        }
        guard s.isSymbolic || s.dimension == model.dimension else {
            throw InputError(path: "dimension", message: "the model reads tokens of dimension \(model.dimension), "
                             + "but sequence \(index) has dimension \(s.dimension)")
        }
    }
}

extension SequenceResult {
    /// The row of sequence `s` (numbered `index`) decided as `decision`, with its heads' gaps.
    package init(_ s: LabelledSequence, index: Int, _ decision: ReadoutDecision, gaps: [AttentionGap]) {
        self.init(index: index, id: s.id, labels: s.labels, predicted: decision.predicted, margin: decision.margin,
                  error: decision.error, passed: decision.passed, reason: decision.reason, attentionGaps: gaps)
    }
}

extension Model {
    /// Every head of every attention layer, in order: (index in `layers`, index in the layer's heads).
    public var attentionHeads: [(layer: Int, head: Int)] {
        layers.enumerated().flatMap { l, layer -> [(layer: Int, head: Int)] in
            guard case .attention(let a) = layer else { return [] }
            return a.heads.indices.map { (l, $0) }
        }
    }
}
