import Exact
import Foundation
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport

/// The shared UEA files of a data set (SPEC.md section 3), TRAIN then TEST.
func sharedDatasetFiles(_ name: String) -> [String] {
    ["datasets/\(name)_TRAIN.ts", "datasets/\(name)_TEST.ts"]
}

/// The shared UEA data set `name`, TRAIN then TEST (throws when a file is missing).
func sharedDataset(_ name: String) throws -> Dataset {
    try DatasetReader.read(.files(sharedDatasetFiles(name).map(sharedFile))).dataset
}

@Suite struct RealDataTests {
    /// Sequence counts and dimensions from the data sets' README (TRAIN + TEST).
    static let shapes = ["JapaneseVowels": (640, 12), "BasicMotions": (80, 6), "GunPoint": (200, 1)]

    @Test(.sharedFiles(["JapaneseVowels", "BasicMotions", "GunPoint"].flatMap(sharedDatasetFiles)),
          arguments: ["JapaneseVowels", "BasicMotions", "GunPoint"], Strategy.allCases)
    func constructsAndVerifies(name: String, strategy: Strategy) throws {
        let dataset = try sharedDataset(name)
        #expect(dataset.sequences.count == Self.shapes[name]?.0 && dataset.dimension == Self.shapes[name]?.1)
        let outcome = try Constructor.construct(dataset, strategy: strategy)
        guard case .model(let model, let report) = outcome else {
            Issue.record("\(name): refuted, but the shared sets are separable")
            return
        }
        #expect(structuralProblems(model, report).isEmpty, "\(name) \(strategy)")
        #expect(replayProblems(model, dataset).isEmpty, "\(name) \(strategy)")
    }
}
