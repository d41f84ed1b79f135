import Foundation
import HardmaxCommandLine
import Testing

/// A shard's pass is not the data set's pass: `check` says what a shard certificate covers, and
/// `--require-pass` refuses every shard certificate, honest or forged (issue: a forged gate).
@Suite("Sharding: the CI gate")
struct ShardGateTests {
    @Test func requirePassRefusesAShardCertificateAndSaysWhatItCovers() throws {
        let folder = try ShardingWorkflowTests().setUp()
        // Shard 1/3 holds sequences 0, 3 and 6, which all pass: an honest shard certificate with verdict pass.
        let verified = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--shard", "1/3",
                               "--certificate", folder + "/shard.json")
        #expect(verified.status == .pass, "\(verified.err)")
        let checked = hardmax("check", folder + "/shard.json")
        #expect(checked.status == .pass)
        #expect(checked.out.contains("verdict pass of shard 1/3 only (3 of 7 sequences)"), "\(checked.out)")
        let gated = hardmax("check", folder + "/shard.json", "--require-pass")
        #expect(gated.status == .verdictNotPass)
        #expect(gated.out.contains("covers shard 1/3 only; merge the shard certificates first"), "\(gated.out)")
        #expect(gated.lastLine == "0 passed, 1 failed")
    }

    /// `verify --shard 7/10` of a 7-sequence file holds no sequence: it passes vacuously, and is no gate.
    @Test func anEmptyShardIsNoPass() throws {
        let folder = try ShardingWorkflowTests().setUp()
        let empty = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--shard", "9/10",
                            "--certificate", folder + "/empty.json")
        #expect(empty.status == .pass && empty.lastLine == "0 passed, 0 failed", "\(empty.out)")
        let checked = hardmax("check", folder + "/empty.json")
        #expect(checked.out.contains("of shard 9/10 only (0 of 7 sequences)"), "\(checked.out)")
        #expect(hardmax("check", folder + "/empty.json", "--require-pass").status == .verdictNotPass)
    }

    /// The forged certificate of the audit: a model that fails every sequence, its real certificate
    /// edited into a pass over an empty shard, with the real hashes.
    @Test func aForgedShardPassDoesNotPassTheGate() throws {
        let folder = try ShardingWorkflowTests().setUp()
        try write(ShardingWorkflowTests.model.replacingOccurrences(of: "[[1, 0], [0, 0]]", with: "[[0, 0], [0, 0]]")
                    .replacingOccurrences(of: "\"1/2\"", with: "0"), to: folder + "/model.json")
        let real = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--certificate", folder + "/real.json")
        #expect(real.status == .verdictNotPass && real.lastLine == "0 passed, 7 failed", "\(real.out)")
        var text = try String(contentsOfFile: folder + "/real.json", encoding: .utf8)
        let results = try #require(text.range(of: "\"results\""))
        let producer = try #require(text.range(of: "\"producer\""))
        text.replaceSubrange(results.lowerBound..<producer.lowerBound, with: "\"results\": [],\n  ")
        text = text.replacingOccurrences(of: "\"verdict\": \"fail\"", with: "\"verdict\": \"pass\"")
        for field in ["sequences", "tokens", "passed", "failed"] {
            text = text.replacingOccurrences(of: #""\#(field)": \d+"#, with: "\"\(field)\": 0", options: .regularExpression)
        }
        text = text.replacingOccurrences(of: #""minMargin": [^,]+,"#, with: "\"minMargin\": null,", options: .regularExpression)
        text = text.replacingOccurrences(of: "\"datasets\"", with: "\"shard\": {\"index\": 1000000, \"count\": 1000000},\n  \"datasets\"")
        try write(text, to: folder + "/forged.json")
        // The forgery is confirmed (the shard is empty, so there is nothing to contradict it)...
        let checked = hardmax("check", folder + "/forged.json")
        #expect(checked.status == .pass && checked.out.contains("of shard 1000000/1000000 only (0 of 7 sequences)"),
                "\(checked.out)\(checked.err)")
        // ...and still no gate passes on it.
        let gated = hardmax("check", folder + "/forged.json", "--require-pass")
        #expect(gated.status == .verdictNotPass, "\(gated.out)\(gated.err)")
        #expect(gated.lastLine == "0 passed, 1 failed")
    }
}
