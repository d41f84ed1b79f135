import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxKernel

/// Shards of a softmax model's certificate (SPEC.md sections 9 and 11) merge into the unsharded
/// certificate: undecided counts summed, interval margins combined, one semantics across shards.
/// The model and data are EnclosureCertificateTests' (statuses undecided, pass, fail, pass, fail).
@Suite struct EnclosureMergeTests {
    typealias Base = EnclosureCertificateTests

    func shards(_ f: Base.Files, count k: Int, failuresOnly: Bool = false) throws -> [(path: String, certificate: Certificate)] {
        try (1...k).map { i in
            let path = "\(f.folder)/shard-\(i)of\(k).json"
            return (path, try Base().certify(f, shard: Shard(index: i, count: k)!, failuresOnly: failuresOnly, at: path))
        }
    }

    @Test(arguments: [2, 3])
    func splitAndMergeIsTheUnshardedCertificate(count k: Int) throws {
        let f = try Base().files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let whole = try Base().certify(f, at: f.folder + "/whole.json")
        let parts = try shards(f, count: k)
        // Hand-derived shard verdicts: 2 shards hold {0, 2, 4} and {1, 3}; 3 shards {0, 3}, {1, 4}, {2}.
        let verdicts: [Verdict] = k == 2 ? [.fail, .pass] : [.undecided, .fail, .fail]
        #expect(parts.map(\.certificate.verdict) == verdicts)
        #expect(parts.map { $0.certificate.counts?.undecided } == (k == 2 ? [1, 0] : [1, 0, 0]))
        for (path, _) in parts {
            #expect(try CertificateCheck.check(certificateAt: path, options: Base.options).confirmed, "\(path)")
        }
        let merged = try CertificateMerge.merge(parts.reversed(), into: f.folder + "/merged.json")
        #expect(merged == whole)
        #expect(merged.text() == whole.text())
        try merged.write(to: f.folder + "/merged.json")
        #expect(try CertificateCheck.check(certificateAt: f.folder + "/merged.json", options: Base.options).confirmed)
    }

    @Test func failuresOnlyShardsMergeIntoFailuresOnly() throws {
        let f = try Base().files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let whole = try Base().certify(f, failuresOnly: true, at: f.folder + "/whole.json")
        let merged = try CertificateMerge.merge(try shards(f, count: 2, failuresOnly: true), into: f.folder + "/merged.json")
        #expect(merged == whole && merged.results.map(\.index) == [0, 2, 4])
    }

    @Test func shardsThatDisagreeAreRefused() throws {
        let f = try Base().files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let parts = try shards(f, count: 2)
        func refusal(_ parts: [(path: String, certificate: Certificate)]) -> String? {
            do {
                _ = try CertificateMerge.merge(parts, into: f.folder + "/merged.json")
                return nil
            } catch {
                return "\(error)"
            }
        }
        var semantics = parts
        semantics[1].certificate.semantics = .hardmaxEnclosure
        #expect(refusal(semantics)?.contains("semantics") == true, "\(String(describing: refusal(semantics)))")
        var counts = parts
        counts[0].certificate.counts?.undecided = 0
        #expect(refusal(counts)?.contains("passed 0 + failed 2 + undecided 0 is not sequences 3") == true,
                "\(String(describing: refusal(counts)))")
        var verdict = parts
        verdict[0].certificate.verdict = .undecided
        #expect(refusal(verdict)?.contains("verdict undecided") == true, "\(String(describing: refusal(verdict)))")
        var status = parts
        status[1].certificate.results[0].enclosed?.status = .undecided
        #expect(refusal(status)?.contains("contradicts its rows") == true, "\(String(describing: refusal(status)))")
    }
}
