import Exact
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel
import Testing

@Suite struct RefutationTests {
    /// (a, b) and (b, a, b, a) have the same empirical measure: no permutation-invariant model
    /// separates them, but the position coordinate does.
    static let permuted = Dataset(dimension: 2, sequences: [
        sequence("x", [[1, 2], [3, 4]], id: "ab"),
        sequence("y", [[3, 4], [1, 2], [3, 4], [1, 2]], id: "baba"),
    ])

    @Test(arguments: Strategy.allCases)
    func permutedRepetitionIsImpossibleWithoutPositions(strategy: Strategy) throws {
        let outcome = try Constructor.construct(Self.permuted, strategy: strategy, positions: .none)
        guard case .impossible(let conflicts) = outcome else {
            Issue.record("expected a refutation")
            return
        }
        #expect(conflicts.count == 1)
        #expect(conflicts[0].first == 0 && conflicts[0].second == 1)
        #expect(conflicts[0].firstLabel == "x" && conflicts[0].secondLabel == "y")
        #expect(!conflicts[0].identical)
        #expect(conflicts[0].measure.weights == [1, 1])
        let text = Refutation.text(conflicts, positions: .none)
        #expect(text.contains("sequence 0 (id \"ab\", label \"x\") and sequence 1 (id \"baba\", label \"y\")"))
        #expect(text.contains("1 x (1, 2), 1 x (3, 4); weights sum to 2"))
        #expect(text.contains("--positions index removes this conflict"))
        #expect(text.contains("hint: construct with --positions index"))
    }

    @Test(arguments: Strategy.allCases)
    func positionIndexSeparatesThePermutedRepetition(strategy: Strategy) throws {
        let outcome = try Constructor.construct(Self.permuted, strategy: strategy, positions: .index)
        guard case .model(let model, let report) = outcome else {
            Issue.record("expected a model with positions index")
            return
        }
        #expect(model.positions == .index)
        #expect(report.measureClasses == 2)
        #expect(replayProblems(model, Self.permuted).isEmpty)
        #expect(structuralProblems(model, report).isEmpty)
    }

    @Test(arguments: Strategy.allCases, [Positions.none, .index])
    func identicalSequencesWithTwoLabelsAreImpossibleEvenWithPositions(strategy: Strategy,
                                                                        positions: Positions) throws {
        let dataset = Dataset(dimension: 1, sequences: [
            sequence("a", [[5], [7]]),
            sequence("a", [[1]]),
            sequence("b", [[5], [7]]),
            sequence("c", [[7], [5]]),
        ])
        let outcome = try Constructor.construct(dataset, strategy: strategy, positions: positions)
        guard case .impossible(let conflicts) = outcome else {
            Issue.record("expected a refutation")
            return
        }
        let pairs = conflicts.map { [$0.first, $0.second] }
        // (5, 7) and (7, 5) conflict only without positions; the identical pair (0, 2) always does.
        #expect(pairs == (positions == .none ? [[0, 2], [0, 3]] : [[0, 2]]))
        #expect(conflicts[0].identical)
        let text = Refutation.text(conflicts, positions: positions)
        #expect(text.contains("identical token by token"))
        if positions == .none {
            #expect(!conflicts[1].identical)
            #expect(text.contains("--positions index removes 1 of the 2 conflicts"))
        } else {
            #expect(text.contains("No setting of hardmax construct can classify this data set."))
        }
    }

    @Test func emptyDataSetIsAnInputError() {
        #expect(throws: InputError.self) {
            try Constructor.construct(Dataset(dimension: 2, sequences: []), strategy: .compact)
        }
    }
}
