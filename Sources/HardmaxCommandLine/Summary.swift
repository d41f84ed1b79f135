import Exact
import HardmaxVerifier

/// The human summary of a verification: failures (the first few, with reasons), counts, min margin,
/// and as its last line `N passed, M failed`.
enum Summary {
    static let listedFailures = 20

    static func lines(_ verification: Verification, subject: String) -> [String] {
        var lines: [String] = []
        let failures = verification.failures
        for failure in failures.prefix(listedFailures) {
            let name = failure.id.map { "sequence \(failure.index) (id \($0))" } ?? "sequence \(failure.index)"
            let margin = failure.margin.map { ", margin \($0)" } ?? ""
            lines.append("FAIL \(name): label \(failure.label), \(failure.reason ?? "failed")\(margin)")
        }
        if failures.count > listedFailures {
            lines.append("... and \(failures.count - listedFailures) more failures")
        }
        let counts = verification.counts
        lines.append("\(subject): verdict \(verification.verdict.rawValue); \(counts.sequences) sequences, "
                     + "\(counts.tokens) tokens, \(counts.classes) classes; min margin "
                     + (verification.minMargin.map { "\($0)" } ?? "none"))
        lines.append("\(counts.passed) passed, \(counts.failed) failed")
        return lines
    }
}
