import Exact
import HardmaxFormat
import Testing
@testable import HardmaxVerifier

/// Long chains of width-1 feedforward layers (the narrow construction's interpolation: one layer per
/// slope change) compile to one rank-1 step, so replaying a token costs a binary search, not one
/// evaluation per layer; the result equals the plain replay of every layer in turn.
@Suite struct WidthOneChainTests {
    /// Layer k: x_1 <- x_1 + c_k relu(a_k x_0 + b_k), a_k in {-2, -1, 1, 2} (kinks on both sides, many
    /// shared), preceded by one layer that reads and writes x_1 (it cannot join the chain's group).
    @Test(arguments: [UInt64(1), 2, 3])
    func chainOfWidthOneLayersIsOneRankOneStep(seed: UInt64) throws {
        var r = RandomCase(seed: seed)
        let m = 1500
        let zeroH = FeedForward(w1: mat([[0, 1]]), b1: [5], w2: mat([[0], [-1]]), b2: [0, 5])
        var layers: [Layer] = [.feedforward(zeroH)]
        for _ in 0..<m {
            let a = [-2, -1, 1, 2][r.int(0...3)], b = r.int(-6...6), c = r.int(-3...3)
            layers.append(.feedforward(FeedForward(w1: mat([[a, 0]]), b1: [Rational(b)], w2: mat([[0], [c]]), b2: [0, 0])))
        }
        let model = Model(dimension: 2, layers: layers, readout: identityReadout(width: 2, classes: ["a"]))
        let plan = ReplayPlan(model, shortcuts: .all)
        #expect(plan.steps.map(\.layers) == [0...0, 1...m], "seed \(seed)")
        guard case .rankOneFeedForward(let chain) = plan.steps[1].operation else {
            Issue.record("seed \(seed): the chain is not one rank-1 step")
            return
        }
        // Kinks -b/a for b in -6...6 and a in {-2, -1, 1, 2}: at most the 25 values k/2, -6 <= k/2 <= 6.
        #expect(chain.kinks.count <= 25 && chain.kinks == chain.kinks.sorted(), "seed \(seed)")
        // Tokens on kinks, between them and outside, with x_1 below, at and above the zeroing shift.
        let s = sequence("a", [[q(-7), q(0)], [q(-3), q(2)], [q(-1, 2), q(-5)], [q(0), q(1)], [q(1, 2), q(0)],
                                [q(5, 3), q(3)], [q(3), q(-1)], [q(13, 2), q(7)], [q(1, 2), q(0)]])
        let fast = try plan.finalTable(s, index: 0, maxBits: 1 << 20).tokensByPosition()
        #expect(fast == (try PlainReplay.finalTokens(model, s, index: 0, maxBits: 1 << 20)), "seed \(seed)")
    }
}
