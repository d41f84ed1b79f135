import Exact
import HardmaxVerifier
import HardmaxKernel

/// The human summary of a verification: failures and undecided sequences (the first few, with reasons),
/// counts, min margin, and as its last line `N passed, M failed` (`, K undecided` under enclosures).
enum Summary {
    static let listedFailures = 20

    static func lines(_ verification: Verification, subject: String) -> [String] {
        var lines: [String] = []
        let failures = verification.failures
        for failure in failures.prefix(listedFailures) {
            let name = failure.id.map { "sequence \(failure.index) (id \(printable($0)))" } ?? "sequence \(failure.index)"
            let margin = failure.error.map { ", error \($0)" } ?? failure.margin.map { ", margin \($0)" } ?? ""
            let label = failure.label.map { "label \(printable($0.text)), " } ?? ""
            let status = failure.enclosed?.status == .undecided ? "UNDECIDED" : "FAIL"   // SPEC.md section 11
            lines.append("\(status) \(name): \(label)\(printable(failure.reason ?? "failed"))\(margin)")
        }
        if failures.count > listedFailures {
            lines.append("... and \(failures.count - listedFailures) more failures")
        }
        let counts = verification.counts
        lines.append("\(subject): verdict \(verification.verdict.rawValue); \(counts.sequences) sequences, "
                     + "\(counts.tokens) tokens, \(counts.classes) classes; "
                     + Self.quality(verification))
        lines.append("\(counts.passed) passed, \(counts.failed) failed" + (counts.undecided > 0 ? ", \(counts.undecided) undecided" : ""))
        return lines
    }

    /// "min margin 1/2", "max error 0", or under enclosures "min margin in [lo, hi]".
    static func quality(_ v: Verification) -> String {
        if v.semantics != .hardmax {
            if let e = v.maxErrorBounds { return "max error in [\(e.lower), \(e.upper)]" }
            return "min margin " + (v.minMarginBounds.map { "in [\($0.lower), \($0.upper)]" } ?? "none")
        }
        return v.maxError.map { "max error \($0)" } ?? "min margin " + (v.minMargin.map { "\($0)" } ?? "none")
    }

    /// Text from data files with control characters shown as `\u{..}`, so a label cannot start a line of
    /// its own (e.g. a forged "2 passed, 0 failed") or move the terminal's cursor.
    static func printable(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            if u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
                out += "\\u{" + String(u.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
