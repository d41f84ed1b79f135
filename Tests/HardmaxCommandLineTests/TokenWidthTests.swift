import Foundation
import HardmaxCommandLine
import Testing

/// A token's width is bounded while it is read: `verify` and `check` know the model's dimension before
/// reading the data and refuse a wider token at once; otherwise a token's numbers count against
/// `--max-tokens` (issue: one token with 25 million coordinates reached 1.6 GB before its error).
@Suite("Limits: token width")
struct TokenWidthTests {
    static func wideToken(_ count: Int) -> String {
        "{\"label\": \"a\", \"tokens\": [[" + Array(repeating: "1", count: count).joined(separator: ",") + "]]}\n"
    }

    @Test func verifyRefusesAWiderTokenThanTheModelReads() throws {
        let folder = try temporaryFolder()
        try write(ShardingWorkflowTests.model, to: folder + "/model.json")   // dimension 2
        try write(Self.wideToken(200_000), to: folder + "/data.jsonl")
        let run = hardmax("verify", folder + "/model.json", folder + "/data.jsonl")
        #expect(run.status == .unusableInput)
        #expect(run.err.contains("data.jsonl:1:27: error: token has more than 2 coordinates, expected 2 (the model's dimension)"),
                "\(run.err)")
        try write("{\"label\": \"a\", \"tokens\": [[1]]}\n", to: folder + "/narrow.jsonl")
        let narrow = hardmax("verify", folder + "/model.json", folder + "/narrow.jsonl")
        #expect(narrow.status == .unusableInput && narrow.err.contains("token has 1 coordinate, expected 2"), "\(narrow.err)")
    }

    @Test func aTokenCountsAgainstMaxTokens() throws {
        let folder = try temporaryFolder()
        try write(Self.wideToken(1200), to: folder + "/data.jsonl")
        let run = hardmax("construct", folder + "/data.jsonl", "-o", folder + "/m.json", "--max-tokens", "1000")
        #expect(run.status == .unusableInput)
        #expect(run.err.contains("data.jsonl:1:27: error: a token has more than 1000 numbers"), "\(run.err)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.json"))
    }
}
