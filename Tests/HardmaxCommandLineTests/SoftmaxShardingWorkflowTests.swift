import Foundation
import HardmaxCommandLine
import Testing

/// `verify --shard`, `merge` and `check` on a softmax model (SPEC.md sections 9 and 11), as a job array
/// runs them: the merged certificate is the unsharded one, byte for byte.
@Suite("Softmax sharding")
struct SoftmaxShardingWorkflowTests {
    /// s(i, j) = x_i x_j, V = 1, r = 1, softmax; classes a = mean y, b = 1.
    /// Tokens 0, 1: y = (1/2, 1 + e/(1+e)), mean 3/4 + e/(2(1+e)) = 1.1155...: a passes, b fails.
    /// Tokens 2, 2 (copies): y = (4, 4) exactly: a passes with margin 3, exactly.
    static let model = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 1, "semantics": "softmax",
         "layers": [{"type": "attention", "heads": [{"bilinear": [[1]], "value": [[1]]}]}],
         "readout": {"pool": "mean", "classes": ["a", "b"], "weight": [[1], [0]], "bias": [0, 1]}}
        """
    static let data = """
        {"label": "a", "tokens": [[0], [1]]}
        {"label": "b", "tokens": [[0], [1]]}
        {"label": "a", "tokens": [[2], [2]]}

        """

    @Test func shardsMergeIntoTheUnshardedCertificateAndCheck() throws {
        let folder = try temporaryFolder()
        try write(Self.model, to: folder + "/m.json")
        try write(Self.data, to: folder + "/d.jsonl")
        let whole = hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--certificate", folder + "/whole.json")
        #expect(whole.status == .verdictNotPass && whole.lastLine == "2 passed, 1 failed", "\(whole.out)\(whole.err)")
        let shards = (1...2).map { i in
            hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--shard", "\(i)/2", "--certificate", folder + "/s\(i).json")
        }
        // Shard 1/2: sequences 0 and 2 (pass); 2/2: sequence 1 (fails).
        #expect(shards.map(\.lastLine) == ["2 passed, 0 failed", "0 passed, 1 failed"])
        let merged = hardmax("merge", folder + "/s2.json", folder + "/s1.json", "-o", folder + "/merged.json")
        #expect(merged.status == .verdictNotPass && merged.lastLine == "2 passed, 1 failed", "\(merged.out)\(merged.err)")
        let text = try String(contentsOfFile: folder + "/merged.json", encoding: .utf8)
        #expect(text == (try String(contentsOfFile: folder + "/whole.json", encoding: .utf8)))
        #expect(text.contains("\"semantics\": \"softmax\"") && text.contains("\"margin\": [\"3\", \"3\"]"))
        let checked = hardmax("check", folder + "/merged.json")
        #expect(checked.status == .pass && checked.out.contains("2 of 3 sequences pass, min margin in ["), "\(checked.out)")
    }
}
