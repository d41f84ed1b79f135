import Exact
import HardmaxFormat
import Testing
@testable import HardmaxVerifier

/// The two third-party models of /work/shared/models: verdict pass, min margin exactly 1/2.
@Suite struct RealModelTests {
    static let jv = ["models/jv-compact.json", "datasets/JapaneseVowels_TRAIN.ts", "datasets/JapaneseVowels_TEST.ts"]
    static let bm = ["models/bm-narrow.json", "datasets/BasicMotions_TRAIN.ts", "datasets/BasicMotions_TEST.ts"]

    @Test func japaneseVowelsCompact() throws {
        guard let p = SharedFiles.require(Self.jv) else { return }
        let model = try ModelReader.read(file: p[0])
        let data = try DatasetReader.read(files: Array(p[1...]))
        let v = try Verifier(model: model).verify(data)
        #expect(v.verdict == .pass)
        #expect(v.counts == VerificationCounts(sequences: 640, tokens: data.tokenCount, classes: 9, passed: 640, failed: 0))
        #expect(v.minMargin == q(1, 2))
        #expect(v.results.allSatisfy { $0.margin == q(1, 2) && $0.predicted == $0.label })
    }

    @Test func basicMotionsNarrowFastAndPlain() throws {
        guard let p = SharedFiles.require(Self.bm) else { return }
        let model = try ModelReader.read(file: p[0])
        let data = try DatasetReader.read(files: Array(p[1...]))
        let fast = try Verifier(model: model).verify(data)
        #expect(fast.verdict == .pass)
        #expect(fast.counts == VerificationCounts(sequences: 80, tokens: 8000, classes: 4, passed: 80, failed: 0))
        #expect(fast.minMargin == q(1, 2))
        let plain = try Verifier(model: model, options: .plainOnly).verify(data)
        #expect(plain == fast)
    }
}
