import HardmaxModel
import Exact

extension Verification {
    /// Summarises the rows of part of a dataset, such as one ``Shard``: `results` in strictly
    /// increasing order of their (global) index, `tokens` the tokens of those sequences. Counts,
    /// minMargin and verdict cover exactly these rows; an empty part passes with no margin.
    /// - Precondition: the indices of `results` are strictly increasing and non-negative.
    public init(part results: [SequenceResult], tokens: Int, classes: Int) {
        precondition(results.first.map { $0.index >= 0 } ?? true
                     && zip(results, results.dropFirst()).allSatisfy { $0.index < $1.index },
                     "Verification: rows of a part must have increasing indices")
        self.results = results
        let passed = results.reduce(0) { $0 + ($1.passed ? 1 : 0) }
        counts = VerificationCounts(sequences: results.count, tokens: tokens, classes: classes,
                                    passed: passed, failed: results.count - passed)
        minMargin = results.compactMap(\.margin).min()
        verdict = passed == results.count ? .pass : .fail
    }
}
