import Exact
import Foundation
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import Testing

/// The shared UEA files (SPEC.md section 3), TRAIN then TEST, or nil (a skip, or a failure under CI).
func sharedDataset(_ name: String) throws -> Dataset? {
    let files = ["\(name)_TRAIN.ts", "\(name)_TEST.ts"].map { sharedFile("datasets/" + $0).path }
    guard files.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else {
        if runningInCI { Issue.record("missing shared data set \(files)") }
        return nil
    }
    return try DatasetReader.read(.files(files)).dataset
}

@Suite struct RealDataTests {
    /// Sequence counts and dimensions from the data sets' README (TRAIN + TEST).
    static let shapes = ["JapaneseVowels": (640, 12), "BasicMotions": (80, 6), "GunPoint": (200, 1)]

    @Test(arguments: ["JapaneseVowels", "BasicMotions", "GunPoint"], Strategy.allCases)
    func constructsAndVerifies(name: String, strategy: Strategy) throws {
        guard let dataset = try sharedDataset(name) else { return }
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
