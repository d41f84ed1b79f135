import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
@testable import HardmaxCommandLine
@testable import HardmaxVerifier
import HardmaxKernel
import Testing

/// A certificate binds the bytes that were replayed: files are read once, hashed and parsed from the
/// same bytes. Here files are rewritten on disk right after they were read (as an attacker racing the
/// run would): the replay and the certificate's hashes are both those of the original bytes.
@Suite("Hashed bytes")
struct HashedBytesTests {
    /// The same sequences with every label "a": the model fails b1 and c1 on these.
    static let relabelled = WorkflowTests.data.replacingOccurrences(of: "\"label\": \"b\"", with: "\"label\": \"a\"")
        .replacingOccurrences(of: "\"label\": \"c\"", with: "\"label\": \"a\"")

    /// Rewrites each file as soon as its bytes were read (and hashed by the run).
    final class RewritingObserver: FileReadObserver {
        var file = ""
        func begin(_ file: String) { self.file = file }
        func read(_ chunk: UnsafeBufferPointer<UInt8>) {
            try? HashedBytesTests.relabelled.write(toFile: file, atomically: true, encoding: .utf8)
            #expect((try? String(contentsOfFile: file, encoding: .utf8)) == HashedBytesTests.relabelled,
                    "the rewrite did not happen")
        }
    }

    @Test func verifyReplaysAndHashesTheBytesItRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data.jsonl"
        try write(WorkflowTests.data, to: data)
        #expect(hardmax("construct", data, "-o", folder + "/m.json").status == .pass)
        let original = SHA256.hexDigest(Array(WorkflowTests.data.utf8))

        // What `verify` does: one run reads the model, streams the data, writes the certificate.
        let run = Run()
        run.dataWatcher = RewritingObserver()
        let streamed = try run.verify(try run.readModel(folder + "/m.json"), data: .files([data]))
        #expect(streamed.verification.verdict == .pass)
        let certificate = folder + "/v.json"
        try run.writeCertificate(streamed.verification, to: certificate)
        let written = try Certificate.read(file: certificate)
        #expect(written.datasets.map(\.sha256) == [original])
        #expect(written.datasets.map(\.sha256) != [SHA256.hexDigest(Array(Self.relabelled.utf8))])
        // The file on disk is not what was certified: check says so.
        let checked = hardmax("check", certificate)
        #expect(checked.status != .pass)
        #expect(checked.out.contains("SHA-256"), "\(checked.out)")
    }

    @Test func constructCertifiesTheBytesItRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data.jsonl"
        try write(WorkflowTests.data, to: data)
        // What `construct` does: read the data once, then construct, write, re-read and certify.
        let run = Run()
        run.dataWatcher = RewritingObserver()
        let dataset = try run.readDataset([data])
        #expect(dataset.sequences.map(\.label) == ["a", "a", "b", "c", "7"])
        let outcome = try Construction.run(dataset: dataset, in: run, strategy: .compact, positions: .none,
                                           modelFile: folder + "/m.json", certificateFile: folder + "/m.certificate.json")
        guard case .verified(_, let verification) = outcome else {
            Issue.record("not constructed")
            return
        }
        #expect(verification.verdict == .pass)
        let written = try Certificate.read(file: folder + "/m.certificate.json")
        #expect(written.datasets.map(\.sha256) == [SHA256.hexDigest(Array(WorkflowTests.data.utf8))])
        #expect(written.model?.sha256 == SHA256.hexDigest(try FileIO.read(folder + "/m.json", maxBytes: 1 << 24)))
    }
}
