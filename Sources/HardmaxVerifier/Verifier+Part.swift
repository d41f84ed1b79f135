import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

extension Verifier {
    /// Replays only the sequences of `shard` (sequence j when j mod K = I - 1) of `dataset`; the rows
    /// keep their numbers in the whole dataset. Equal, row for row, to the rows of `verify(dataset)`
    /// that belong to the shard.
    /// - Throws: as ``verify(_:progress:)``.
    public func verify(_ dataset: Dataset, shard: Shard, progress: ProgressReport? = nil) throws -> Verification {
        let indices = Array(stride(from: shard.index - 1, to: dataset.sequences.count, by: shard.count))
        let part = Dataset(dimension: dataset.dimension, sequences: indices.map { dataset.sequences[$0] })
        return try verify(part, numbered: indices, progress: progress)
    }

    /// Replays `part`, whose k-th sequence is sequence `indices[k]` of a larger dataset (as read by
    /// `DatasetReader.read(files:selecting:)`), in parallel on `options.jobs` threads. The rows carry
    /// those numbers; counts, minMargin and verdict cover `part` (``Verification/init(part:tokens:classes:)``).
    /// - Precondition: `indices` has one strictly increasing number per sequence of `part`.
    /// - Throws: `InputError` when `part` has sequences of another dimension than the model's, or when
    ///   a value grows past `options.maxBits` (naming the lowest-numbered such sequence), or when `part`
    ///   needs more than `options.maxWork` operations (``WorkEstimate``).
    public func verify(_ part: Dataset, numbered indices: [Int], progress: ProgressReport? = nil) throws -> Verification {
        precondition(indices.count == part.sequences.count, "Verifier.verify(_:numbered:): one number per sequence")
        guard part.sequences.isEmpty || part.dimension == model.dimension else {
            throw InputError(path: "dimension", message: "the model reads tokens of dimension \(model.dimension), "
                             + "but the dataset's tokens have dimension \(part.dimension)")
        }
        // A streamed verification checks the work estimate batch by batch, before each batch is replayed.
        try WorkEstimate(cost: cost, dataset: part).check(limit: options.maxWork)
        let sequences = part.sequences
        let counter = progress.map { ProgressCounter(total: sequences.count, report: $0) }
        let outcomes = Self.parallelMap(count: sequences.count, jobs: options.jobs) { k in
            defer { counter?.tick() }
            return Result { try self.result(for: sequences[k], index: indices[k]) }
        }
        var results: [SequenceResult] = []
        results.reserveCapacity(outcomes.count)
        for outcome in outcomes { results.append(try outcome.get()) }
        return Verification(part: results, tokens: part.tokenCount, classes: model.readout.classes.count)
    }
}
