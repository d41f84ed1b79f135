import Exact
import HardmaxModel
import Testing
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// The rank-1 step finds a token's segment (the number of kinks strictly below t) by a hint (the
/// previous row's segment), then a cached sample of every 64th kink, then a search inside one step;
/// on thousands of kinks, small and big, every way gives the count of kinks below t, and the replay
/// equals the plain one.
@Suite struct RankOneSearchTests {
    /// One layer x_1 <- x_1 + sum_u c_u relu(a_u x_0 + b_u) with `units` units; with `bigKinks`, some
    /// b_u are past 64 bits (so the kinks are not all words and the search compares rationals).
    private func layer(seed: UInt64, units: Int, bigKinks: Bool) -> FeedForward {
        var r = RandomCase(seed: seed)
        var w1: [[Rational]] = [], b1: [Rational] = [], w2: [Rational] = []
        for u in 0..<units {
            w1.append([Rational([-3, -2, -1, 1, 2, 3][r.int(0...5)]), .zero])
            let b = q(r.int(-50_000...50_000), [1, 2, 3, 7][r.int(0...3)])
            b1.append(bigKinks && u % 97 == 0 ? b + Rational(BigInt(1) << 70) : b)
            w2.append(Rational(r.int(-3...3)))
        }
        return FeedForward(w1: mat(w1), b1: b1, w2: mat([Array(repeating: .zero, count: units), w2]), b2: [0, 0])
    }

    @Test(arguments: [false, true])
    func everySearchCountsTheKinksBelow(bigKinks: Bool) throws {
        let f = layer(seed: 7, units: 2500, bigKinks: bigKinks)
        let step = try #require(RankOneFeedForward(f))
        #expect(step.kinks.count > 20 * RankOneFeedForward.sampleStep)
        #expect((step.kinkWords == nil) == bigKinks)
        var r = RandomCase(seed: 11)
        var probes = stride(from: 0, to: step.kinks.count, by: 5).map { step.kinks[$0] }
        probes += [step.kinks[0] - 1, step.kinks[step.kinks.count - 1] + 1]
        for _ in 0..<600 { probes.append(q(r.int(-60_000...60_000), r.int(1...9))) }
        for t in probes {
            let below = step.kinks.filter { $0 < t }.count
            #expect(step.segment(t) == below, "t = \(t)")
            for hint in [below, below - 1, below + 1, 0, step.kinks.count, r.int(-2...(step.kinks.count + 2))] {
                #expect(step.segment(t, hint: hint) == below, "t = \(t), hint \(hint)")
            }
        }
    }

    @Test(arguments: [false, true])
    func replayEqualsThePlainOne(bigKinks: Bool) throws {
        let f = layer(seed: 5, units: 1500, bigKinks: bigKinks)
        let model = Model(dimension: 2, layers: [.feedforward(f)], readout: identityReadout(width: 2, classes: ["a"]))
        let plan = ReplayPlan(model, shortcuts: .all)
        guard case .rankOneFeedForward = plan.steps[0].operation else {
            Issue.record("the layer is not a rank-1 step")
            return
        }
        var r = RandomCase(seed: 3)
        for n in 1...24 {
            // Runs of tokens in one segment, and jumps across the table.
            let tokens = (0..<n).map { k -> [Rational] in
                [q(r.int(-40_000...40_000) + (k % 3), r.int(1...6)), q(r.int(-9...9), r.int(1...4))]
            }
            let s = sequence("a", tokens)
            let fast = try plan.finalTable(s, index: n, maxBits: 1 << 20).tokensByPosition()
            #expect(fast == (try Semantics.finalTokens(model, s, index: n, maxBits: 1 << 20).tokens), "length \(n)")
        }
    }
}
