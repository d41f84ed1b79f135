import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// The UEA files in /work/shared/datasets read exactly; counts come from the archive's README and the
/// spot values are the decimal text of the files written as fractions by hand.
@Suite struct DatasetRealFilesTests {
    private func load(_ names: [String]) throws -> Dataset {
        try DatasetReader.read(.files(names.map { try sharedFile("datasets/" + $0) })).dataset
    }

    private func labelCounts(_ d: Dataset) -> [Label: Int] {
        d.sequences.reduce(into: [:]) { $0[$1.label!, default: 0] += 1 }
    }

    @Test(.sharedFiles("datasets/JapaneseVowels_TRAIN.ts", "datasets/JapaneseVowels_TEST.ts"))
    func japaneseVowels() throws {
        let data = try load(["JapaneseVowels_TRAIN.ts", "JapaneseVowels_TEST.ts"])
        #expect(data.dimension == 12)
        #expect(data.sequences.count == 270 + 370)
        #expect(data.tokenCount == 4274 + 5687)
        #expect(data.sequences.allSatisfy { (7...29).contains($0.length) && $0.id == nil })
        #expect(labelCounts(data) == ["1": 61, "2": 65, "3": 118, "4": 74, "5": 59, "6": 54, "7": 70,
                                      "8": 80, "9": 59])
        let first = data.sequences[0]
        #expect(first.label == "1" && first.length == 20)
        // First case, token 0: 1.860936, -0.207383, ..., 0.088728 (channel-major in the file).
        #expect(first.token(0)[0] == (try Rational(1_860_936, 1_000_000)))
        #expect(first.token(0)[1] == (try Rational(-207_383, 1_000_000)))
        #expect(first.token(0)[11] == (try Rational(88_728, 1_000_000)))
        // Last token: 1.261441, -0.63835 (= -63835/100000).
        #expect(first.token(19)[0] == (try Rational(1_261_441, 1_000_000)))
        #expect(first.token(19)[1] == (try Rational(-63_835, 100_000)))
        // Sequence 270 is the first case of the TEST file: 1.635533, ..., 0.139754; 19 tokens.
        let test0 = data.sequences[270]
        #expect(test0.length == 19 && test0.label == "1")
        #expect(test0.token(0)[0] == (try Rational(1_635_533, 1_000_000)))
        #expect(test0.token(0)[11] == (try Rational(139_754, 1_000_000)))
        #expect(data.sequences[639].label == "9")
    }

    @Test(.sharedFiles("datasets/BasicMotions_TRAIN.ts", "datasets/BasicMotions_TEST.ts"))
    func basicMotions() throws {
        let data = try load(["BasicMotions_TRAIN.ts", "BasicMotions_TEST.ts"])
        #expect(data.dimension == 6)
        #expect(data.sequences.count == 80)
        #expect(data.sequences.allSatisfy { $0.length == 100 })
        #expect(labelCounts(data) == ["Standing": 20, "Running": 20, "Walking": 20, "Badminton": 20])
        let first = data.sequences[0]
        #expect(first.label == "Standing")
        #expect(first.token(0) == [try Rational(79_106, 1_000_000), try Rational(394_032, 1_000_000),
                                   try Rational(551_444, 1_000_000), try Rational(351_565, 1_000_000),
                                   try Rational(2_397, 100_000), try Rational(633_883, 1_000_000)])
        #expect(first.token(99)[5] == (try Rational(-3_196, 100_000)))
    }

    @Test(.sharedFiles("datasets/GunPoint_TRAIN.ts", "datasets/GunPoint_TEST.ts"))
    func gunPoint() throws {
        let data = try load(["GunPoint_TRAIN.ts", "GunPoint_TEST.ts"])
        #expect(data.dimension == 1)
        #expect(data.sequences.count == 200)
        #expect(data.tokenCount == 200 * 150)
        #expect(labelCounts(data) == ["1": 100, "2": 100])
        let test0 = data.sequences[50]
        #expect(test0.label == "1")
        #expect(test0.token(0) == [try Rational(-11_250_133, 10_000_000)])
        #expect(test0.token(149) == [try Rational(-12_184_217, 10_000_000)])
    }

    @Test(.sharedFiles("datasets/JapaneseVowels_TRAIN.ts", "datasets/GunPoint_TRAIN.ts"))
    func filesMustAgreeOnDimension() throws {
        let jv = try sharedFile("datasets/JapaneseVowels_TRAIN.ts")
        let gp = try sharedFile("datasets/GunPoint_TRAIN.ts")
        let e = inputError { try DatasetReader.read(.files([jv, gp])).dataset }
        #expect(e?.file == gp)
        #expect(e?.message.contains("dimension 1") == true && e?.message.contains("dimension 12") == true)
    }
}
