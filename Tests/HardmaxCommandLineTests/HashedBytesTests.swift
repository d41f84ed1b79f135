import Exact
import Foundation
import HardmaxFormat
@testable import HardmaxCommandLine
import HardmaxVerifier
import Testing

/// A certificate binds the bytes that were replayed: files are read once, hashed and parsed from the
/// same bytes. Here a data file is rewritten on disk right after it was read (as an attacker racing
/// the run would): the replay and the recorded hash are both those of the original bytes.
@Suite("Hashed bytes")
struct HashedBytesTests {
    @Test func aFileChangedAfterItWasReadIsNeitherReplayedNorHashed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(WorkflowTests.data, to: folder + "/data.jsonl")
        #expect(hardmax("construct", folder + "/data.jsonl", "-o", folder + "/m.json").status == .pass)
        let original = try FileIO.read(folder + "/data.jsonl", maxBytes: 1 << 20)
        // The same sequences with every label "a": the model fails b1 and c1 on these.
        let swapped = WorkflowTests.data.replacingOccurrences(of: "\"label\": \"b\"", with: "\"label\": \"a\"")
            .replacingOccurrences(of: "\"label\": \"c\"", with: "\"label\": \"a\"")

        let model = try ModelReader.read(file: folder + "/m.json")
        let digests = FileDigests()
        let streamed = try Verifier(model: model).verify(files: [folder + "/data.jsonl"]) { file, bytes in
            digests.record(file, bytes)
            try? write(swapped, to: file)  // the file changes after it was read
        }
        #expect(streamed.verification.verdict == .pass)
        #expect(digests.files.map(\.sha256) == [SHA256.hexDigest(original)])

        // construct's reading of the whole data set goes the same way.
        try write(WorkflowTests.data, to: folder + "/data.jsonl")
        let constructDigests = FileDigests()
        let dataset = try DatasetReader.read(files: [folder + "/data.jsonl"]) { file, bytes in
            constructDigests.record(file, bytes)
            try? write(swapped, to: file)
        }
        #expect(dataset.sequences.map(\.label) == ["a", "a", "b", "c", "7"])
        #expect(constructDigests.files.map(\.sha256) == [SHA256.hexDigest(original)])
    }
}
