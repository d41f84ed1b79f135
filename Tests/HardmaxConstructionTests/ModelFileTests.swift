import Exact
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel
import Testing

/// The constructor's output is meant to be written to a file and verified from that file: the
/// written text must read back as the same model, metadata included, and verify.
@Suite struct ModelFileTests {
    @Test(arguments: Strategy.allCases)
    func writtenModelReadsBackAndVerifies(strategy: Strategy) throws {
        let library = DemoLibrary.generate(sequences: 30, lengths: 1...12, dimension: 2, shelves: 3)
        for (dataset, positions) in [(library, Positions.none), (library, .index),
                                     (randomDataset(seed: 5, positions: .none), .none)] {
            guard case .model(let model, let report) = try Constructor.construct(dataset, strategy: strategy,
                                                                                positions: positions)
            else { Issue.record("refuted"); continue }
            let text = ModelWriter.text(model)
            let read = try ModelReader.read(bytes: Array(text.utf8), file: "model.json")
            #expect(read == model)
            #expect(replayProblems(read, dataset).isEmpty)
            // The metadata records what the report says.
            #expect(read.metadata["strategy"] == .string(strategy.rawValue))
            #expect(read.metadata["features"] == .number(String(report.features.count)))
            #expect(read.metadata["measureClasses"] == .number(String(report.measureClasses)))
            #expect(read.metadata["blocks"] == .number(String(report.census.blocks)))
            #expect(read.metadata["parameters"] == .number(String(report.census.parameters)))
        }
    }
}
