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
        keepsEveryRow = true
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

extension Verification {
    /// The same verification with only the failing rows kept (``keepsEveryRow`` false); counts,
    /// margins, errors, gaps, verdict and semantics are unchanged.
    public func withFailingRowsOnly() -> Verification {
        Verification(self, results: failures, keepsEveryRow: false)
    }

    /// Consecutive parts of one run (the batches of a stream, in order) as one verification: counts
    /// add, the least margin and gap and the largest error over the parts, the rows of every part in
    /// order; ``keepsEveryRow`` iff every part keeps its rows. The verdict is derived from the counts
    /// as ``init(part:tokens:classes:)`` derives it from rows, so joining the parts of a data set
    /// gives the fields of the verification of the whole.
    /// - Precondition: the parts' rows have increasing indices across parts.
    public init(joining parts: [Verification], classes: Int) {
        let replayed = parts.filter { $0.counts.sequences > 0 }
        let rows = parts.flatMap(\.results)
        precondition(zip(rows, rows.dropFirst()).allSatisfy { $0.index < $1.index }, "Verification: parts out of order")
        var counts = VerificationCounts(sequences: 0, tokens: 0, classes: classes, passed: 0, failed: 0)
        for p in parts {
            counts.sequences += p.counts.sequences
            counts.tokens += p.counts.tokens
            counts.passed += p.counts.passed
            counts.failed += p.counts.failed
            counts.undecided += p.counts.undecided
        }
        let verdict: Verdict = counts.passed == counts.sequences ? .pass : (counts.failed > 0 ? .fail : .undecided)
        self.init(results: rows, keepsEveryRow: parts.allSatisfy(\.keepsEveryRow), counts: counts,
                  minMargin: replayed.compactMap(\.minMargin).min(), maxError: replayed.compactMap(\.maxError).max(),
                  attentionGaps: AttentionGap.least(replayed.map(\.attentionGaps)),
                  minMarginBounds: replayed.compactMap(\.minMarginBounds).reduce(nil as Bounds?) { m, b in m.map { Bounds.least($0, b) } ?? b },
                  maxErrorBounds: replayed.compactMap(\.maxErrorBounds).reduce(nil as Bounds?) { m, b in m.map { Bounds.largest($0, b) } ?? b },
                  verdict: verdict)
        if let first = parts.first { semantics = first.semantics }
    }

    /// `v` with other rows.
    private init(_ v: Verification, results: [SequenceResult], keepsEveryRow: Bool) {
        self.init(results: results, keepsEveryRow: keepsEveryRow, counts: v.counts, minMargin: v.minMargin,
                  maxError: v.maxError, attentionGaps: v.attentionGaps, minMarginBounds: v.minMarginBounds,
                  maxErrorBounds: v.maxErrorBounds, verdict: v.verdict)
        semantics = v.semantics
    }

    private init(results: [SequenceResult], keepsEveryRow: Bool, counts: VerificationCounts, minMargin: Rational?,
                 maxError: Rational?, attentionGaps: [AttentionGap], minMarginBounds: Bounds?, maxErrorBounds: Bounds?,
                 verdict: Verdict) {
        (self.results, self.keepsEveryRow, self.counts) = (results, keepsEveryRow, counts)
        (self.minMargin, self.maxError, self.attentionGaps) = (minMargin, maxError, attentionGaps)
        (self.minMarginBounds, self.maxErrorBounds, self.verdict) = (minMarginBounds, maxErrorBounds, verdict)
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
