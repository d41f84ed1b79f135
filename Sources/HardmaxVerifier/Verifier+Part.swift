import Dispatch
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

    /// One part of a run whose work is charged to `budget`, replayed on `jobs` threads (by default
    /// `options.jobs`). With `turn`, the part charges the budget only after the part before it did
    /// (parts replayed at once still charge in sequence order, so the part refused is the same). With
    /// `place`, the replay after the charge holds one of its places.
    func verify(_ part: Dataset, numbered indices: [Int], budget: WorkBudget, jobs: Int? = nil, turn: ChargeTurn? = nil,
                place: DispatchSemaphore? = nil, progress: ProgressReport? = nil) throws -> Verification {
        defer { turn?.finish() }
        precondition(indices.count == part.sequences.count, "Verifier.verify(_:numbered:): one number per sequence")
        let reads = model.embedding == nil ? "tokens of dimension \(model.dimension)" : "symbol tokens"
        guard part.sequences.isEmpty || part.dimension == (model.embedding == nil ? model.dimension : 0) else {
            throw InputError(path: model.embedding == nil ? "dimension" : "embedding", message: "the model reads \(reads), "
                             + "but the dataset's tokens " + (part.dimension == 0 ? "are symbols" : "have dimension \(part.dimension)"))
        }
        let estimate = WorkEstimate(cost: cost, dataset: part)
        turn?.waitForPrevious()
        try budget.charge(estimate)
        turn?.finish()
        // Charged: only now wait for a place among the replays running at once (a part holding one never
        // waits for another part, so the places cannot deadlock).
        place?.wait()
        defer { place?.signal() }
        let sequences = part.sequences
        let counter = progress.map { ProgressCounter(total: sequences.count, report: $0) }
        let outcomes = Self.parallelMap(count: sequences.count, jobs: jobs ?? options.jobs) { k in
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

/// The order in which streamed parts charge a run's budget: each waits for the part before it.
final class ChargeTurn: @unchecked Sendable {
    /// Dropped once waited for, so that a long stream does not keep a chain of every batch's turn.
    private var previous: ChargeTurn?
    private let charged = DispatchSemaphore(value: 0)
    private var finished = false   // like `previous`, only the part's own thread touches it

    /// The turn after `previous` (the first part has none).
    init(after previous: ChargeTurn?) { self.previous = previous }

    /// Returns once the part before has charged, or failed before charging.
    func waitForPrevious() {
        guard let turn = previous else { return }
        turn.charged.wait()
        turn.charged.signal()  // the turn stays open for whoever else waits
        previous = nil         // only this part's thread reads or writes it
    }

    /// Marks this part as charged (or failed); the second call does nothing.
    func finish() {
        guard !finished else { return }
        finished = true
        charged.signal()
    }
}
