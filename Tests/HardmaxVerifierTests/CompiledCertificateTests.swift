import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Certificates of SPEC.md section 10: per-token labels, value readouts (maxError, error rows,
/// predicted arrays) and attention gaps are written, read back equal, checked, and tampering is caught
/// naming the field; shards merge into the unsharded certificate.
@Suite struct CompiledCertificateTests {
    /// BOS -> 0, a -> 1, b -> -1; one head s(i, j) = x_i x_j, V = 1, r = 1: a positive token adds the
    /// largest token, a negative one the least, 0 the mean. Hand-computed on the data below:
    ///   0 "BOS a b": x = 0, 1, -1 -> y = 0, 2, -2; gaps: row 1 scores 0, 1, -1 (gap 1), row 2 0, -1, 1 (1).
    ///   1 "BOS a a": x = 0, 1, 1 -> y = 0, 2, 2; gap 1.
    ///   2 "BOS": y = 0; no gap.
    ///   3 "b b a": x = -1, -1, 1 -> y = -2, -2, 2; row 0 scores 1, 1, -1 (gap 2), row 2 -1, -1, 1 (2).
    static func model(readout: String) -> String {
        """
        {"format": "hardmax-transformer", "version": 1, "dimension": 1,
         "embedding": {"vocabulary": ["BOS", "a", "b"], "table": [[0], [1], [-1]]},
         "layers": [{"type": "attention", "heads": [{"query": [[1]], "key": [[1]], "value": [[1]], "scale": {"sqrt": "1/2"}}]}],
         "readout": \(readout)}
        """
    }

    /// Classes neg, pos with scores (-y, y).
    static let classes = model(readout: "{\"pool\": \"every\", \"classes\": [\"neg\", \"pos\"], \"weight\": [[-1], [1]]}")
    /// Row 0 passes (margins 4, 4), row 1 fails at token 3 (margin -4), row 2 has no checked token, row 3
    /// passes (4).
    static let classData = """
        {"id": "r0", "tokens": ["BOS", "a", "b"], "labels": [null, "pos", "neg"]}
        {"tokens": ["BOS", "a", "a"], "labels": [null, "pos", "neg"]}
        {"tokens": ["BOS"], "labels": [null]}
        {"tokens": ["b", "b", "a"], "labels": ["neg", null, "pos"]}

        """

    /// The value y, tolerance 1.
    static let values = model(readout: "{\"pool\": \"every\", \"values\": [\"y\"], \"weight\": [[1]], \"tolerance\": 1}")
    /// Row 0: predictions 2, -2 against 2, -5/2: error 1/2, passes. Row 1: 2, 2 against 1/3, [2]: error
    /// 5/3 > 1, fails. Row 2 passes with no error. Row 3: label x is not a number (fails); its other
    /// read is exact, so its error is 0.
    static let valueData = """
        {"tokens": ["BOS", "a", "b"], "labels": [null, "2", "-5/2"]}
        {"tokens": ["BOS", "a", "a"], "labels": [null, "1/3", [2]]}
        {"tokens": ["BOS"], "labels": [null]}
        {"tokens": ["b", "b", "a"], "labels": ["x", null, 2]}

        """

    struct Files {
        let folder: String
        let model: String
        let data: String
    }

    func files(_ model: String, _ data: String) throws -> Files {
        let folder = try temporaryFolder()
        let f = Files(folder: folder, model: folder + "/model.json", data: folder + "/data.jsonl")
        try writeText(model, to: f.model)
        try writeText(data, to: f.data)
        return f
    }

    @discardableResult
    func certify(_ f: Files, shard: Shard? = nil, failuresOnly: Bool = false, at path: String) throws -> Certificate {
        let v = try Verifier(model: ModelReader.read(file: f.model)).verify(.files([f.data]), shard: shard).verification
        let c = try Certificate(verification: v, model: FileReference(file: f.model, forCertificateAt: path),
                                datasets: [FileReference(file: f.data, forCertificateAt: path)], shard: shard,
                                failuresOnly: failuresOnly)
        try c.write(to: path)
        return c
    }

    static let pos = Prediction.label("pos"), neg = Prediction.label("neg")

    @Test func perTokenClassCertificate() throws {
        let f = try files(Self.classes, Self.classData)
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let path = f.folder + "/cert.json"
        let c = try certify(f, at: path)
        #expect(c.verdict == .fail && c.minMargin == -4 && c.maxError == nil)
        #expect(c.counts == VerificationCounts(sequences: 4, tokens: 10, classes: 2, passed: 3, failed: 1))
        #expect(c.attentionGaps == [AttentionGap(layer: 0, head: 0, gap: 1)])
        #expect(c.results.map(\.labels) == [.perToken([nil, "pos", "neg"]), .perToken([nil, "pos", "neg"]), .perToken([nil]),
                                            .perToken(["neg", nil, "pos"])])
        #expect(c.results.map(\.predicted) == [[nil, Self.pos, Self.neg], [nil, Self.pos, Self.pos], [nil],
                                               [Self.neg, nil, Self.pos]])
        #expect(c.results.map(\.margin) == [4, -4, nil, 4] && c.results.map(\.passed) == [true, false, true, true])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"attentionGaps\": [\n    {\"layer\": 0, \"head\": 0, \"gap\": \"1\"}\n  ]"), "\(text)")
        #expect(text.contains("\"labels\": [null, \"pos\", \"neg\"]") && !text.contains("\"label\":"))
        #expect(!text.contains("maxError"))
        // Gaps come after minMargin and before the results.
        let keys = ["\"minMargin\"", "\"attentionGaps\"", "\"results\""].map { text.range(of: $0)!.lowerBound }
        #expect(keys == keys.sorted())
        #expect(try Certificate.read(file: path) == c)
        let outcome = try CertificateCheck.check(certificateAt: path)
        #expect(outcome.confirmed, "\(outcome.difference ?? "")")
        // Failures only.
        let failures = try certify(f, failuresOnly: true, at: f.folder + "/failures.json")
        #expect(failures.results.map(\.index) == [1] && failures.attentionGaps == c.attentionGaps)
        #expect(try CertificateCheck.check(certificateAt: f.folder + "/failures.json").confirmed)
    }

    @Test func valueCertificate() throws {
        let f = try files(Self.values, Self.valueData)
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let path = f.folder + "/cert.json"
        let c = try certify(f, at: path)
        #expect(c.verdict == .fail && c.maxError == q(5, 3) && c.minMargin == nil)
        #expect(c.counts == VerificationCounts(sequences: 4, tokens: 10, classes: 0, passed: 2, failed: 2))
        #expect(c.attentionGaps == [AttentionGap(layer: 0, head: 0, gap: 1)])
        #expect(c.results.map(\.error) == [q(1, 2), q(5, 3), nil, 0])
        #expect(c.results.map(\.margin) == [nil, nil, nil, nil])
        #expect(c.results.map(\.passed) == [true, false, true, false])
        #expect(c.results[0].predicted == [nil, .values([2]), .values([-2])])
        #expect(c.results[1].labels == .perToken([nil, "1/3", "[2]"]) && c.results[3].labels == .perToken(["x", nil, "2"]))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"maxError\": \"5/3\"") && text.contains("\"minMargin\": null"))
        #expect(text.contains("\"error\": \"1/2\"") && text.contains("[\"-2\"]"))
        #expect(try Certificate.read(file: path) == c)
        let outcome = try CertificateCheck.check(certificateAt: path)
        #expect(outcome.confirmed, "\(outcome.difference ?? "")")
    }

    /// `text` with the first occurrence of `old` replaced.
    func replacingFirst(_ old: String, _ new: String, in text: String) -> String {
        guard let r = text.range(of: old) else { return text }
        return text.replacingCharacters(in: r, with: new)
    }

    @Test func tamperingIsCaughtNamingTheField() throws {
        let cases: [(model: String, data: String, edits: [(String, String, String)])] = [
            (Self.classes, Self.classData, [
                ("\"gap\": \"1\"", "\"gap\": \"2\"", "attentionGaps[0]: recorded layer 0 head 0 gap 2, recomputed layer 0 head 0 gap 1"),
                ("\"gap\": \"1\"", "\"gap\": null", "attentionGaps[0]: recorded layer 0 head 0 gap null, recomputed layer 0 head 0 gap 1"),
                ("{\"layer\": 0,", "{\"layer\": 1,", "attentionGaps[0]: recorded layer 1 head 0 gap 1, recomputed layer 0 head 0 gap 1"),
                ("{\"layer\": 0, \"head\": 0, \"gap\": \"1\"}", "{\"layer\": 0, \"head\": 0, \"gap\": \"1\"}, {\"layer\": 0, \"head\": 1, \"gap\": \"1\"}",
                 "attentionGaps: recorded 2 heads, recomputed 1"),
                ("\"labels\": [null, \"pos\", \"neg\"]", "\"labels\": [null, \"pos\", \"pos\"]",
                 "results[0].labels: recorded [null, \"pos\", \"pos\"], recomputed [null, \"pos\", \"neg\"]"),
                ("\"labels\": [null]", "\"labels\": [\"pos\"]", "results[2].labels: recorded [\"pos\"], recomputed [null]"),
                ("\"predicted\": [null, \"pos\", \"pos\"]", "\"predicted\": [null, \"neg\", \"pos\"]",
                 "results[1].predicted: recorded [null, \"neg\", \"pos\"], recomputed [null, \"pos\", \"pos\"]"),
                ("\"margin\": \"-4\"", "\"margin\": \"-3\"", "results[1].margin: recorded -3, recomputed -4"),
                ("\"minMargin\": \"-4\"", "\"minMargin\": \"-3\"", "minMargin: recorded -3, recomputed -4"),
            ]),
            (Self.values, Self.valueData, [
                ("\"error\": \"1/2\"", "\"error\": \"1/3\"", "results[0].error: recorded 1/3, recomputed 1/2"),
                ("\"maxError\": \"5/3\"", "\"maxError\": \"2\"", "maxError: recorded 2, recomputed 5/3"),
                ("[\"-2\"]", "[\"-3\"]", "results[0].predicted: recorded [null, [2], [-3]], recomputed [null, [2], [-2]]"),
                ("\"error\": \"1/2\"", "\"margin\": null", "results[0].error: recorded null, recomputed 1/2"),
                ("\"labels\": [null, \"2\", \"-5/2\"]", "\"labels\": [null, \"2\", \"-2\"]",
                 "results[0].labels: recorded [null, \"2\", \"-2\"], recomputed [null, \"2\", \"-5/2\"]"),
            ]),
        ]
        for (model, data, edits) in cases {
            let f = try files(model, data)
            defer { try? FileManager.default.removeItem(atPath: f.folder) }
            let path = f.folder + "/cert.json"
            try certify(f, at: path)
            let original = try String(contentsOfFile: path, encoding: .utf8)
            for (from, to, expected) in edits {
                #expect(original.contains(from), "\(from)")
                try writeText(replacingFirst(from, to, in: original), to: path)
                let outcome = try CertificateCheck.check(certificateAt: path)
                #expect(outcome.difference == expected, "\(from) -> \(to)")
            }
        }
    }

    /// A certificate written before gaps were recorded has no attentionGaps: it still checks.
    @Test func certificateWithoutGapsStillChecks() throws {
        let f = try files(Self.classes, Self.classData)
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let path = f.folder + "/cert.json"
        var c = try certify(f, at: path)
        c.attentionGaps = nil
        try c.write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("attentionGaps"))
        #expect(try Certificate.read(file: path).attentionGaps == nil)
        let outcome = try CertificateCheck.check(certificateAt: path)
        #expect(outcome.confirmed, "\(outcome.difference ?? "")")
        // But an empty list is a claim (no heads), and is wrong here.
        c.attentionGaps = []
        try c.write(to: path)
        #expect(try CertificateCheck.check(certificateAt: path).difference == "attentionGaps: recorded 0 heads, recomputed 1")
    }

    /// Shards of a per-token symbol dataset merge into the unsharded certificate, gaps (least over the
    /// shards, a shard without a gap or without sequences ignored) and maxError (largest) included.
    @Test(arguments: [1, 2, 3, 4, 5])
    func shardsMergeIntoTheUnshardedCertificate(count k: Int) throws {
        for (model, data) in [(Self.classes, Self.classData), (Self.values, Self.valueData)] {
            let f = try files(model, data)
            defer { try? FileManager.default.removeItem(atPath: f.folder) }
            let whole = try certify(f, at: f.folder + "/whole.json")
            let parts = try (1...k).map { i in
                let path = "\(f.folder)/shard-\(i)of\(k).json"
                try certify(f, shard: Shard(index: i, count: k)!, at: path)
                return (path, try Certificate.read(file: path))
            }
            let merged = try CertificateMerge.merge(parts.reversed(), into: f.folder + "/merged.json")
            #expect(merged == whole, "k = \(k)")
            #expect(merged.text() == whole.text(), "k = \(k)")
            try merged.write(to: f.folder + "/merged.json")
            let outcome = try CertificateCheck.check(certificateAt: f.folder + "/merged.json")
            #expect(outcome.confirmed, "k = \(k): \(outcome.difference ?? "")")
            for (path, _) in parts {
                let shard = try CertificateCheck.check(certificateAt: path)
                #expect(shard.confirmed, "\(path): \(shard.difference ?? "")")
            }
            // Failures-only shards merge into the failures-only certificate.
            let wholeFailures = try certify(f, failuresOnly: true, at: f.folder + "/whole-failures.json")
            let failureParts = try (1...k).map { i in
                let path = "\(f.folder)/failures-\(i)of\(k).json"
                return (path, try certify(f, shard: Shard(index: i, count: k)!, failuresOnly: true, at: path))
            }
            #expect(try CertificateMerge.merge(failureParts, into: f.folder + "/merged.json") == wholeFailures, "k = \(k)")
        }
    }

    /// Shards that record the gaps of different heads do not come from one model.
    @Test func shardsWithDifferentGapHeadsAreRefused() throws {
        let f = try files(Self.classes, Self.classData)
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        var parts = try (1...2).map { i -> (path: String, certificate: Certificate) in
            let path = "\(f.folder)/shard-\(i).json"
            return (path, try certify(f, shard: Shard(index: i, count: 2)!, at: path))
        }
        parts[1].certificate.attentionGaps = [AttentionGap(layer: 1, head: 0, gap: 1)]
        do {
            _ = try CertificateMerge.merge(parts, into: f.folder + "/merged.json")
            Issue.record("shards with different heads must be refused")
        } catch let e as InputError {
            #expect(e.path == "attentionGaps" && e.message.contains("different attention heads"), "\(e)")
        }
    }
}
