import Exact
import HardmaxModel

extension CertificateComparison {
    /// The first reason to refuse a certificate of a replay with enclosures (SPEC.md section 11), or nil.
    ///
    /// Two sound replays give intervals that both contain the real value, so they always meet; their
    /// statuses may differ only where one is undecided. A recorded `pass` or `fail` row is accepted iff
    /// the recomputed row has the same status and its interval meets the recorded one; an `undecided`
    /// row iff the intervals meet. A row left out (a certificate with only the rows that did not pass)
    /// must be recomputed `pass`. Counts and verdict must be those of the accepted statuses; the least
    /// margin and largest error intervals must meet the recomputed ones. Predicted classes are compared
    /// where both replays decided one.
    static func enclosed(_ c: Certificate, _ v: Verification) -> String? {
        if c.semantics != v.semantics { return diff("semantics", c.semantics.rawValue, v.semantics.rawValue) }
        guard let counts = c.counts else { return "counts: missing" }
        // Rows left out are counted as passes below: only a recomputation with every row can say so.
        guard v.keepsEveryRow else { return "results: the recomputation kept only the failing rows" }
        let recomputed = Dictionary(v.results.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        var statuses: [EnclosedStatus] = []
        var recordedRows = c.results.makeIterator()
        var next = recordedRows.next()
        for (k, e) in v.results.enumerated() {
            guard let eo = e.enclosed else { return "results: the recomputation is not a replay with enclosures" }
            guard let r = next, r.index == e.index else {
                if eo.status != .pass {
                    return "results: sequence \(e.index) is recomputed \(eo.status.rawValue) but has no row "
                        + "(a certificate lists every row or every row that did not pass)"
                }
                statuses.append(.pass)
                continue
            }
            next = recordedRows.next()
            let at = "results[\(k)]"
            if let problem = row(r, e, at) { return problem }
            statuses.append(r.enclosed!.status)
        }
        if let r = next {
            return "results: row for sequence \(r.index) \(recomputed[r.index] == nil ? "is not a sequence of the data" : "out of order")"
        }
        let passed = statuses.filter { $0 == .pass }.count, failed = statuses.filter { $0 == .fail }.count
        let undecided = statuses.count - passed - failed
        let fields: [(String, Int, Int)] = [
            ("sequences", counts.sequences, v.counts.sequences), ("tokens", counts.tokens, v.counts.tokens),
            ("classes", counts.classes, v.counts.classes), ("passed", counts.passed, passed),
            ("failed", counts.failed, failed), ("undecided", counts.undecided, undecided),
        ]
        for (name, recorded, accepted) in fields where recorded != accepted {
            return diff("counts.\(name)", "\(recorded)", "\(accepted)")
        }
        let verdict: Verdict = failed > 0 ? .fail : (undecided > 0 ? .undecided : .pass)
        if c.verdict != verdict { return diff("verdict", c.verdict.rawValue, verdict.rawValue) }
        if let problem = meets("minMargin", c.minMarginBounds, v.minMarginBounds) { return problem }
        return meets("maxError", c.maxErrorBounds, v.maxErrorBounds)
    }

    private static func row(_ r: CertificateRow, _ e: SequenceResult, _ at: String) -> String? {
        guard let ro = r.enclosed, let eo = e.enclosed else { return "\(at).status: missing" }
        if !r.id.isExactly(e.id) { return diff("\(at).id", r.id ?? "null", e.id ?? "null") }
        if r.labels != e.labels { return "\(at).labels: differ from the data" }
        if r.predicted.count != e.predicted.count { return "\(at).predicted: recorded \(r.predicted.count) entries, recomputed \(e.predicted.count)" }
        for (p, (x, y)) in zip(r.predicted, e.predicted).enumerated() where x != nil && y != nil && x != y {
            return "\(at).predicted[\(p)]: recorded a prediction the replay refutes"
        }
        if ro.status != .undecided && ro.status != eo.status {
            return diff("\(at).status", ro.status.rawValue, eo.status.rawValue + " (at up to \(eo.precision ?? 0) bits)")
        }
        if let problem = meets("\(at).margin", ro.margin, eo.margin) { return problem }
        return meets("\(at).error", ro.error, eo.error)
    }

    /// Recorded and recomputed intervals: both absent, or both present and meeting. (An undecided
    /// replay that stopped early may have none; then there is nothing to compare.)
    private static func meets(_ field: String, _ recorded: Bounds?, _ recomputed: Bounds?) -> String? {
        switch (recorded, recomputed) {
        case (nil, nil): return nil
        case (let r?, let e?):
            return r.meets(e) ? nil : "\(field): recorded [\(r.lower), \(r.upper)] does not meet the recomputed [\(e.lower), \(e.upper)]"
        case (let r?, nil): return "\(field): recorded [\(r.lower), \(r.upper)], recomputed none"
        case (nil, let e?): return "\(field): recorded none, recomputed [\(e.lower), \(e.upper)]"
        }
    }
}
