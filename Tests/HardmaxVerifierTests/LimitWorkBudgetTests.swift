import Exact
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxAccelerator
@testable import HardmaxKernel
@testable import HardmaxVerifier

/// `--max-work` bounds a whole run: the same limit refuses the same data whether it is replayed at once
/// or streamed in batches, and a streamed run stops before the batch that would pass the limit.
@Suite("Limits: one work budget per run")
struct LimitWorkBudgetTests {
    static let model = LimitWorkEstimateTests.model
    /// Three copies of one sequence: the run needs exactly three times the work of one.
    static let one = sequence("a", [[1, 0], [0, 1]])
    static let three = dataset([one, one, one])
    static let file = "budget.jsonl"
    static var contents: DatasetSource { .contents([(file, Array(jsonLines(three).utf8))]) }

    static func perSequence(_ options: VerifierOptions) -> Int {
        WorkEstimate(model: model, dataset: dataset([one]), shortcuts: options.usesShortcuts ? options.shortcuts : []).operations
    }

    @Test(arguments: [true, false])
    func theWholeRunIsCharged(shortcuts: Bool) throws {
        var options = VerifierOptions(usesShortcuts: shortcuts)
        let each = Self.perSequence(options)
        options.maxWork = 3 * each - 1
        let verifier = try Verifier(model: Self.model, options: options)
        // In memory: the estimate of all three sequences is refused up front.
        #expect(throws: InputError.self) { try verifier.verify(Self.three) }
        // Streamed one sequence a batch: each batch fits, the third would pass the limit.
        for batch in [1, 2, 3] {
            let e = inputError { try verifier.verify(Self.contents, shard: nil, batchSize: batch) }
            #expect(e?.message.contains("--max-work") == true, "batch \(batch): \(String(describing: e))")
        }
        // At exactly the run's total, both ways pass.
        options.maxWork = 3 * each
        let enough = try Verifier(model: Self.model, options: options)
        #expect(try enough.verify(Self.three).counts.sequences == 3)
        for batch in [1, 2, 3] {
            #expect(try enough.verify(Self.contents, shard: nil, batchSize: batch).verification.counts.sequences == 3)
        }
    }

    @Test func aRefusedBatchNamesWhatTheRunSpent() throws {
        var options = VerifierOptions()
        options.maxWork = 2 * Self.perSequence(options)
        let e = inputError { try Verifier(model: Self.model, options: options).verify(Self.contents, shard: nil, batchSize: 1) }
        #expect(e?.message.contains("more exact operations after the") == true, "\(String(describing: e))")
        #expect(e?.message.contains("it bounds the whole run") == true)
    }
}

/// Batches replayed at once still report the earliest error: when two neighbouring batches both fail,
/// the error names the first of them, and no batch is left running.
@Suite struct StreamedErrorOrderTests {
    @Test func theEarliestFailingBatchIsReported() throws {
        let big = Rational(BigInt(1) << 100)
        let sequences = (0..<40).map { i in
            i == 10 || i == 11 ? sequence("a", [[big, .zero], [.zero, .one]]) : LimitWorkBudgetTests.one
        }
        let source = DatasetSource.contents([("order.jsonl", Array(jsonLines(dataset(sequences)).utf8))])
        var options = VerifierOptions(jobs: 2)
        options.maxBits = 64
        let verifier = try Verifier(model: LimitWorkBudgetTests.model, options: options)
        for batch in [1, 2] {
            let e = inputError { try verifier.verify(source, shard: nil, batchSize: batch) }
            #expect(e?.message.hasPrefix("sequence 10:") == true, "batch \(batch): \(String(describing: e))")
        }
    }
}
