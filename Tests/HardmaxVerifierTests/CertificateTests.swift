import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

@Suite struct CertificateTests {
    /// Classes a, b with scores (x, 2 - x) under mean pooling: mean 1 ties (fails), > 1 is a, < 1 is b.
    static let model = Model(dimension: 1, layers: [],
                             readout: Readout(pool: .mean, classes: ["a", "b"], weight: mat([[1], [-1]]), bias: [0, 2]))
    static let data = dataset([
        sequence("a", [[3]], id: "first"), sequence("b", [[0], [1]]), sequence("a", [[1]]),
        sequence("b", [[q(1, 2)]], id: "x\"y"), sequence("a", [[2], [4]]),
    ])

    /// Writes model.json, data.jsonl and (when given) cert.json into a fresh folder.
    func write(_ model: Model, _ data: Dataset, in folder: String) throws -> (model: String, data: String) {
        let m = folder + "/model.json", d = folder + "/data.jsonl"
        try writeText(ModelWriter.text(model), to: m)
        try writeText(jsonLines(data), to: d)
        return (m, d)
    }

    func certify(_ folder: String, failuresOnly: Bool = false, certificate: String? = nil) throws -> String {
        let (m, d) = try write(Self.model, Self.data, in: folder)
        let certPath = certificate ?? folder + "/cert.json"
        let v = try Verifier(model: ModelReader.read(file: m)).verify(DatasetReader.read(.files([d])).dataset)
        let c = try Certificate(verification: v, model: FileReference(file: m, forCertificateAt: certPath),
                                datasets: [FileReference(file: d, forCertificateAt: certPath)], failuresOnly: failuresOnly)
        try c.write(to: certPath)
        return certPath
    }

    @Test func writeReadAndCheck() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try certify(folder)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Keys in the order of SPEC.md section 5.
        let keys = ["\"format\"", "\"version\"", "\"verdict\"", "\"semantics\"", "\"model\"", "\"datasets\"",
                    "\"counts\"", "\"minMargin\"", "\"results\"", "\"producer\""]
        let offsets = keys.map { text.range(of: $0)!.lowerBound }
        #expect(offsets == offsets.sorted())
        #expect(text.contains("\"file\": \"model.json\""))
        #expect(text.contains("{\"index\": 0, \"id\": \"first\", \"label\": \"a\", \"predicted\": \"a\", \"margin\": \"4\", \"pass\": true}"))
        #expect(text.contains("\"producer\": {\"name\": \"hardmax\", \"version\": \"0.1.0\"}"))
        let c = try Certificate.read(file: path)
        // Hand-computed: means 3, 1/2, 1, 1/2, 3 -> a (4), b (margin 1), tie (0, fails), b (1), a (4).
        #expect(c.verdict == .fail)
        #expect(c.counts == VerificationCounts(sequences: 5, tokens: 7, classes: 2, passed: 4, failed: 1))
        #expect(c.minMargin == 0)
        #expect(c.results.map(\.margin) == [4, 1, 0, 1, 4])
        #expect(c.results[3].id == "x\"y")
        #expect(!c.isFailuresOnly)
        let outcome = try CertificateCheck.check(certificateAt: path)
        #expect(outcome.confirmed, "\(outcome.difference ?? "")")
        #expect(outcome.verification?.verdict == .fail)
    }

    @Test func failuresOnlyKeepsCountsAndMinMargin() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try certify(folder, failuresOnly: true)
        let c = try Certificate.read(file: path)
        #expect(c.results.map(\.index) == [2])
        #expect(c.counts?.sequences == 5 && c.minMargin == 0 && c.isFailuresOnly)
        #expect(try CertificateCheck.check(certificateAt: path).confirmed)
    }

    @Test func certificateInAnotherFolderNamesFilesRelatively() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/certs/deep", withIntermediateDirectories: true)
        let path = try certify(folder, certificate: folder + "/certs/deep/c.json")
        let c = try Certificate.read(file: path)
        #expect(c.model?.file == "../../model.json")
        #expect(c.datasets.map(\.file) == ["../../data.jsonl"])
        #expect(try CertificateCheck.check(certificateAt: path).confirmed)
    }

    @Test func tamperedFileFailsNamingIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try certify(folder)
        var bytes = try FileIO.read(folder + "/data.jsonl", maxBytes: 1 << 20)
        bytes[bytes.count - 3] ^= 1  // one byte of the dataset
        try FileIO.writeAtomically(bytes, to: folder + "/data.jsonl")
        let outcome = try CertificateCheck.check(certificateAt: path)
        #expect(!outcome.confirmed)
        #expect(outcome.difference?.hasPrefix("dataset file data.jsonl:") == true)
    }

    @Test func editedFieldsFailNamingTheField() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try certify(folder)
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let edits: [(String, String, String)] = [
            ("\"margin\": \"1\"", "\"margin\": \"3/2\"", "results[1].margin: recorded 3/2, recomputed 1"),
            ("\"minMargin\": \"0\"", "\"minMargin\": \"1/2\"", "minMargin: recorded 1/2, recomputed 0"),
            ("\"verdict\": \"fail\"", "\"verdict\": \"pass\"", "verdict: recorded pass, recomputed fail"),
            ("\"passed\": 4", "\"passed\": 5", "counts.passed: recorded 5, recomputed 4"),
            ("\"id\": \"first\", ", "", "results[0].id: recorded null, recomputed \"first\""),
            ("\"predicted\": null", "\"predicted\": \"a\"", "results[2].predicted: recorded \"a\", recomputed null"),
        ]
        for (from, to, expected) in edits {
            #expect(original.contains(from))
            try writeText(original.replacingOccurrences(of: from, with: to), to: path)
            let outcome = try CertificateCheck.check(certificateAt: path)
            #expect(outcome.difference == expected)
        }
        // Dropping a passing row while keeping the others is neither all rows nor the failures.
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
        let dropped = lines.filter { !$0.contains("\"index\": 1,") }.joined(separator: "\n")
        try writeText(dropped, to: path)
        #expect(try CertificateCheck.check(certificateAt: path).difference?.hasPrefix("results: recorded 4 rows") == true)
    }

    @Test func strictReading() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try certify(folder)
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("\"pass\": true}", "\"pass\": true, \"extra\": 1}", "results[0].extra"),
            ("\"sequences\": 5", "\"sequences\": \"5\"", "counts.sequences"),
            ("\"margin\": \"4\"", "\"margin\": 4", "results[0].margin"),
            ("\"semantics\": \"hardmax\"", "\"semantics\": \"argmax\"", "semantics"),
            ("\"margin\": \"4\"", "\"margin\": \"4/0\"", "results[0].margin"),
            // The same values in other spellings: a certificate has one text for its content.
            ("\"margin\": \"4\"", "\"margin\": \"8/2\"", "results[0].margin"),
            ("\"margin\": \"4\"", "\"margin\": \"4.0\"", "results[0].margin"),
            ("\"minMargin\": \"0\"", "\"minMargin\": \"-0\"", "minMargin"),
            ("\"file\": \"model.json\"", "\"file\": \"\(folder)/model.json\"", "model.file"),
            // A field of the other verdict's shape.
            ("\"semantics\": \"hardmax\"", "\"semantics\": \"hardmax\", \"positions\": \"none\"", "positions"),
        ]
        for (from, to, errorPath) in cases {
            #expect(original.contains(from), "\(from)")
            try writeText(original.replacingOccurrences(of: from, with: to), to: path)
            #expect(throws: InputError.self) { try Certificate.read(file: path) }
            do { _ = try Certificate.read(file: path) } catch let e as InputError {
                #expect(e.path == errorPath, "\(e)")
                #expect(e.file == path)
                if ["\"8/2\"", "\"4.0\"", "\"-0\""].contains(where: to.hasSuffix) {
                    #expect(e.message.contains("expected the number written as"), "\(e.message)")
                }
            }
        }
        // A named file that is missing is an input error.
        try writeText(original, to: path)
        try FileManager.default.removeItem(atPath: folder + "/model.json")
        #expect(throws: InputError.self) { try CertificateCheck.check(certificateAt: path) }
    }

    @Test func impossibleCertificate() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let d = dataset([sequence("a", [[1], [2]], id: "p"), sequence("b", [[2], [1], [1], [2]]), sequence("c", [[7]]),
                         sequence("d", [[7]])])
        let dataPath = folder + "/data.jsonl", path = folder + "/cert.json"
        try writeText(jsonLines(d), to: dataPath)
        let conflicts = Conflict.conflicts(in: try DatasetReader.read(.files([dataPath])).dataset, positions: .none)
        #expect(conflicts.count == 2)
        let c = Certificate(conflicts: conflicts, positions: .none,
                            datasets: [try FileReference(file: dataPath, forCertificateAt: path)])
        try c.write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("\"model\""))
        #expect(text.contains("\"indices\": [0, 1]"))
        #expect(try Certificate.read(file: path) == c)
        let outcome = try CertificateCheck.check(certificateAt: path)
        #expect(outcome.confirmed && outcome.conflicts == conflicts)
        // Strict reading names the element that is wrong.
        let strict = [("\"indices\": [0, 1]", "\"indices\": [0, \"1\"]", "conflicts[0].indices[1]"),
                      ("[\"1\"],", "[\"2/2\"],", "conflicts[0].measure.tokens[0][0]"),
                      ("\"positions\": \"none\"", "\"positions\": \"none\", \"minMargin\": null", "minMargin")]
        for (from, to, errorPath) in strict {
            #expect(text.contains(from), "\(from) in \(text)")
            try writeText(text.replacingOccurrences(of: from, with: to), to: path)
            do {
                _ = try Certificate.read(file: path)
                Issue.record("\(to) must be refused")
            } catch let e as InputError {
                #expect(e.path == errorPath && e.line != nil, "\(e)")
            }
        }
        // A forged conflict is caught.
        try writeText(text.replacingOccurrences(of: "\"indices\": [2, 3]", with: "\"indices\": [0, 2]"), to: path)
        #expect(try CertificateCheck.check(certificateAt: path).difference
                == "conflicts[1].indices: recorded [0, 2], recomputed [2, 3]")
    }
}
