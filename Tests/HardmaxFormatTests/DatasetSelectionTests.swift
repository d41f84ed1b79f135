import Exact
import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// Selective and streamed dataset reading (what a shard and a streamed verification read) against
/// reading the files whole.
@Suite struct DatasetSelectionTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hardmax-selection-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func write(_ text: String, _ path: String) throws -> String {
        try FileIO.writeAtomically(Array(text.utf8), to: path)
        return path
    }

    static let jsonl = """
        {"id": "a", "label": "x", "tokens": [[1, "1/2"], [2, 3]]}

        {"label": "y", "tokens": [["0.25", -3]]}
        {"label": 7, "tokens": [[0, 0], [1, 1], [2, 2]]}
        {"label": "x", "tokens": [["0x1p-2", 5]]}
        """

    static let ts = """
        # comment
        @problemName t
        @classLabel true a b
        @data
        1,2,3:4,5,6:a
        % comment between cases

        7:8:b
        1,1:2,2:a
        """

    /// Every selection of the sequences of a .jsonl and a .ts file, and of both concatenated, is the
    /// filtered whole read, with numbers and per-file counts.
    @Test func selectionsAreFilteredWholeReads() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let j = try write(Self.jsonl, dir + "/a.jsonl")
        let t = try write(Self.ts, dir + "/b.ts")
        let t2 = try write(Self.ts, dir + "/c.ts")
        for files in [[j], [t], [t, t2]] {
            let whole = try DatasetReader.read(.files(files)).dataset
            let n = whole.sequences.count
            for mask in 0..<(1 << n) {
                let selection = try DatasetReader.read(.files(files), selecting: { mask & (1 << $0) != 0 })
                let expected = (0..<n).filter { mask & (1 << $0) != 0 }
                #expect(selection.indices == expected, "\(files), mask \(mask)")
                #expect(selection.dataset.sequences == expected.map { whole.sequences[$0] }, "\(files), mask \(mask)")
                #expect(selection.totalSequences == n)
                #expect(selection.dataset.dimension == (expected.isEmpty ? 0 : whole.dimension))
            }
            let all = try DatasetReader.read(.files(files), selecting: { _ in true })
            #expect(all.dataset == whole)
        }
        #expect(try DatasetReader.read(.files([t, j, t2]), selecting: { _ in false }).sequencesPerFile == [3, 4, 3])
    }

    /// Batches of every size concatenate to the whole read, each at most the batch size.
    @Test func batchesConcatenateToTheWholeRead() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = [try write(Self.ts, dir + "/b.ts"), try write(Self.ts, dir + "/c.ts")]
        let whole = try DatasetReader.read(.files(files)).dataset
        for size in 1...7 {
            var sequences: [LabelledSequence] = []
            var numbers: [Int] = []
            let perFile = try DatasetReader.forEachBatch(.files(files), batchSize: size) { part, indices in
                #expect(!part.sequences.isEmpty && part.sequences.count <= size && indices.count == part.sequences.count)
                sequences += part.sequences
                numbers += indices
            }
            #expect(sequences == whole.sequences && numbers == Array(0..<6) && perFile == [3, 3], "batch \(size)")
        }
    }

    /// A record that is not selected is not parsed; a selected malformed record gives the error the
    /// whole read gives.
    @Test func onlySelectedRecordsAreParsed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = try write("{\"label\": \"x\", \"tokens\": [[1]]}\nnot json at all\n{\"label\": \"y\", \"tokens\": [[2]]}\n",
                            dir + "/bad.jsonl")
        let skipping = try DatasetReader.read(.files([bad]), selecting: { $0 != 1 })
        #expect(skipping.indices == [0, 2] && skipping.dataset.sequences.map(\.label) == ["x", "y"])
        let whole = inputError { try DatasetReader.read(.files([bad])).dataset }
        let selected = inputError { try DatasetReader.read(.files([bad]), selecting: { $0 == 1 }) }
        #expect(whole != nil && selected == whole)
        #expect(whole?.line == 2)
        // A file without records is refused whatever is selected; one whose records are all skipped is not.
        let empty = try write("\n\n", dir + "/empty.jsonl")
        #expect(inputError { try DatasetReader.read(.files([empty]), selecting: { _ in false }) }?.message
                .contains("contains no sequences") == true)
    }

    @Test func filesOfDifferentDimensionsAreRefusedWhileStreaming() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try write(Self.jsonl, dir + "/a.jsonl")
        let b = try write("{\"label\": \"z\", \"tokens\": [[1, 2, 3]]}\n", dir + "/b.jsonl")
        let whole = inputError { try DatasetReader.read(.files([a, b])).dataset }
        let streamed = inputError { try DatasetReader.forEachBatch(.files([a, b]), batchSize: 2) { _, _ in } }
        #expect(whole != nil && streamed == whole)
        #expect(whole?.message == "tokens have dimension 3 in \(b), but dimension 2 in \(a); all dataset files must agree")
    }

    /// The readers' growing arrays are stored without their spare capacity.
    @Test func sequencesKeepNoSpareCapacity() {
        var values: [Rational] = []
        values.reserveCapacity(1000)
        for k in 0..<61 { values.append(Rational(k)) }
        let s = LabelledSequence(label: "x", dimension: 1, values: values)
        #expect(s.values == values)
        #expect(s.values.capacity <= 61 + 61 / 8 + 4)
    }

    /// The real UEA files: every third case, against the whole read.
    @Test(.sharedFiles("datasets/JapaneseVowels_TRAIN.ts", "datasets/JapaneseVowels_TEST.ts"))
    func realFilesSelectEveryThirdCase() throws {
        let train = try sharedFile("datasets/JapaneseVowels_TRAIN.ts")
        let test = try sharedFile("datasets/JapaneseVowels_TEST.ts")
        let whole = try DatasetReader.read(.files([train, test])).dataset
        let selection = try DatasetReader.read(.files([train, test]), selecting: { $0 % 3 == 1 })
        let expected = whole.sequences.indices.filter { $0 % 3 == 1 }
        #expect(selection.indices == expected)
        #expect(selection.dataset.sequences == expected.map { whole.sequences[$0] })
        #expect(selection.sequencesPerFile == [270, 370])
    }
}
