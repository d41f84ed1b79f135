import Exact
import HardmaxConstruction
import HardmaxFormat
import Testing

/// Replays `model` on every sequence; returns a description of each sequence that does not pass
/// with margin exactly 1/2 (or no margin, for a single class).
func replayProblems(_ model: Model, _ dataset: Dataset) -> [String] {
    var problems: [String] = []
    let expectedMargin: Rational? = model.readout.classes.count >= 2 ? rational(1, 2) : nil
    for (j, s) in dataset.sequences.enumerated() {
        let outcome = PlainReplay.outcome(model, s)
        if !outcome.pass || outcome.margin != expectedMargin {
            problems.append("sequence \(j) label \(s.label): predicted \(outcome.predicted ?? "none"), "
                            + "margin \(outcome.margin?.description ?? "null")")
        }
    }
    return problems
}

@Suite struct RandomConstructionTests {
    static let seeds: [UInt64] = Array(1...150)

    @Test(arguments: Strategy.allCases, [Positions.none, .index])
    func everyModelPassesWithMarginOneHalf(strategy: Strategy, positions: Positions) throws {
        for seed in Self.seeds {
            let dataset = randomDataset(seed: seed, positions: positions)
            let outcome = try Constructor.construct(dataset, strategy: strategy, positions: positions)
            guard case .model(let model, let report) = outcome else {
                Issue.record("seed \(seed): refuted a data set whose labels agree per measure")
                continue
            }
            let problems = replayProblems(model, dataset) + structuralProblems(model, report)
            #expect(problems.isEmpty, "seed \(seed), \(strategy), positions \(positions): \(problems)")
            #expect(model.positions == positions && model.dimension == dataset.dimension)
        }
    }
}
