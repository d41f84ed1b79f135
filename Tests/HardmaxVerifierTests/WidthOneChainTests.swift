import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

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
        #expect(fast == (try Semantics.finalTokens(model, s, index: 0, maxBits: 1 << 20).tokens), "seed \(seed)")
    }
}

/// The verifier's work estimate follows its replay plan: the same as the layer-by-layer estimate when
/// no step is fused or a rank-1 table, one binary search per token for a fused rank-1 chain.
@Suite struct ReplayCostTests {
    @Test func withoutFusedOrRankOneStepsThePlanCostsWhatTheLayersCost() throws {
        var compared = 0
        for seed in UInt64(1)...UInt64(200) {
            var r = RandomCase(seed: seed)
            let model = r.model(dimension: r.int(1...3))
            let data = r.dataset(dimension: model.dimension, classes: model.readout.classes.count)
            for shortcuts in [Shortcuts.all, [.duplicates, .rankOneScores, .uniformScores]] {
                let plan = ReplayPlan(model, shortcuts: shortcuts)
                let special = plan.steps.contains {
                    if case .rankOneFeedForward = $0.operation { return true }
                    return $0.layers.count > 1
                }
                guard !special else { continue }
                compared += 1
                #expect(WorkEstimate(cost: ReplayCost(model: model, plan: plan, shortcuts: shortcuts), dataset: data)
                        == WorkEstimate(model: model, dataset: data, shortcuts: shortcuts), "seed \(seed)")
            }
            // The plain replay has no plan: always the layer-by-layer estimate of dense matrices.
            #expect(WorkEstimate(cost: ReplayCost(model: model, plan: nil, shortcuts: .all), dataset: data)
                    == WorkEstimate(model: model, dataset: data, shortcuts: []), "seed \(seed), plain")
        }
        #expect(compared >= 50)
    }

    /// 1500 width-1 layers reading x_0 and writing x_1 fuse into one rank-1 step with K kinks:
    /// per token 1 (t = x_0) + 1 (x_1) + bits(K) (the search) + 2 (the width), against 1500 x (1 + 1 + 1 + 2)
    /// layer by layer (each layer a table of one kink). Over 10^8 tokens the first is far below the default limit, the second far above.
    @Test func aFusedRankOneChainCostsOneSearchPerToken() throws {
        let m = 1500
        let layers: [Layer] = (0..<m).map { k in
            .feedforward(FeedForward(w1: mat([[1, 0]]), b1: [Rational(-k)], w2: mat([[0], [1]]), b2: [0, 0]))
        }
        let model = Model(dimension: 2, layers: layers, readout: identityReadout(width: 2, classes: ["a"]))
        let verifier = try Verifier(model: model)
        #expect(verifier.cost.steps.count == 2)  // the fused chain and the readout
        // Kinks 0, 1, ..., 1499: 1500 of them, 11 bits.
        #expect(verifier.cost.steps.first?.perToken == 1 + 1 + 11 + 2)
        let lengths = [Int](repeating: 1_000_000, count: 100)
        let fast = WorkEstimate(cost: verifier.cost, sequenceLengths: lengths, dataBits: 1)
        let layerByLayer = WorkEstimate(model: model, sequenceLengths: lengths, dataBits: 1, shortcuts: .all)
        // Readout: the identity readout has no non-zero weight: 10^8 x (0 + 2).
        #expect(fast.exactOperations == 100_000_000 * 15 + 100_000_000 * 2)
        #expect(layerByLayer.exactOperations == 100_000_000 * 1500 * 5 + 100_000_000 * 2)
        #expect(throws: Never.self) { try fast.check(limit: VerifierOptions.standard.maxWork) }
        #expect(throws: InputError.self) { try layerByLayer.check(limit: VerifierOptions.standard.maxWork) }
    }

    /// An interpolation layer: unit u is relu((u+1)(u+2) t - 1) (kink 1/((u+1)(u+2))), W2 weights
    /// 1/((u+1)(u+2)). The W2 row's lcm bound has thousands of bits (lcm(1, ..., 3001)), but every
    /// segment's slope is an integer and its intercept telescopes to 1/(s+1) - 1/(m+1): the table's
    /// numbers are small, and the verifier's estimate counts them, not the lcm.
    @Test func aTelescopingInterpolationLayerCountsItsTableNotItsLcm() throws {
        let m = 3000
        let a = (0..<m).map { Rational(($0 + 1) * ($0 + 2)) }
        let w2 = try (0..<m).map { try Rational(BigInt(1), BigInt(($0 + 1) * ($0 + 2))) }
        let layer = FeedForward(w1: Matrix(rows: m, columns: 1, entries: a), b1: Array(repeating: -1, count: m),
                                w2: Matrix(rows: 1, columns: m, entries: w2), b2: [0])
        let model = Model(dimension: 1, layers: [.feedforward(layer)],
                          readout: Readout(pool: .mean, classes: ["a"], weight: mat([[1]]), bias: [0]))
        // 10^8 tokens: the mean pool may still meet every segment's intercept across a sequence (their
        // lcm, about 4400 bits, counts there), but only once per token.
        let lengths = [Int](repeating: 1_000_000, count: 100)
        let layerByLayer = WorkEstimate(model: model, sequenceLengths: lengths, dataBits: 1, shortcuts: .all)
        #expect(layerByLayer.largestInputBits > 4300)  // lcm(1, ..., 3001) has 4331 bits
        let verifier = try Verifier(model: model)
        let fast = WorkEstimate(cost: verifier.cost, sequenceLengths: lengths, dataBits: 1)
        // The table's own numbers: one token, no pool to mix segments.
        let one = WorkEstimate(cost: verifier.cost, sequenceLengths: [1], dataBits: 1)
        #expect(one.largestInputBits < 64, "\(one.largestInputBits)")
        #expect(throws: Never.self) { try fast.check(limit: VerifierOptions.standard.maxWork) }
        #expect(throws: InputError.self) { try layerByLayer.check(limit: VerifierOptions.standard.maxWork) }
        // The table is exact: the fast path equals the plain replay at kinks, between them and outside.
        let s = sequence("a", [[q(0)], [q(1, 6)], [q(1, 7)], [q(1, 9_000_000)], [q(5)], [q(-1)]])
        let plan = try #require(verifier.plan)
        #expect(try plan.finalTable(s, index: 0, maxBits: 1 << 20).tokensByPosition()
                == (try Semantics.finalTokens(model, s, index: 0, maxBits: 1 << 20).tokens))
    }
}
