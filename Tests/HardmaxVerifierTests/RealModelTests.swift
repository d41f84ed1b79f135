import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// The two third-party models of /work/shared/models: verdict pass, min margin exactly 1/2.
@Suite struct RealModelTests {
    static let jv = ["models/jv-compact.json", "datasets/JapaneseVowels_TRAIN.ts", "datasets/JapaneseVowels_TEST.ts"]
    static let bm = ["models/bm-narrow.json", "datasets/BasicMotions_TRAIN.ts", "datasets/BasicMotions_TEST.ts"]

    @Test(.sharedFiles(RealModelTests.jv))
    func japaneseVowelsCompact() throws {
        let p = try Self.jv.map(sharedFile)
        let model = try ModelReader.read(file: p[0])
        let data = try DatasetReader.read(.files(Array(p[1...]))).dataset
        let v = try Verifier(model: model).verify(data)
        #expect(v.verdict == .pass)
        #expect(v.counts == VerificationCounts(sequences: 640, tokens: data.tokenCount, classes: 9, passed: 640, failed: 0))
        #expect(v.minMargin == q(1, 2))
        #expect(v.results.allSatisfy { $0.margin == q(1, 2) && $0.predictedLabel == $0.label })

        // Certificate in a temporary folder, naming the shared files relatively; check confirms it.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cert = folder + "/jv.cert.json"
        let c = try Certificate(verification: v, model: FileReference(file: p[0], forCertificateAt: cert),
                                datasets: p[1...].map { try FileReference(file: $0, forCertificateAt: cert) })
        try c.write(to: cert)
        #expect(c.model?.file.hasPrefix("../") == true)
        let outcome = try CertificateCheck.check(certificateAt: cert)
        #expect(outcome.confirmed, "\(outcome.difference ?? "")")
        // Editing one margin is caught and named.
        let text = try String(contentsOfFile: cert, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"index\": 12, \"label\": \"1\", \"predicted\": \"1\", \"margin\": \"1/2\"",
                                               with: "\"index\": 12, \"label\": \"1\", \"predicted\": \"1\", \"margin\": \"1/3\"")
        #expect(edited != text)
        try writeText(edited, to: cert)
        #expect(try CertificateCheck.check(certificateAt: cert).difference == "results[12].margin: recorded 1/3, recomputed 1/2")
    }

    @Test(.sharedFiles(RealModelTests.bm))
    func basicMotionsNarrowFastAndPlain() throws {
        let p = try Self.bm.map(sharedFile)
        let model = try ModelReader.read(file: p[0])
        let data = try DatasetReader.read(.files(Array(p[1...]))).dataset
        let fast = try Verifier(model: model).verify(data)
        #expect(fast.verdict == .pass)
        #expect(fast.counts == VerificationCounts(sequences: 80, tokens: 8000, classes: 4, passed: 80, failed: 0))
        #expect(fast.minMargin == q(1, 2))
        let plain = try Verifier(model: model, options: .plainOnly).verify(data)
        #expect(plain == fast)

        // A copy of the model, certified, then one byte changed: check names the file.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let modelCopy = folder + "/bm-narrow.json", cert = folder + "/bm.cert.json"
        var bytes = try FileIO.read(p[0], maxBytes: 1 << 24)
        try FileIO.writeAtomically(bytes, to: modelCopy)
        try Certificate(verification: fast, model: FileReference(file: modelCopy, forCertificateAt: cert),
                        datasets: p[1...].map { try FileReference(file: $0, forCertificateAt: cert) },
                        failuresOnly: true).write(to: cert)
        #expect(try CertificateCheck.check(certificateAt: cert).confirmed)
        bytes[bytes.count / 2] ^= 0x01
        try FileIO.writeAtomically(bytes, to: modelCopy)
        let outcome = try CertificateCheck.check(certificateAt: cert)
        #expect(outcome.difference?.hasPrefix("model file bm-narrow.json:") == true)
    }
}
