import Exact
import Foundation
import Testing
@testable import HardmaxFormat
import HardmaxModel

/// JSON Lines files are streamed: read in chunks and parsed in pieces of whole lines. For every pair
/// of chunk and piece sizes, from one byte up (so CR LF, a byte order mark and long lines are split in
/// every way), the sequences, their numbers, the record counts, the token limits and every error
/// (file:line:column and message) equal those of reading the file whole; the observer sees every
/// byte once.
@Suite struct DatasetPiecesTests {
    func file(_ text: String, _ name: String = "d.jsonl") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hardmax-pieces-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try FileIO.writeAtomically(Array(text.utf8), to: path)
        return path
    }

    /// A byte order mark, CRLF and LF line ends, blank lines, long and short lines, no final break.
    static let valid = "\u{FEFF}{\"id\": \"a\", \"label\": \"x\", \"tokens\": [[1, \"1/2\"], [2, 3]]}\r\n"
        + "\n   \n"
        + "{\"label\": \"y\", \"tokens\": [[\"0.25\", -3]]}\n"
        + "{\"label\": 7, \"tokens\": [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6]]}\r\n"
        + "{\"label\": \"x\", \"tokens\": [[\"0x1p-2\", 5]]}"

    /// Errors on later lines, followed by more lines: a bad number, a wrong dimension (naming the line
    /// of the first token), an unknown key, a truncated record, a file with no record.
    static let invalid = [
        valid + "\n{\"label\": \"x\", \"tokens\": [[1, \"1/0\"]]}\n" + valid,
        valid + "\r\n\n{\"label\": \"x\", \"tokens\": [[1, 2, 3]]}\r\n{\"label\": \"x\", \"tokens\": [[1, 2]]}\n",
        "{\"label\": \"x\", \"tokens\": [[1, 2]]}\n\n\n{\"label\": \"x\", \"oops\": 1, \"tokens\": [[1, 2]]}",
        valid + "\n{\"label\": \"x\", \"tokens\": [[1, 2]]",
        "\n\n   \n",
    ]

    struct Outcome: Equatable {
        var sequences: [LabelledSequence] = []
        var numbers: [Int] = []
        var perFile: [Int] = []
        var error: String?
        var bytesSeen: [UInt8] = []
    }

    final class Recorder: FileReadObserver {
        var files: [String] = []
        var bytes: [UInt8] = []
        func begin(_ file: String) { files.append(file) }
        func read(_ chunk: UnsafeBufferPointer<UInt8>) { bytes += chunk }
    }

    func streamed(_ files: [String], chunkBytes: Int = 1 << 20, pieceBytes: Int, tokens: TokenLimits = .standard,
                  selecting: @escaping (Int) -> Bool = { _ in true }) -> Outcome {
        var outcome = Outcome()
        let recorder = Recorder()
        do {
            var limits = InputLimits(maxFileBytes: 1 << 20, tokens: tokens)
            limits.maxStreamedTotalTokens = tokens.total   // the same total as the whole read (--max-total-tokens)
            outcome.perFile = try DatasetReader.forEachBatch(.files(files), limits: limits,
                                                             selecting: selecting, batchSize: 2,
                                                             chunkBytes: chunkBytes, pieceBytes: pieceBytes,
                                                             observer: recorder) { part, numbers in
                outcome.sequences += part.sequences
                outcome.numbers += numbers
            }
        } catch {
            outcome = Outcome(error: "\(error)")
        }
        outcome.bytesSeen = recorder.bytes
        return outcome
    }

    func whole(_ files: [String], tokens: TokenLimits = .standard) -> Outcome {
        var outcome = Outcome()
        do {
            // Each file read whole and parsed at once.
            let contents = try files.map { (file: $0, bytes: try FileIO.read($0, maxBytes: 1 << 20)) }
            let data = try DatasetReader.read(.contents(contents), limits: InputLimits(tokens: tokens)).dataset
            outcome.sequences = data.sequences
            outcome.numbers = Array(data.sequences.indices)
        } catch {
            outcome.error = "\(error)"
        }
        return outcome
    }

    @Test func everyPieceSizeReadsWhatTheWholeFileHolds() throws {
        let path = try file(Self.valid)
        let expected = whole([path])
        #expect(expected.sequences.count == 4 && expected.error == nil)
        for chunk in [1, 2, 3, 5, 8, 13, 64, 1 << 20] {
            for piece in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1 << 22] {
                let got = streamed([path], chunkBytes: chunk, pieceBytes: piece)
                let sizes = "chunk \(chunk), piece \(piece)"
                #expect(got.sequences == expected.sequences, "\(sizes)")
                #expect(got.numbers == expected.numbers, "\(sizes)")
                #expect(got.perFile == [4], "\(sizes)")
                #expect(got.bytesSeen == Array(Self.valid.utf8), "\(sizes)")
            }
        }
    }

    @Test(arguments: Self.invalid.indices)
    func errorsNameTheSameLineAndColumnForEveryPieceSize(_ k: Int) throws {
        let path = try file(Self.invalid[k])
        let expected = try #require(whole([path]).error)
        for chunk in [1, 3, 7, 1 << 20] {
            for piece in [1, 2, 7, 30, 61, 100, 1 << 22] {
                #expect(streamed([path], chunkBytes: chunk, pieceBytes: piece).error == expected,
                        "chunk \(chunk), piece \(piece)")
            }
        }
    }

    @Test func selectionsAndTwoFilesAcrossPieces() throws {
        let a = try file(Self.valid, "a.jsonl"), b = try file(Self.valid, "b.jsonl")
        let all = whole([a, b])
        for size in [1, 9, 40] {
            let odd = streamed([a, b], chunkBytes: size, pieceBytes: size, selecting: { $0 % 2 == 1 })
            #expect(odd.numbers == [1, 3, 5, 7], "piece \(size)")
            #expect(odd.sequences == odd.numbers.map { all.sequences[$0] }, "piece \(size)")
            #expect(odd.perFile == [4, 4], "piece \(size)")
        }
    }

    /// A streamed file is held to `maxStreamedFileBytes` (no bound by default), a file kept in memory
    /// to `maxFileBytes`.
    @Test func streamedFilesHaveTheirOwnSizeBound() throws {
        let path = try file(Self.valid)
        let small = InputLimits(maxFileBytes: 20)
        #expect(small.maxStreamedFileBytes == nil)
        let perFile = try DatasetReader.forEachBatch(.files([path]), limits: small) { _, _ in }
        #expect(perFile == [4])
        let whole = #expect(throws: InputError.self) { try DatasetReader.read(.files([path]), limits: small) }
        #expect(whole?.message.contains("is larger than 20 bytes") == true)
        let bounded = InputLimits(maxFileBytes: 1 << 20, maxStreamedFileBytes: 20)
        let streamed = #expect(throws: InputError.self) {
            try DatasetReader.forEachBatch(.files([path]), limits: bounded) { _, _ in }
        }
        #expect(streamed?.message.contains("is larger than 20 bytes") == true)
    }

    @Test func tokenLimitsCountAcrossPieces() throws {
        let path = try file(Self.valid)
        var limits = TokenLimits.standard
        limits.total = 10  // the file holds 2 + 1 + 7 + 1 = 11 tokens
        let expected = try #require(whole([path], tokens: limits).error)
        for size in [1, 17, 1 << 22] {
            #expect(streamed([path], chunkBytes: 5, pieceBytes: size, tokens: limits).error == expected, "piece \(size)")
        }
        // The error names a line after the first piece.
        #expect(expected.contains(":4:") || expected.contains(":5:") || expected.contains(":6:"), "\(expected)")
    }
}
