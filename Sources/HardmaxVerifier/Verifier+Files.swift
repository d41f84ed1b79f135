import Dispatch
import Foundation
import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// A verification of dataset files that were read as a stream, with how many sequences each file holds
/// (for JUnit reports, which name each sequence's file).
public struct FileVerification: Sendable {
    /// Of every sequence, or of the shard's sequences only; with the rows ``StreamedRows`` kept.
    public let verification: Verification
    public let sequencesPerFile: [Int]
    /// With ``StreamedRows/certificateText``: every row, as a certificate's `results` text.
    public var certificateRows: CertificateRows?
}

/// Which rows a streamed verification keeps in memory (its counts, margins, gaps and verdict always
/// cover every row).
public enum StreamedRows: Sendable {
    /// Every row (for JUnit reports, or to compare a certificate that lists every row).
    case every
    /// The failing rows only (``Verification/keepsEveryRow`` false): memory holds no passing row.
    case failing
    /// The failing rows, and every row as certificate text (``CertificateRows``, about a hundred bytes
    /// a row).
    case certificateText
}

extension Verifier {
    /// Sequences per batch when streaming: large enough to keep every thread busy, small enough that a
    /// batch of long sequences stays a small part of memory.
    public static let streamingBatchSize = 1024

    /// Verifies the sequences of `source` (or of one shard of them) while reading them: the files are
    /// parsed in batches and each batch is replayed as soon as it is read (up to one batch per job at
    /// once, while the next one is parsed), so memory holds a piece of a file and a few batches, never
    /// the whole data set.
    /// With `rows` `.every`, the verification equals that of ``verify(_:numbered:progress:)`` on the
    /// whole data set read at once; otherwise it equals that one thinned to its failing rows
    /// (``Verification/withFailingRowsOnly()``), and with `.certificateText` every row is kept as text.
    /// Keeping every row as values holds them all in memory, so then the data's tokens are bounded by
    /// `limits.tokens.total` unless `limits.maxStreamedTotalTokens` is set.
    ///
    /// - Throws: `InputError` as `DatasetReader.forEachBatch` and ``verify(_:numbered:progress:)`` do.
    ///   Of several problems, the one reported is the first in sequence order (a record's parse error
    ///   counts at its place).
    /// `observer`, when given, sees each file's bytes once, before they are parsed: a certificate hashes
    /// exactly the bytes that were replayed.
    /// `rows` says which rows are kept (every one by default).
    public func verify(_ source: DatasetSource, shard: Shard? = nil, limits: InputLimits = .standard,
                       rows: StreamedRows = .every, progress: ProgressReport? = nil,
                       observer: FileReadObserver? = nil) throws -> FileVerification {
        try verify(source, shard: shard, limits: limits, batchSize: Self.streamingBatchSize, rows: rows,
                   progress: progress, observer: observer)
    }

    /// With a chosen batch size (tests use small ones to cross batch boundaries).
    func verify(_ source: DatasetSource, shard: Shard?, limits: InputLimits = .standard, batchSize: Int,
                rows: StreamedRows = .every, progress: ProgressReport? = nil,
                observer: FileReadObserver? = nil) throws -> FileVerification {
        var limits = limits
        if rows == .every, limits.maxStreamedTotalTokens == nil { limits.maxStreamedTotalTokens = limits.tokens.total }
        return try verifyStreaming(shard: shard, rows: rows, progress: progress) { select, body in
            try DatasetReader.forEachBatch(source, limits: limits, selecting: select, batchSize: batchSize,
                                           observer: observer, body)
        }
    }

    /// Drives `read` (which streams batches of the selected sequences to its body and returns the
    /// sequences per file) and replays each batch. With more than one job, up to one batch per job is
    /// replayed at once, each on its own thread, and as many more wait, while the next one is parsed;
    /// batches are collected, and charge the work budget, in sequence order.
    private func verifyStreaming(shard: Shard?, rows: StreamedRows, progress: ProgressReport?,
                                 read: (_ select: @escaping (Int) -> Bool, _ body: (Dataset, [Int]) throws -> Void) throws -> [Int])
        throws -> FileVerification {
        var parts: [Verification] = []
        var text: CertificateRows? = rows == .certificateText ? CertificateRows() : nil
        var replayed = 0
        let processors = ProcessInfo.processInfo.activeProcessorCount
        // Batches replayed at once, at most (`running` holds their places); as many more may wait their
        // turn, so that a thread that finishes a batch finds the next one ready while the parse goes on.
        let jobs = options.jobs > 0 ? min(options.jobs, processors) : processors
        let running = DispatchSemaphore(value: jobs)
        var inFlight: [(group: DispatchGroup, outcome: BatchOutcome)] = []
        var lastTurn: ChargeTurn?
        var failed: Error?   // a collected batch's error: every batch before it was collected
        let budget = WorkBudget(limit: options.maxWork)   // the whole stream is one run
        func collect(_ v: Verification) {
            text?.append(v)
            parts.append(rows == .every ? v : v.withFailingRowsOnly())
            replayed += v.counts.sequences
            progress?(replayed, 0)
        }
        func drainOldest() throws {
            let (group, outcome) = inFlight.removeFirst()
            group.wait()
            // The group finished, so the outcome was written (happens-before through the group).
            do { if let v = try outcome.result?.get() { collect(v) } } catch { failed = error; throw error }
        }
        /// Waits for every batch in flight (none runs on after the call), collecting them in order until
        /// one failed; returns the earliest error of the batches (a collected one's, then an in-flight
        /// one's), which comes before any error of the reader (it had parsed those batches).
        func drainAll() -> Error? {
            var first = failed
            while !inFlight.isEmpty {
                let (group, outcome) = inFlight.removeFirst()
                group.wait()
                guard first == nil else { continue }
                do { if let v = try outcome.result?.get() { collect(v) } } catch { first = error }
            }
            return first
        }
        let perFile: [Int]
        do {
            perFile = try read(shard?.contains ?? { _ in true }) { part, numbers in
                guard jobs > 1 else { return collect(try verify(part, numbered: numbers, budget: budget)) }
                if inFlight.count >= 2 * jobs { try drainOldest() }
                let group = DispatchGroup(), outcome = BatchOutcome(), turn = ChargeTurn(after: lastTurn)
                // A batch alone in flight (a small data set, or replay ahead of the parse) uses every job.
                let batchJobs: Int? = inFlight.isEmpty ? nil : 1
                lastTurn = turn
                DispatchQueue.global().async(group: group) {
                    outcome.result = Result {
                        try self.verify(part, numbered: numbers, budget: budget, jobs: batchJobs, turn: turn, place: running)
                    }
                }
                inFlight.append((group, outcome))
            }
        } catch {
            throw drainAll() ?? error
        }
        if let error = drainAll() { throw error }
        var verification = Verification(joining: parts, classes: model.readout.classes.count)
        verification.semantics = model.replaySemantics
        return FileVerification(verification: verification, sequencesPerFile: perFile, certificateRows: text)
    }
}

/// The replay of one batch, written by the thread that replayed it and read after it finished.
private final class BatchOutcome: @unchecked Sendable {
    var result: Result<Verification, Error>?
}
