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
        let undecided = results.reduce(0) { $0 + ($1.enclosed?.status == .undecided ? 1 : 0) }
        var counts = VerificationCounts(sequences: results.count, tokens: tokens, classes: classes,
                                        passed: passed, failed: results.count - passed - undecided)
        counts.undecided = undecided
        self.counts = counts
        minMarginBounds = results.compactMap(\.enclosed?.margin).reduce(nil as Bounds?) { m, b in m.map { Bounds.least($0, b) } ?? b }
        maxErrorBounds = results.compactMap(\.enclosed?.error).reduce(nil as Bounds?) { m, b in m.map { Bounds.largest($0, b) } ?? b }
        minMargin = results.compactMap(\.margin).min()
        maxError = results.compactMap(\.error).max()
        attentionGaps = AttentionGap.least(results.map(\.attentionGaps))
        verdict = passed == results.count ? .pass : (counts.failed > 0 ? .fail : .undecided)
    }
}

extension AttentionGap {
    /// Head by head, the least gap of several lists for the same heads (nil gaps ignored); the first
    /// list's heads, or none.
    package static func least(_ lists: [[AttentionGap]]) -> [AttentionGap] {
        guard var least = lists.first else { return [] }
        for list in lists.dropFirst() {
            precondition(list.count == least.count, "AttentionGap.least: different heads")
            for k in least.indices {
                if let g = list[k].gap { least[k].gap = min(least[k].gap ?? g, g) }
            }
        }
        return least
    }
}
