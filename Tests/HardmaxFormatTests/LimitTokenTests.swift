import Exact
import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// Token limits are enforced while reading, per sequence and over all files, with a message naming the
/// flag that raises them; a dataset exactly at a limit is read.
@Suite("Limits: tokens")
struct LimitTokenTests {
    static let jsonl = """
        {"label": "a", "tokens": [[1], [2], [3]]}
        {"label": "b", "tokens": [[4], [5]]}

        """
    static let ts = "@problemName t\n@classLabel true a b\n@data\n1,2,3:a\n4,5:b\n"

    /// Reads `text` after an earlier file of `before` one-token sequences (whose tokens count too).
    func read(_ text: String, _ format: DatasetFormat, _ limits: TokenLimits, before: Int = 0) throws -> Dataset {
        let earlier = String(repeating: "{\"label\": \"e\", \"tokens\": [[0]]}\n", count: before)
        let files = (before > 0 ? [("earlier.jsonl", Array(earlier.utf8))] : [])
            + [("d." + format.fileExtension, Array(text.utf8))]
        let all = try DatasetReader.read(.contents(files), limits: InputLimits(tokens: limits)).dataset
        return Dataset(dimension: all.dimension, sequences: Array(all.sequences.dropFirst(before)))
    }

    @Test(arguments: [DatasetFormat.jsonLines, .uea])
    func perSequenceLimit(format: DatasetFormat) throws {
        let text = format == .jsonLines ? Self.jsonl : Self.ts
        // The longest sequence has 3 tokens: a limit of 3 reads, 2 refuses at the first sequence.
        #expect(try read(text, format, TokenLimits(perSequence: 3)).tokenCount == 5)
        let e = inputError { try read(text, format, TokenLimits(perSequence: 2)) }
        #expect(e?.message.contains("more than 2 tokens") == true)
        #expect(e?.message.contains("--max-tokens") == true)
        #expect(e?.line == (format == .jsonLines ? 1 : 4))
    }

    @Test(arguments: [DatasetFormat.jsonLines, .uea])
    func totalLimit(format: DatasetFormat) throws {
        let text = format == .jsonLines ? Self.jsonl : Self.ts
        #expect(try read(text, format, TokenLimits(total: 5)).tokenCount == 5)
        let e = inputError { try read(text, format, TokenLimits(total: 4)) }
        #expect(e?.message.contains("more than 4 tokens in all") == true)
        #expect(e?.message.contains("--max-total-tokens") == true)
        #expect(e?.line == (format == .jsonLines ? 2 : 5))  // the second sequence crosses the limit
        // Tokens of earlier files count.
        #expect(inputError { try read(text, format, TokenLimits(total: 7), before: 3) } != nil)
        #expect(try read(text, format, TokenLimits(total: 8), before: 3).tokenCount == 5)
    }

    @Test func totalLimitAcrossFiles() throws {
        let folder = NSTemporaryDirectory() + "hardmax-limit-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.jsonl.write(toFile: folder + "/a.jsonl", atomically: true, encoding: .utf8)
        try Self.ts.write(toFile: folder + "/b.ts", atomically: true, encoding: .utf8)
        let files = [folder + "/a.jsonl", folder + "/b.ts"]
        #expect(try DatasetReader.read(.files(files), limits: InputLimits(tokens: TokenLimits(total: 10))).dataset.tokenCount == 10)
        let e = inputError { try DatasetReader.read(.files(files), limits: InputLimits(tokens: TokenLimits(total: 9))) }
        #expect(e?.file == folder + "/b.ts")
        #expect(e?.message.contains("more than 9 tokens in all") == true)
    }

    /// Streamed data is not held, so the total applies to it only when asked for
    /// (`maxStreamedTotalTokens`, which `--max-total-tokens` and `construct` set); data read whole keeps
    /// the bound on tokens held.
    @Test func streamedDataHasItsOwnTotal() throws {
        let folder = NSTemporaryDirectory() + "hardmax-limit-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.jsonl.write(toFile: folder + "/a.jsonl", atomically: true, encoding: .utf8)
        var limits = InputLimits(tokens: TokenLimits(total: 4))
        var streamed = 0
        _ = try DatasetReader.forEachBatch(.files([folder + "/a.jsonl"]), limits: limits) { part, _ in streamed += part.tokenCount }
        #expect(streamed == 5)
        #expect(inputError { try DatasetReader.read(.files([folder + "/a.jsonl"]), limits: limits) }?.message
                    .contains("more than 4 tokens in all") == true)
        limits.maxStreamedTotalTokens = 4
        let e = inputError { try DatasetReader.forEachBatch(.files([folder + "/a.jsonl"]), limits: limits) { _, _ in } }
        #expect(e?.message.contains("more than 4 tokens in all") == true && e?.line == 2)
    }
}
