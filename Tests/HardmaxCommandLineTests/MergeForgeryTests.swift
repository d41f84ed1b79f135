import Foundation
import HardmaxCommandLine
import Testing

/// `merge` reads counts and verdicts that anyone can edit: forged numbers are input errors (exit 2),
/// never a crash, and a shard whose summary contradicts its own rows is refused, not merged.
@Suite("Sharding: forged shards")
struct MergeForgeryTests {
    /// The three shard certificates of ShardingWorkflowTests' data (shard 3/3 holds s2 and s5, which fail).
    func shards() throws -> (folder: String, paths: [String]) {
        let folder = try ShardingWorkflowTests().setUp()
        _ = ShardingWorkflowTests().runShards(folder, count: 3)
        return (folder, (1...3).map { folder + "/shard-\($0).json" })
    }

    func edit(_ path: String, _ body: (String) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = body(text)
        #expect(edited != text, "the edit changed nothing")
        try write(edited, to: path)
    }

    func merge(_ folder: String, _ paths: [String]) -> Invocation {
        hardmax(["merge"] + paths + ["-o", folder + "/merged.json"])
    }

    @Test(arguments: ["sequences", "tokens", "passed"])
    func countsPastIntMaxAreInputErrors(field: String) throws {
        let (folder, paths) = try shards()
        for path in paths[0...1] {
            try edit(path) { $0.replacingOccurrences(of: #""\#(field)": \d+"#, with: "\"\(field)\": \(Int.max)",
                                                     options: .regularExpression) }
        }
        let merged = merge(folder, paths)
        #expect(merged.status == .unusableInput, "\(merged.err)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/merged.json"))
    }

    @Test func aPassClaimedOverFailingRowsIsRefused() throws {
        let (folder, paths) = try shards()
        try edit(paths[2]) { text in
            text.replacingOccurrences(of: "\"verdict\": \"fail\"", with: "\"verdict\": \"pass\"")
                .replacingOccurrences(of: "\"passed\": 0", with: "\"passed\": 2")
                .replacingOccurrences(of: "\"failed\": 2", with: "\"failed\": 0")
        }
        let merged = merge(folder, paths)
        #expect(merged.status == .unusableInput, "\(merged.out)")
        #expect(merged.err.contains("the shard's summary contradicts its rows"), "\(merged.err)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/merged.json"))
    }

    @Test func aForgedMinMarginIsRefused() throws {
        let (folder, paths) = try shards()
        try edit(paths[0]) { $0.replacingOccurrences(of: #""minMargin": "[^"]+""#, with: "\"minMargin\": \"1000\"",
                                                     options: .regularExpression) }
        let merged = merge(folder, paths)
        #expect(merged.status == .unusableInput && merged.err.contains("minMargin"), "\(merged.err)")
    }
}
