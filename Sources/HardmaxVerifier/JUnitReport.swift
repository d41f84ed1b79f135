import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// A verification as JUnit XML, for CI test reporters (GitLab, Jenkins, GitHub actions):
/// one `<testsuites>` root and one `<testsuite>` with one `<testcase>` per sequence, a `<failure>`
/// for each sequence that did not pass (type `hardmax.fail`, or `hardmax.undecided` for a sequence
/// undecided under enclosures, with its margin or error interval). No timing is measured: every `time`
/// is "0".
///
/// A test case's classname is the dataset file its sequence came from (the suite name when the files
/// are not given); its name is `sequence J` or `sequence J (id ID)`, unique by the index J.
public struct JUnitReport: Sendable {
    public var suiteName: String
    /// The dataset files in order, with how many sequences each contributed.
    public var files: [(name: String, sequences: Int)]

    public init(suiteName: String, files: [(name: String, sequences: Int)] = []) {
        self.suiteName = suiteName
        self.files = files
    }

    /// The XML document, ending in a newline.
    /// - Precondition: `v` keeps every row (one test case per sequence).
    public func xml(for v: Verification) -> String {
        precondition(v.keepsEveryRow, "JUnitReport: a verification without its passing rows")
        // An undecided sequence (SPEC.md section 11) did not pass: it is a failure of type hardmax.undecided.
        let tests = v.counts.sequences, failures = v.counts.failed + v.counts.undecided
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(XMLText.escape(suiteName))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" time=\"0\">\n"
        out += "  <testsuite name=\"\(XMLText.escape(suiteName))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
        var fileIndex = 0, fileEnd = files.first?.sequences ?? Int.max
        for r in v.results {
            while r.index >= fileEnd, fileIndex + 1 < files.count {
                fileIndex += 1
                fileEnd += files[fileIndex].sequences
            }
            let classname = files.isEmpty ? suiteName : files[fileIndex].name
            let name = "sequence \(r.index)" + (r.id.map { " (id \($0))" } ?? "")
            let head = "    <testcase classname=\"\(XMLText.escape(classname))\" name=\"\(XMLText.escape(name))\" time=\"0\""
            if r.passed {
                out += head + "/>\n"
            } else {
                let message = r.reason ?? "failed"
                var detail = ""
                if let label = r.label, r.error == nil {
                    detail = "label \(label), predicted \(r.predictedLabel?.text ?? "none"), "
                }
                if let o = r.enclosed {
                    func interval(_ b: Bounds) -> String { "in [\(b.lower), \(b.upper)]" }
                    detail += o.error.map { "error " + interval($0) } ?? "margin " + (o.margin.map(interval) ?? "none")
                } else {
                    detail += r.error.map { "error \($0)" } ?? "margin \(r.margin?.description ?? "none")"
                }
                let type = r.enclosed?.status == .undecided ? "hardmax.undecided" : "hardmax.fail"
                out += head + ">\n"
                out += "      <failure message=\"\(XMLText.escape(message))\" type=\"\(type)\">\(XMLText.escape(detail))</failure>\n"
                out += "    </testcase>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}
