import Exact
import HardmaxModel

/// Field-by-field comparison of a recorded certificate with a recomputation (SPEC.md sections 5 and 6).
/// A certificate is confirmed iff every recorded field equals the recomputed one exactly; labels, class
/// names and ids compare by their exact scalars.
public enum CertificateComparison {
    /// The first difference between `c` and the verification `v` recomputed from its files, or nil.
    /// Compared: verdict, counts, minMargin, the set of rows present (every row, or exactly the failing
    /// rows), and each row's index, id, label, prediction, margin and pass.
    public static func verification(_ c: Certificate, _ v: Verification) -> String? {
        if c.semantics != .hardmax || v.semantics != .hardmax { return enclosed(c, v) }
        if c.verdict != v.verdict { return diff("verdict", c.verdict.rawValue, v.verdict.rawValue) }
        guard let counts = c.counts else { return "counts: missing" }
        let fields: [(String, Int, Int)] = [
            ("sequences", counts.sequences, v.counts.sequences), ("tokens", counts.tokens, v.counts.tokens),
            ("classes", counts.classes, v.counts.classes), ("passed", counts.passed, v.counts.passed),
            ("failed", counts.failed, v.counts.failed),
        ]
        for (name, recorded, recomputed) in fields where recorded != recomputed {
            return diff("counts.\(name)", "\(recorded)", "\(recomputed)")
        }
        if c.minMargin != v.minMargin { return diff("minMargin", text(c.minMargin), text(v.minMargin)) }
        if c.maxError != v.maxError { return diff("maxError", text(c.maxError), text(v.maxError)) }
        if let gaps = c.attentionGaps {
            if gaps.count != v.attentionGaps.count {
                return diff("attentionGaps", "\(gaps.count) heads", "\(v.attentionGaps.count)")
            }
            for (k, (r, e)) in zip(gaps, v.attentionGaps).enumerated() where r != e {
                return diff("attentionGaps[\(k)]", "layer \(r.layer) head \(r.head) gap \(text(r.gap))",
                            "layer \(e.layer) head \(e.head) gap \(text(e.gap))")
            }
        }
        let kept = v.results.map(CertificateRow.init)
        let failures = kept.filter { !$0.passed }
        if !v.keepsEveryRow && c.results.count == v.counts.sequences && v.counts.passed > 0 {
            // Never confirmed by a recomputation that did not keep the rows it would compare.
            return "results: recorded every row, but the recomputation kept only the failing rows"
        }
        let expected = v.keepsEveryRow && c.results.count == kept.count ? kept : failures
        if c.results.count != expected.count {
            return "results: recorded \(c.results.count) rows, recomputed \(v.counts.sequences) rows of which "
                + "\(v.counts.sequences - v.counts.passed) failing (a certificate lists every row or exactly the failing rows)"
        }
        for (k, (r, e)) in zip(c.results, expected).enumerated() {
            let at = "results[\(k)]"
            if r.index != e.index { return diff("\(at).index", "\(r.index)", "\(e.index)") }
            if !r.id.isExactly(e.id) { return diff("\(at).id", text(r.id), text(e.id)) }
            if r.labels != e.labels { return diff("\(at).labels", text(r.labels), text(e.labels)) }
            if r.predicted != e.predicted {
                guard case .whole = e.labels, r.predicted.count == 1, e.predicted.count == 1 else {
                    return diff("\(at).predicted", text(r.predicted), text(e.predicted))
                }
                return diff("\(at).predicted", text(r.predicted[0]), text(e.predicted[0]))
            }
            if r.margin != e.margin { return diff("\(at).margin", text(r.margin), text(e.margin)) }
            if r.error != e.error { return diff("\(at).error", text(r.error), text(e.error)) }
            if r.passed != e.passed { return diff("\(at).pass", "\(r.passed)", "\(e.passed)") }
        }
        return nil
    }

    /// The first difference between recorded and recomputed conflicts (SPEC.md section 6), or nil.
    public static func conflicts(_ recorded: [Conflict], _ recomputed: [Conflict]) -> String? {
        if recomputed.isEmpty { return "conflicts: none recomputed, so the data set is not refuted (verdict impossible needs a conflict)" }
        if recorded.count != recomputed.count {
            return "conflicts: recorded \(recorded.count), recomputed \(recomputed.count)"
        }
        for (k, (r, e)) in zip(recorded, recomputed).enumerated() {
            let at = "conflicts[\(k)]"
            if [r.first, r.second] != [e.first, e.second] {
                return diff("\(at).indices", "[\(r.first), \(r.second)]", "[\(e.first), \(e.second)]")
            }
            if !r.firstID.isExactly(e.firstID) || !r.secondID.isExactly(e.secondID) {
                return diff("\(at).ids", "[\(text(r.firstID)), \(text(r.secondID))]", "[\(text(e.firstID)), \(text(e.secondID))]")
            }
            if r.firstLabel != e.firstLabel || r.secondLabel != e.secondLabel {
                return diff("\(at).labels", "[\(text(r.firstLabel)), \(text(r.secondLabel))]",
                            "[\(text(e.firstLabel)), \(text(e.secondLabel))]")
            }
            if r.identical != e.identical { return diff("\(at).identical", "\(r.identical)", "\(e.identical)") }
            if r.measure.tokens != e.measure.tokens { return "\(at).measure.tokens: differ from the recomputed measure" }
            if r.measure.weights != e.measure.weights {
                return diff("\(at).measure.weights", "\(r.measure.weights)", "\(e.measure.weights)")
            }
        }
        return nil
    }

    static func diff(_ field: String, _ recorded: String, _ recomputed: String) -> String {
        "\(field): recorded \(recorded), recomputed \(recomputed)"
    }

    private static func text(_ r: Rational?) -> String { r?.description ?? "null" }
    private static func text(_ s: String?) -> String { s.map { "\"\($0)\"" } ?? "null" }
    private static func text(_ s: Label?) -> String { text(s?.text) }
    private static func text(_ l: SequenceLabels) -> String {
        switch l {
        case .whole(let label): return text(label)
        case .perToken(let labels): return "[" + labels.map(text).joined(separator: ", ") + "]"
        }
    }
    private static func text(_ p: [Prediction?]) -> String { "[" + p.map(text).joined(separator: ", ") + "]" }
    private static func text(_ p: Prediction?) -> String {
        switch p {
        case nil: return "null"
        case .label(let l)?: return text(l)
        case .values(let v)?: return "[" + v.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

extension CertificateComparison {
    /// The first difference between recorded and recomputed per-token conflicts (SPEC.md section 12), or nil.
    public static func tokenConflicts(_ recorded: [TokenConflict], _ recomputed: [TokenConflict]) -> String? {
        if recomputed.isEmpty {
            return "conflicts: none recomputed, so the data set is not refuted (verdict impossible needs a conflict)"
        }
        if recorded.count != recomputed.count {
            return "conflicts: recorded \(recorded.count), recomputed \(recomputed.count)"
        }
        func site(_ s: TokenSite) -> String { "[\(s.sequence), \(s.token)]" }
        func name(_ s: String?) -> String { s.map { "\"\($0)\"" } ?? "null" }
        for (k, (r, e)) in zip(recorded, recomputed).enumerated() {
            let at = "conflicts[\(k)]"
            if r.first != e.first || r.second != e.second {
                return diff("\(at).indices", "[\(site(r.first)), \(site(r.second))]",
                            "[\(site(e.first)), \(site(e.second))]")
            }
            if !r.firstID.isExactly(e.firstID) || !r.secondID.isExactly(e.secondID) {
                return diff("\(at).ids", "[\(name(r.firstID)), \(name(r.secondID))]",
                            "[\(name(e.firstID)), \(name(e.secondID))]")
            }
            if r.firstLabel != e.firstLabel || r.secondLabel != e.secondLabel {
                return diff("\(at).labels", "[\"\(r.firstLabel)\", \"\(r.secondLabel)\"]",
                            "[\"\(e.firstLabel)\", \"\(e.secondLabel)\"]")
            }
            if r.identical != e.identical { return diff("\(at).identical", "\(r.identical)", "\(e.identical)") }
            if r.token != e.token { return "\(at).token: differs from the recomputed token" }
            if r.measure.tokens != e.measure.tokens { return "\(at).measure.tokens: differ from the recomputed measure" }
            if r.measure.weights != e.measure.weights {
                return diff("\(at).measure.weights", "\(r.measure.weights)", "\(e.measure.weights)")
            }
        }
        return nil
    }
}
