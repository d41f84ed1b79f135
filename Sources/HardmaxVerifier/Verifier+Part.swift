import Exact
import HardmaxAccelerator
import HardmaxFormat
import HardmaxKernel
import HardmaxModel

extension Verifier {
    /// Replays the sequences of `part` in parallel on `options.jobs` threads and decides them; the
    /// result does not depend on the number of threads. The k-th sequence is numbered `indices[k]` (by
    /// default k): rows carry those numbers, and counts, minMargin and verdict cover `part`
    /// (``Verification/init(part:tokens:classes:)``).
    ///
    /// The whole call is one run for `options.maxWork`: its estimate is checked before any replay.
    /// - Precondition: `indices`, when given, has one strictly increasing number per sequence of `part`.
    /// - Throws: `InputError` when `part` has sequences of another dimension than the model's, when it
    ///   needs more than `options.maxWork` operations (``WorkEstimate``), or when a value grows past
    ///   `options.maxBits` (naming the lowest-numbered such sequence).
    /// `progress`, when given, is told how many sequences are done (about every 1/200 of the total, from
    /// any thread); it does not affect the result.
    public func verify(_ part: Dataset, numbered indices: [Int]? = nil,
                       progress: ProgressReport? = nil) throws -> Verification {
        try verify(part, numbered: indices ?? Array(part.sequences.indices), budget: WorkBudget(limit: options.maxWork),
                   progress: progress)
    }

    /// One part of a run whose work is charged to `budget`.
    func verify(_ part: Dataset, numbered indices: [Int], budget: WorkBudget,
                progress: ProgressReport? = nil) throws -> Verification {
        precondition(indices.count == part.sequences.count, "Verifier.verify(_:numbered:): one number per sequence")
        let reads = model.embedding == nil ? "tokens of dimension \(model.dimension)" : "symbol tokens"
        guard part.sequences.isEmpty || part.dimension == (model.embedding == nil ? model.dimension : 0) else {
            throw InputError(path: model.embedding == nil ? "dimension" : "embedding", message: "the model reads \(reads), "
                             + "but the dataset's tokens " + (part.dimension == 0 ? "are symbols" : "have dimension \(part.dimension)"))
        }
        try budget.charge(WorkEstimate(cost: cost, dataset: part))
        let sequences = part.sequences
        let counter = progress.map { ProgressCounter(total: sequences.count, report: $0) }
        let outcomes = Self.parallelMap(count: sequences.count, jobs: options.jobs) { k in
            defer { counter?.tick() }
            return Result { try self.result(for: sequences[k], index: indices[k]) }
        }
        var results: [SequenceResult] = []
        results.reserveCapacity(outcomes.count)
        for outcome in outcomes { results.append(try outcome.get()) }
        var v = Verification(part: results, tokens: part.tokenCount, classes: model.readout.classes.count)
        v.semantics = model.replaySemantics
        return v
    }
}
