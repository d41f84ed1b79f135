import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier

/// `Run.streamDataset` (what `construct` reads with) hands batches to its body on another thread while
/// the next ones are parsed: the body still sees every batch once, in order, and of a body error and a
/// later parse error, the body's (the earlier batch's) is the one thrown.
@Suite struct StreamDatasetTests {
    struct Stop: Error {}

    /// `count` one-token records numbered from 0, with a malformed record at line `badLine` (1-based).
    private func file(count: Int, badLine: Int?) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).jsonl").path
        let lines = (0..<count).map { i in
            i + 1 == badLine ? "{\"id\": \"\(i)\", \"label\": \"a\", \"tokens\": [[1, ]]}"
                             : "{\"id\": \"\(i)\", \"label\": \"a\", \"tokens\": [[\(i % 7), 1]]}"
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func everyBatchInOrder() throws {
        let path = try file(count: 5000, badLine: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var ids: [String] = [], batches = 0
        try Run().streamDataset([path]) { part in
            batches += 1
            ids += part.sequences.map { $0.id ?? "" }
        }
        #expect(batches >= 4)
        #expect(ids == (0..<5000).map { "\($0)" })
    }

    @Test func aBodyErrorComesBeforeALaterParseError() throws {
        let path = try file(count: 5000, badLine: 4800)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen = 0
        #expect(throws: Stop.self) {
            try Run().streamDataset([path]) { part in
                seen += part.sequences.count
                if seen > 1024 { throw Stop() }
            }
        }
    }

    @Test func aParseErrorAfterGoodBatchesIsThrown() throws {
        let path = try file(count: 5000, badLine: 4800)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen = 0
        #expect {
            try Run().streamDataset([path]) { seen += $0.sequences.count }
        } throws: { error in
            (error as? InputError)?.line == 4800
        }
        #expect(seen >= 4096 && seen < 4800)
    }
}
