import Foundation
import HardmaxCommandLine
import HardmaxVerifier
import HardmaxKernel
import Testing

/// `verify --shard I/K`, `merge` and `check` as a job array would run them.
@Suite("Sharding")
struct ShardingWorkflowTests {
    /// Scores a: x_1, b: 1/2 (as in WorkflowTests' wrong model): a sequence passes when its mean x_1 is
    /// above 1/2 and its label is a, or below and its label is b.
    static let model = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 2, "layers": [],
         "readout": {"pool": "mean", "classes": ["a", "b"], "weight": [[1, 0], [0, 0]], "bias": [0, "1/2"]}}
        """

    /// Seven sequences; 2 (a with mean 0) and 5 (tie) fail.
    static let data = """
        {"id": "s0", "label": "a", "tokens": [[1, 0]]}
        {"id": "s1", "label": "b", "tokens": [[0, 0], [0, 5]]}
        {"id": "s2", "label": "a", "tokens": [[0, 0]]}
        {"id": "s3", "label": "a", "tokens": [[2, 0], [1, 1]]}
        {"id": "s4", "label": "b", "tokens": [["1/4", 0]]}
        {"id": "s5", "label": "b", "tokens": [["1/2", 3]]}
        {"id": "s6", "label": "a", "tokens": [[3, 3], [0, 0], [0, 1]]}

        """

    func setUp(_ name: String = #function) throws -> String {
        let folder = try temporaryFolder(name)
        try write(Self.model, to: folder + "/model.json")
        try write(Self.data, to: folder + "/data.jsonl")
        return folder
    }

    func runShards(_ folder: String, count k: Int, extra: [String] = []) -> [Invocation] {
        (1...k).map { i in
            hardmax(["verify", folder + "/model.json", folder + "/data.jsonl", "--shard", "\(i)/\(k)",
                     "--certificate", folder + "/shard-\(i).json"] + extra)
        }
    }

    @Test func shardsMergeIntoTheUnshardedCertificateAndCheck() throws {
        let folder = try setUp()
        let whole = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--certificate", folder + "/whole.json")
        #expect(whole.status == .verdictNotPass && whole.lastLine == "5 passed, 2 failed")
        let shards = runShards(folder, count: 3)
        // Shard 1/3: s0, s3, s6 (pass); 2/3: s1, s4 (pass); 3/3: s2 (fails), s5 (fails).
        #expect(shards.map(\.status) == [.pass, .pass, .verdictNotPass])
        #expect(shards.map(\.lastLine) == ["3 passed, 0 failed", "2 passed, 0 failed", "0 passed, 2 failed"])
        #expect(shards[1].out.contains("(shard 2/3: 2 of 7 sequences)"))
        for i in 1...3 {
            let checked = hardmax("check", folder + "/shard-\(i).json")
            #expect(checked.status == .pass && checked.out.contains("confirmed"), "\(checked.out)")
        }
        let merged = hardmax(["merge"] + (1...3).reversed().map { folder + "/shard-\($0).json" } + ["-o", folder + "/merged.json"])
        #expect(merged.status == .verdictNotPass, "\(merged.err)")
        #expect(merged.lastLine == "5 passed, 2 failed")
        let text = try String(contentsOfFile: folder + "/merged.json", encoding: .utf8)
        #expect(text == (try String(contentsOfFile: folder + "/whole.json", encoding: .utf8)))
        let checked = hardmax("check", folder + "/merged.json")
        #expect(checked.status == .pass && checked.out.contains("5 of 7 sequences pass"), "\(checked.out)")
    }

    @Test func shardJUnitNamesItsSequences() throws {
        let folder = try setUp()
        let run = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--shard", "2/2",
                          "--certificate", folder + "/s.json", "--junit", folder + "/junit.xml")
        #expect(run.status == .verdictNotPass)
        let junit = try String(contentsOfFile: folder + "/junit.xml", encoding: .utf8)
        #expect(junit.contains("name=\"sequence 1 (id s1)\"") && junit.contains("name=\"sequence 5 (id s5)\""))
        #expect(!junit.contains("name=\"sequence 0 "))
        #expect(junit.components(separatedBy: "<testcase ").count - 1 == 3)
    }

    @Test func badShardOptionsAreUsageErrors() throws {
        let folder = try setUp()
        let noCertificate = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--shard", "1/2")
        #expect(noCertificate.status == .unusableInput && noCertificate.err.contains("give --certificate CERT too"))
        for bad in ["0/2", "3/2", "x", "1/2/3"] {
            let run = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--shard", bad,
                              "--certificate", folder + "/c.json")
            #expect(run.status == .unusableInput && run.err.contains("--shard expects I/K"), "\(bad): \(run.err)")
        }
        let noOutput = hardmax("merge", folder + "/c.json")
        #expect(noOutput.status == .unusableInput && noOutput.err.contains("missing -o CERT"))
    }

    @Test func refusedMergesExitWith2AndNameTheProblem() throws {
        let folder = try setUp()
        _ = runShards(folder, count: 3)
        let s = (1...3).map { folder + "/shard-\($0).json" }
        let out = ["-o", folder + "/merged.json"]
        let missing = hardmax(["merge", s[0], s[2]] + out)
        #expect(missing.status == .unusableInput && missing.err.contains("missing shard 2/3"), "\(missing.err)")
        let twice = hardmax(["merge"] + s + [s[1]] + out)
        #expect(twice.status == .unusableInput && twice.err.contains("shard 2/3 is given twice"), "\(twice.err)")
        // Another split of the same data.
        _ = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--shard", "1/2",
                    "--certificate", folder + "/half.json")
        let mixed = hardmax(["merge", s[0], s[1], s[2], folder + "/half.json"] + out)
        #expect(mixed.status == .unusableInput && mixed.err.contains("shards of different splits"), "\(mixed.err)")
        // The same split of another model, and of other data.
        try write(Self.model.replacingOccurrences(of: "\"1/2\"", with: "\"1/3\""), to: folder + "/other.json")
        _ = hardmax("verify", folder + "/other.json", folder + "/data.jsonl", "--shard", "3/3", "--certificate", folder + "/om.json")
        let models = hardmax(["merge", s[0], s[1], folder + "/om.json"] + out)
        #expect(models.status == .unusableInput && models.err.contains("shards of different models"), "\(models.err)")
        try write(Self.data + "{\"label\": \"a\", \"tokens\": [[9, 9]]}\n", to: folder + "/more.jsonl")
        _ = hardmax("verify", folder + "/model.json", folder + "/more.jsonl", "--shard", "3/3", "--certificate", folder + "/od.json")
        let data = hardmax(["merge", s[0], s[1], folder + "/od.json"] + out)
        #expect(data.status == .unusableInput && data.err.contains("shards of different data"), "\(data.err)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/merged.json"))
    }

    @Test func aTamperedShardRowIsCaughtByCheck() throws {
        let folder = try setUp()
        _ = runShards(folder, count: 3)
        let path = folder + "/shard-3.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Shard 3/3 holds s2 (label a, predicted b) and s5; claim s2 passed.
        let forged = text.replacingOccurrences(of: "\"id\": \"s2\", \"label\": \"a\", \"predicted\": \"b\"",
                                               with: "\"id\": \"s2\", \"label\": \"a\", \"predicted\": \"a\"")
        #expect(forged != text)
        try write(forged, to: path)
        let checked = hardmax("check", path)
        #expect(checked.status == .verdictNotPass && checked.out.contains("NOT CONFIRMED: results[0].predicted"),
                "\(checked.out)")
    }
}
