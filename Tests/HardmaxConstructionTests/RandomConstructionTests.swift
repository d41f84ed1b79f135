import Exact
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel
import Testing

/// Verifies `model` on `dataset` with the verifier (shortcuts on, and with `plain` also the plain
/// replay, which must agree row by row); returns a description of each sequence that does not pass
/// with margin exactly 1/2 (or without a margin, for a single class), and of any disagreement.
func replayProblems(_ model: Model, _ dataset: Dataset, plain: Bool = false) -> [String] {
    let verification: Verification
    do {
        verification = try Verifier(model: model).verify(dataset)
        if plain {
            let reference = try Verifier(model: model, options: .plainOnly).verify(dataset)
            if reference != verification { return ["plain replay and shortcuts disagree"] }
        }
    } catch {
        return ["verifier error: \(error)"]
    }
    var problems: [String] = []
    let expectedMargin: Rational? = model.readout.classes.count >= 2 ? rational(1, 2) : nil
    for r in verification.results where !r.passed || r.margin != expectedMargin {
        problems.append("sequence \(r.index) label \(r.label?.text ?? "per token"): predicted \(r.predictedLabel?.text ?? "none"), "
                        + "margin \(r.margin?.description ?? "null")")
    }
    if problems.isEmpty && verification.verdict != .pass { problems.append("verdict \(verification.verdict)") }
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
            let problems = replayProblems(model, dataset, plain: true) + structuralProblems(model, report)
            #expect(problems.isEmpty, "seed \(seed), \(strategy), positions \(positions): \(problems)")
            #expect(model.positions == positions && model.dimension == dataset.dimension)
        }
    }
}
