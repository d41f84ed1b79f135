import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxKernel

/// Certificates of a softmax model (SPEC.md section 11): written, read back equal, confirmed by check;
/// every kind of tampering refused with the field named; undecided rows accepted by the meets rule;
/// failures-only certificates keep undecided rows.
///
/// The model: s(i, j) = x_i0 x_j0, V copies coordinate 0, r = 1, softmax; classes a = z_0, b = 1,
/// c = z_0 + z_1 over the mean z. On tokens (0, t), (1, t): position 1 has equal scores (weights 1/2
/// exactly) and y = (1/2, t); position 2 has scores (0, 1) and y = (1 + e/(1+e), t); so
/// z_0 = 3/4 + e/(2(1+e)) = 1.1155... and z_1 = t.
///   0 "tie":  t = 0, label a: a and c are the same value, computed alike: undecided at every precision;
///   1:        t = 1, label c: margin (z_0 + 1) - z_0 = 1: pass;
///   2:        t = 1, label a: margin z_0 - (z_0 + 1) = -1: fail;
///   3:        tokens (2, 1) twice (copies; equal scores): z = (4, 1) exactly, label c: margin 1, exact;
///   4:        t = 0, label b: margin 1 - z_0 = 1/4 - e/(2(1+e)) = -0.1155...: fail.
@Suite struct EnclosureCertificateTests {
    static let model = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 2, "semantics": "softmax",
         "layers": [{"type": "attention", "heads": [{"bilinear": [[1, 0], [0, 0]], "value": [[1, 0], [0, 0]]}]}],
         "readout": {"pool": "mean", "classes": ["a", "b", "c"], "weight": [[1, 0], [0, 0], [1, 1]], "bias": [0, 1, 0]}}
        """
    static let data = """
        {"id": "tie", "label": "a", "tokens": [[0, 0], [1, 0]]}
        {"label": "c", "tokens": [[0, 1], [1, 1]]}
        {"label": "a", "tokens": [[0, 1], [1, 1]]}
        {"label": "c", "tokens": [[2, 1], [2, 1]]}
        {"label": "b", "tokens": [[0, 0], [1, 0]]}

        """

    /// Replays with at most 256 bits (the undecided row is retried at 128 and 256).
    static var options: VerifierOptions {
        var o = VerifierOptions.standard
        o.maxPrecision = 256
        return o
    }

    struct Files {
        let folder: String
        var model: String { folder + "/model.json" }
        var data: String { folder + "/data.jsonl" }
    }

    func files() throws -> Files {
        let f = Files(folder: try temporaryFolder())
        try writeText(Self.model, to: f.model)
        try writeText(Self.data, to: f.data)
        return f
    }

    @discardableResult
    func certify(_ f: Files, shard: Shard? = nil, failuresOnly: Bool = false, at path: String) throws -> Certificate {
        let run = Run(options: Self.options)
        let streamed = try run.verify(try run.readModel(f.model), data: .files([f.data]), shard: shard)
        try run.writeCertificate(streamed.verification, shard: shard, failuresOnly: failuresOnly, to: path)
        return try Certificate.read(file: path)
    }

    func check(_ path: String) throws -> String? {
        try CertificateCheck.check(certificateAt: path, options: Self.options).difference
    }

    @Test func writeReadAndCheck() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let path = f.folder + "/cert.json"
        let c = try certify(f, at: path)
        #expect(c.semantics == .softmax && c.verdict == .fail)
        var counts = VerificationCounts(sequences: 5, tokens: 10, classes: 3, passed: 2, failed: 2)
        counts.undecided = 1
        #expect(c.counts == counts)
        #expect(c.results.map { $0.enclosed?.status } == [.undecided, .pass, .fail, .pass, .fail])
        #expect(c.results.map { $0.enclosed?.precision } == [256, 64, 64, nil, 64])
        #expect(c.results.map(\.passed) == [false, true, false, true, false])
        #expect(c.results.map(\.predicted) == [[nil], [.label("c")], [.label("c")], [.label("c")], [nil]])
        // The margins hold the hand values.
        let e = try HandBrackets.exp(1)
        let rowFour = Bracket(exactly: q(1, 4)) - (try e.divided(by: (e + Rational.one) * Rational(2)))
        let margins = c.results.map { $0.enclosed?.margin }
        #expect(margins[0]?.holds(Bracket(exactly: 0)) == true)
        #expect(margins[1]?.holds(Bracket(exactly: 1)) == true && margins[2]?.holds(Bracket(exactly: -1)) == true)
        #expect(margins[3] == Bounds(lower: 1, upper: 1))
        #expect(margins[4]?.holds(rowFour) == true, "\(String(describing: margins[4])) against \(rowFour)")
        #expect(c.minMarginBounds?.holds(Bracket(exactly: -1)) == true && c.minMargin == nil)
        // Written, read back: the same certificate, the same text.
        #expect(try Certificate.read(file: path).text() == c.text())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"semantics\": \"softmax\"") && text.contains("\"undecided\": 1}"))
        #expect(text.contains("\"margin\": [\"1\", \"1\"],\n      \"precision\": null"), "\(text)")
        #expect(try check(path) == nil)
    }

    /// The certificate text with `from` replaced by `to` in the row of sequence `index` (or anywhere
    /// when `index` is nil).
    func edited(_ text: String, row index: Int?, _ from: String, _ to: String) -> String {
        guard let index else {
            #expect(text.contains(from), "\(from)")
            return text.replacingOccurrences(of: from, with: to)
        }
        let start = text.range(of: "\"index\": \(index),")!.lowerBound
        let end = text[start...].range(of: "}")!.lowerBound
        let row = String(text[start..<end])
        #expect(row.contains(from), "row \(index): \(from)")
        return text.replacingCharacters(in: start..<end, with: row.replacingOccurrences(of: from, with: to))
    }

    @Test func tamperedFieldsAreRefusedNamingTheField() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let path = f.folder + "/cert.json"
        let c = try certify(f, at: path)
        let original = try String(contentsOfFile: path, encoding: .utf8)
        // The recorded intervals as written (to find them in the text, not as expected values).
        func written(_ b: Bounds?) -> String { b.map { "[\"\($0.lower)\", \"\($0.upper)\"]" } ?? "null" }
        let rowOne = "\"margin\": " + written(c.results[1].enclosed?.margin), least = "\"minMargin\": " + written(c.minMarginBounds)
        // Edits that read but do not check: (row, from, to, the difference's start).
        let unchecked: [(Int?, String, String, String)] = [
            (1, "\"status\": \"pass\"", "\"status\": \"fail\"", "results[1].status: recorded fail, recomputed pass"),
            (4, "\"status\": \"fail\"", "\"status\": \"pass\"", "results[4].status: recorded pass, recomputed fail"),
            (1, rowOne, "\"margin\": [\"2\", \"3\"]", "results[1].margin: recorded [2, 3] does not meet the recomputed ["),
            (3, "\"margin\": [\"1\", \"1\"]", "\"margin\": [\"1/2\", \"3/4\"]", "results[3].margin: recorded [1/2, 3/4] does not meet"),
            (nil, "\"undecided\": 1}", "\"undecided\": 0}", "counts.undecided: recorded 0, recomputed 1"),
            (nil, "\"passed\": 2", "\"passed\": 3", "counts.passed: recorded 3, recomputed 2"),
            (nil, "\"verdict\": \"fail\"", "\"verdict\": \"undecided\"", "verdict: recorded undecided, recomputed fail"),
            (nil, "\"semantics\": \"softmax\"", "\"semantics\": \"hardmax-enclosure\"",
             "semantics: recorded hardmax-enclosure, recomputed softmax"),
            (nil, least, "\"minMargin\": [\"0\", \"1\"]", "minMargin: recorded [0, 1] does not meet"),
            (2, "\"predicted\": \"c\"", "\"predicted\": \"b\"", "results[2].predicted[0]: recorded a prediction the replay refutes"),
        ]
        for (row, from, to, expected) in unchecked {
            try writeText(edited(original, row: row, from, to), to: path)
            let difference = try check(path)
            #expect(difference?.hasPrefix(expected) == true, "\(to): \(String(describing: difference))")
        }
        // Edits the reader refuses: (row, from, to, JSON path of the error).
        let unreadable: [(Int?, String, String, String)] = [
            (3, "\"margin\": [\"1\", \"1\"]", "\"margin\": [\"1\", \"0\"]", "results[3].margin"),
            (1, "\"precision\": 64", "\"precision\": 1", "results[1].precision"),
            (1, "\"precision\": 64", "\"precision\": 65537", "results[1].precision"),
            (1, "\"precision\": 64", "\"precision\": -64", "results[1].precision"),
            (1, "\"status\": \"pass\"", "\"status\": \"passed\"", "results[1].status"),
            (1, "\"status\": \"pass\"", "\"pass\": true", "results[1].pass"),
            (3, "\"margin\": [\"1\", \"1\"]", "\"margin\": \"1\"", "results[3].margin"),
            (3, "\"margin\": [\"1\", \"1\"]", "\"margin\": [\"1\", \"2/2\"]", "results[3].margin[1]"),
            (nil, "\"undecided\": 1}", "\"undecided\": \"1\"}", "counts.undecided"),
            (nil, "\"semantics\": \"softmax\"", "\"semantics\": \"hardmax\"", "semantics"),
        ]
        for (row, from, to, errorPath) in unreadable {
            try writeText(edited(original, row: row, from, to), to: path)
            do {
                _ = try Certificate.read(file: path)
                Issue.record("\(to) must be refused")
            } catch let e as InputError {
                #expect(e.path == errorPath && e.file == path, "\(to): \(e)")
            }
        }
    }

    @Test func undecidedRowsAreCheckedByMeetingOnly() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let path = f.folder + "/cert.json"
        try certify(f, at: path)
        let original = try String(contentsOfFile: path, encoding: .utf8)
        // Row 0's margin is about [-2^-4000, 2^-4000]; any interval holding 0 meets it.
        let start = original.range(of: "\"margin\": [\"-1/")!.lowerBound
        let end = original[start...].range(of: "],")!.upperBound
        for replacement in ["[\"0\", \"0\"]", "[\"-1\", \"1/1000\"]", "[\"-7/2\", \"0\"]"] {
            try writeText(original.replacingCharacters(in: start..<end, with: "\"margin\": \(replacement),"), to: path)
            #expect(try check(path) == nil, "\(replacement)")
        }
        try writeText(original.replacingCharacters(in: start..<end, with: "\"margin\": [\"1/1000\", \"1\"],"), to: path)
        #expect(try check(path)?.hasPrefix("results[0].margin: recorded [1/1000, 1] does not meet") == true)
        // An undecided row may come from a replay that stopped earlier: recorded precision 64 is accepted.
        try writeText(original.replacingOccurrences(of: "\"precision\": 256", with: "\"precision\": 64"), to: path)
        #expect(try check(path) == nil)
        // A recorded undecided row where the replay decides is accepted too (the intervals meet):
        // row 4 (fail) recorded undecided, with the counts and verdict of the recorded statuses.
        let undecidedFour = edited(original, row: 4, "\"status\": \"fail\"", "\"status\": \"undecided\"")
            .replacingOccurrences(of: "\"failed\": 2, \"undecided\": 1", with: "\"failed\": 1, \"undecided\": 2")
        try writeText(undecidedFour, to: path)
        #expect(try check(path) == nil)
    }

    @Test func failuresOnlyKeepsUndecidedRows() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let path = f.folder + "/cert.json"
        let c = try certify(f, failuresOnly: true, at: path)
        #expect(c.results.map(\.index) == [0, 2, 4] && c.isFailuresOnly)
        #expect(c.counts?.sequences == 5 && c.counts?.undecided == 1 && c.minMarginBounds?.holds(Bracket(exactly: -1)) == true)
        #expect(try check(path) == nil)
        // Leaving out the undecided row is refused.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let start = text.range(of: "    {\n      \"index\": 0,")!.lowerBound
        let end = text.range(of: "    {\n      \"index\": 2,")!.lowerBound
        try writeText(text.replacingCharacters(in: start..<end, with: ""), to: path)
        #expect(try check(path) == "results: sequence 0 is recomputed undecided but has no row "
                + "(a certificate lists every row or every row that did not pass)")
    }
}
