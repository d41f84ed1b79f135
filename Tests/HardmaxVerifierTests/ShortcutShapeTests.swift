import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Hand-computed cases that pin down how each shortcut is applied.
@Suite struct ShortcutShapeTests {
    @Test func rankOneFeedForwardWithNegativeAndZeroCoefficientsAndTokensOnKinks() throws {
        // W1 = (1, -1, 0, 2)^T, b1 = (-1, 1, 3, -2): units relu(t - 1), relu(1 - t), relu(3), relu(2t - 2),
        // all three kinks at t = 1. W2 = (1, 2, 1, -1): y = x + relu(t-1) + 2 relu(1-t) + 3 - relu(2t-2).
        // t = -1: 7 -> 6;  t = 0: 5 -> 5;  t = 1: 3 -> 4;  t = 2: 1 + 3 - 2 = 2 -> 4.
        let f = FeedForward(w1: mat([[1], [-1], [0], [2]]), b1: [-1, 1, 3, -2], w2: mat([[1, 2, 1, -1]]), b2: [0])
        let model = Model(dimension: 1, layers: [.feedforward(f)], readout: identityReadout(width: 1, classes: ["a"]))
        let plan = ReplayPlan(model, shortcuts: .all)
        guard case .rankOneFeedForward(let r) = plan.steps[0].operation else {
            Issue.record("expected the rank-1 shortcut")
            return
        }
        #expect(r.kinks == [1])
        let s = sequence("a", [[-1], [0], [1], [2]])
        #expect(try plan.finalTable(s, index: 0, maxBits: 64).tokensByPosition() == [[6], [5], [4], [4]])
        #expect(try Semantics.finalTokens(model, s, index: 0, maxBits: 64).tokens == [[6], [5], [4], [4]])
    }

    @Test func fusionGroupsLayersThatDoNotReadEarlierWrites() throws {
        // f01: reads x0, writes x1.  f02: reads x0, writes x1.  f11: reads x1 (written above), writes x1.
        let f01 = FeedForward(w1: mat([[1, 0]]), b1: [0], w2: mat([[0], [1]]), b2: [0, 0])
        let f02 = FeedForward(w1: mat([[2, 0]]), b1: [-1], w2: mat([[0], [-1]]), b2: [0, 1])
        let f11 = FeedForward(w1: mat([[0, 1]]), b1: [0], w2: mat([[0], [3]]), b2: [0, 0])
        let model = Model(dimension: 2, layers: [.feedforward(f01), .feedforward(f02), .feedforward(f11)],
                          readout: identityReadout(width: 2, classes: ["a"]))
        let plan = ReplayPlan(model, shortcuts: .all)
        #expect(plan.steps.map(\.layers) == [0...1, 2...2])
        // x = (1, 0): x1 = 0 + 1 - relu(2 - 1) + 1 = 1, then x1 = 1 + 3 = 4.  x = (0, 5): 5 + 0 - 0 + 1 = 6 -> 24.
        let s = sequence("a", [[1, 0], [0, 5]])
        #expect(try plan.finalTable(s, index: 0, maxBits: 64).tokensByPosition() == [[1, 4], [0, 24]])
        #expect(try Semantics.finalTokens(model, s, index: 0, maxBits: 64).tokens == [[1, 4], [0, 24]])
    }

    @Test func duplicatesAreMergedOnlyWhenAllowed() {
        let head = AttentionHead(score: .uniform, value: mat([[1]]))
        func plan(_ pool: Pool, causal: Bool) -> ReplayPlan {
            ReplayPlan(Model(dimension: 1, layers: [.attention(Attention(heads: [head], causal: causal))],
                             readout: identityReadout(width: 1, classes: ["a"], pool: pool)), shortcuts: .all)
        }
        #expect(plan(.mean, causal: false).mergesDuplicates)
        #expect(plan(.every, causal: false).mergesDuplicates)
        #expect(!plan(.first, causal: false).mergesDuplicates)
        #expect(!plan(.last, causal: false).mergesDuplicates)
        #expect(!plan(.mean, causal: true).mergesDuplicates)
        let t = TokenTable(sequence("a", [[1], [2], [1], [1]]), positions: .none, mergingDuplicates: true)
        #expect(t.weights == [3, 1] && t.positions == [0, 1] && t.rowOfPosition == [0, 1, 0, 0])
    }
}
