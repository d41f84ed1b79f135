import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Shard certificates: split + merge gives the unsharded certificate; every way of not being one whole
/// verification is refused; check confirms shard and merged certificates and catches tampering.
@Suite struct CertificateMergeTests {
    /// Classes a, b with scores (x, 2 - x) under mean pooling (as in CertificateTests): means 3, 1/2, 1,
    /// 1/2, 3, 0, 5/2 -> a (margin 4), b (1), tie (0, fails), b (1), a (4), b (2), a (3).
    static let model = CertificateTests.model
    static let data = dataset(CertificateTests.data.sequences + [sequence("b", [[0]]), sequence("a", [[2], [3]], id: "z")])

    struct Files {
        let folder: String
        let model: String
        let data: String
    }

    func files(model: Model = model, data: Dataset = data) throws -> Files {
        let folder = try temporaryFolder()
        let m = folder + "/model.json", d = folder + "/data.jsonl"
        try writeText(ModelWriter.text(model), to: m)
        try writeText(jsonLines(data), to: d)
        return Files(folder: folder, model: m, data: d)
    }

    /// The certificate `hardmax verify` writes: of every sequence, or of one shard.
    @discardableResult
    func certify(_ f: Files, shard: Shard? = nil, failuresOnly: Bool = false, at path: String) throws -> Certificate {
        let model = try ModelReader.read(file: f.model)
        let v = try Verifier(model: model).verify(.files([f.data]), shard: shard).verification
        let c = try Certificate(verification: v, model: FileReference(file: f.model, forCertificateAt: path),
                                datasets: [FileReference(file: f.data, forCertificateAt: path)], shard: shard,
                                failuresOnly: failuresOnly)
        try c.write(to: path)
        return c
    }

    func shards(_ f: Files, count k: Int, failuresOnly: (Int) -> Bool = { _ in false }, prefix: String = "shard")
        throws -> [(path: String, certificate: Certificate)] {
        try (1...k).map { i in
            let path = "\(f.folder)/\(prefix)-\(i)of\(k).json"
            return (path, try certify(f, shard: Shard(index: i, count: k)!, failuresOnly: failuresOnly(i), at: path))
        }
    }

    @Test(arguments: [1, 2, 3, 7, 10])
    func splitAndMergeIsTheUnshardedCertificate(count k: Int) throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let whole = try certify(f, at: f.folder + "/whole.json")
        // Shards read back from their files, in a scrambled order: the merge orders them.
        let parts = try shards(f, count: k).reversed().map { ($0.path, try Certificate.read(file: $0.path)) }
        let merged = try CertificateMerge.merge(parts, into: f.folder + "/merged.json")
        #expect(merged == whole)
        #expect(merged.text() == whole.text())
        try merged.write(to: f.folder + "/merged.json")
        let outcome = try CertificateCheck.check(certificateAt: f.folder + "/merged.json")
        #expect(outcome.confirmed, "\(outcome.difference ?? "")")
        // Hand-computed: 7 sequences, 6 pass (sequence 2 ties), least margin 0.
        #expect(merged.counts == VerificationCounts(sequences: 7, tokens: 10, classes: 2, passed: 6, failed: 1))
        #expect(merged.minMargin == 0 && merged.verdict == .fail && merged.shard == nil)
    }

    /// Failures-only shards merge into the failures-only certificate; a mix gives failures only too.
    @Test func failuresOnlyShardsMergeIntoFailuresOnly() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let whole = try certify(f, failuresOnly: true, at: f.folder + "/whole.json")
        for mixed in [false, true] {
            let parts = try shards(f, count: 3, failuresOnly: { mixed ? $0 == 2 : true })
            let merged = try CertificateMerge.merge(parts, into: f.folder + "/merged.json")
            #expect(merged == whole, "mixed \(mixed)")
            #expect(merged.results.map(\.index) == [2] && merged.isFailuresOnly)
        }
    }

    /// A merged certificate written in another folder names the files relative to that folder.
    @Test func mergedCertificateElsewhereNamesFilesRelatively() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        try FileManager.default.createDirectory(atPath: f.folder + "/out/deep", withIntermediateDirectories: true)
        let output = f.folder + "/out/deep/merged.json"
        let merged = try CertificateMerge.merge(try shards(f, count: 2), into: output)
        #expect(merged.model?.file == "../../model.json" && merged.datasets.map(\.file) == ["../../data.jsonl"])
        try merged.write(to: output)
        #expect(try CertificateCheck.check(certificateAt: output).confirmed)
    }

    @Test func checkConfirmsAShardAndCatchesATamperedRow() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let parts = try shards(f, count: 3)
        for (path, c) in parts {
            let outcome = try CertificateCheck.check(certificateAt: path)
            #expect(outcome.confirmed, "\(path): \(outcome.difference ?? "")")
            #expect(outcome.verification?.results.map(\.index) == c.results.map(\.index))
        }
        // Shard 2/3 holds sequences 1 and 4; claim sequence 4 has margin 3 instead of 4.
        var tampered = parts[1].certificate
        #expect(tampered.results.map(\.index) == [1, 4])
        tampered.results[1].margin = 3
        try tampered.write(to: parts[1].path)
        let outcome = try CertificateCheck.check(certificateAt: parts[1].path)
        #expect(outcome.difference == "results[1].margin: recorded 3, recomputed 4")
        // Merged, the tampered row still fails the check of the whole.
        let merged = try CertificateMerge.merge(try parts.map { ($0.path, try Certificate.read(file: $0.path)) },
                                                into: f.folder + "/merged.json")
        try merged.write(to: f.folder + "/merged.json")
        #expect(try CertificateCheck.check(certificateAt: f.folder + "/merged.json").difference
                == "results[4].margin: recorded 3, recomputed 4")
    }

    /// The message of the refusal of `shards`, or nil when the merge went through.
    func refusal(_ shards: [(path: String, certificate: Certificate)], _ f: Files) -> String? {
        do {
            _ = try CertificateMerge.merge(shards, into: f.folder + "/merged.json")
            return nil
        } catch let e as InputError {
            return e.message
        } catch {
            return "\(error)"
        }
    }

    @Test func incompleteSplitsAreRefused() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let parts = try shards(f, count: 4)
        #expect(refusal(Array(parts.dropLast()), f)?.hasPrefix("missing shard 4/4: a split into 4 shards") == true)
        #expect(refusal([parts[0], parts[3]], f)?.hasPrefix("missing shards 2/4, 3/4:") == true)
        let twice = refusal(parts + [parts[2]], f)
        #expect(twice == "shard 3/4 is given twice: \(parts[2].path) and \(parts[2].path)")
        let other = try shards(f, count: 3, prefix: "other")
        #expect(refusal(parts + [other[0]], f)?.hasPrefix("shards of different splits: \(other[0].path) is shard 1/3") == true)
        #expect(refusal([], f) != nil)
    }

    @Test func shardsOfDifferentModelsOrDataAreRefused() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let parts = try shards(f, count: 2)
        // Another model (bias changed) and another dataset (one label changed), each in its own folder.
        let readout = Readout(pool: .mean, classes: ["a", "b"], weight: mat([[1], [-1]]), bias: [1, 2])
        let g = try files(model: Model(dimension: 1, layers: [], readout: readout))
        defer { try? FileManager.default.removeItem(atPath: g.folder) }
        var relabelled = Self.data.sequences
        relabelled[0].labels = .whole("b")
        let h = try files(data: dataset(relabelled))
        defer { try? FileManager.default.removeItem(atPath: h.folder) }
        let otherModel = try shards(g, count: 2)
        let otherData = try shards(h, count: 2)
        #expect(refusal([parts[0], otherModel[1]], f)?.hasPrefix("shards of different models:") == true)
        #expect(refusal([parts[0], otherData[1]], f)?.hasPrefix("shards of different data:") == true)
        // Same model and data but another copy of the files: the hashes agree, so the merge goes through.
        let copy = try files()
        defer { try? FileManager.default.removeItem(atPath: copy.folder) }
        #expect(refusal([parts[0], try shards(copy, count: 2)[1]], f) == nil)
    }

    @Test func certificatesThatAreNotShardsAreRefused() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let parts = try shards(f, count: 2)
        let wholePath = f.folder + "/whole.json"
        let whole = try certify(f, at: wholePath)
        #expect(refusal([(wholePath, whole)], f)?.contains("is not a shard certificate") == true)
        let conflict = Conflict.conflicts(in: dataset([sequence("a", [[1]]), sequence("b", [[1], [1]])]), positions: .none)
        let impossible = Certificate(conflicts: conflict, positions: .none, datasets: whole.datasets)
        #expect(refusal([parts[0], (wholePath, impossible)], f)?.contains("certifies verdict impossible") == true)
    }

    /// A shard whose rows or counts are not its share is refused before anything is written.
    @Test func shardsWithForeignRowsOrWrongCountsAreRefused() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let parts = try shards(f, count: 2)   // shard 1/2: 0, 2, 4, 6; shard 2/2: 1, 3, 5
        var foreign = parts
        foreign[1].certificate.results[0].index = 2
        #expect(refusal(foreign, f)?.hasPrefix("sequence 2 is not the next sequence of shard 2/2") == true)
        var unordered = parts
        unordered[0].certificate.results.swapAt(0, 1)
        #expect(refusal(unordered, f)?.hasPrefix("sequence 0 is not the next sequence of shard 1/2") == true)
        var short = parts
        short[1].certificate.counts?.sequences = 2
        short[1].certificate.counts?.passed = 2
        #expect(refusal(short, f)?.contains("sequences, but its share of the 6 sequences of all shards is 3") == true)
        var rows = parts
        rows[0].certificate.results.removeLast()
        #expect(refusal(rows, f)?.hasPrefix("3 rows, but shard 1/2 has 4 sequences") == true)
    }

    @Test func shardFieldIsReadStrictly() throws {
        let f = try files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let path = try shards(f, count: 3)[1].path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"shard\": {\"index\": 2, \"count\": 3}"))
        #expect(try Certificate.read(file: path).shard == Shard(index: 2, count: 3))
        for (bad, message) in [("{\"index\": 4, \"count\": 3}", "expected 1 <= index <= count"),
                               ("{\"index\": 0, \"count\": 3}", "expected 1 <= index <= count"),
                               ("{\"index\": 1}", "missing field \"count\""),
                               ("{\"index\": 1, \"count\": 3, \"of\": 9}", "unknown field \"of\""),
                               ("\"2/3\"", "expected a shard (a JSON object), found the string \"2/3\"")] {
            try writeText(text.replacingOccurrences(of: "{\"index\": 2, \"count\": 3}", with: bad), to: path)
            do {
                _ = try Certificate.read(file: path)
                Issue.record("shard \(bad) must be refused")
            } catch let e as InputError {
                #expect(e.message.hasPrefix(message), "shard \(bad): \(e.message)")
            }
        }
    }
}
