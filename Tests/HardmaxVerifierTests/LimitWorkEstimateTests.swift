import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// The work estimate, counted by hand from the shapes (SPEC-independent bookkeeping, so every number
/// below is derived in the comments), and its refusal before any replay.
@Suite("Limits: work estimate")
struct LimitWorkEstimateTests {
    /// Width 2: a feedforward (W1 3x2 with 3 non-zeros, W2 2x3 with 2), an attention head with k = 2
    /// (Q 2 non-zeros, K 2, V 1), an affine layer to width 3 (4 non-zeros), a readout 2x3 (3 non-zeros).
    static let model = Model(
        dimension: 2,
        layers: [
            .feedforward(FeedForward(w1: mat([[1, 0], [1, 1], [0, 0]]), b1: [0, 0, 0], w2: mat([[1, 0, 0], [0, 2, 0]]),
                                     b2: [0, 0])),
            .attention(Attention(heads: [AttentionHead(score: .queryKey(query: mat([[1, 0], [0, 1]]),
                                                                        key: mat([[1, 1], [0, 0]])),
                                                       value: mat([[1, 0], [0, 0]]))])),
            .affine(Affine(weight: mat([[1, 0], [0, 1], [1, 1]]), bias: [0, 0, 0])),
        ],
        readout: Readout(pool: .mean, classes: ["a", "b"], weight: mat([[1, 0, 0], [0, 1, 1]]), bias: [0, 0]))

    /// Lengths 1, 2, 3: T = 6 tokens, S2 = 1 + 4 + 9 = 14.
    static let data = dataset([sequence("a", [[1, 0]]), sequence("a", [[0, 1], [1, 1]]),
                               sequence("b", [[1, 2], [2, 1], [0, 0]])])

    @Test func shortcutsCountNonZeros() throws {
        let e = WorkEstimate(model: Self.model, dataset: Self.data, shortcuts: .all)
        // feedforward 6 x (3 + 2 + 2) = 42; attention 6 x (2 + 1 + 4) + 14 x 2 = 70 (k = 2: pairwise);
        // affine 6 x 4 = 24; readout 6 x (3 + 3) = 36.
        #expect(e.exactOperations == 42 + 70 + 24 + 36)
        #expect(e.operations == e.exactOperations)  // numbers of one word: no size factor
        #expect(e.heaviestLayer == 1 && e.heaviestOperations == 70)
    }

    @Test func plainReplayCountsDenseMatrices() throws {
        let e = WorkEstimate(model: Self.model, dataset: Self.data, shortcuts: [])
        // feedforward 6 x (6 + 6 + 2) = 84; attention 6 x (2 + 4 + 4 + 4) + 14 x 2 = 112; affine 6 x 6 = 36;
        // readout 6 x (6 + 3) = 54.
        #expect(e.exactOperations == 84 + 112 + 36 + 54)
    }

    @Test func rankOneScoresAreLinear() throws {
        let head = AttentionHead(score: .queryKey(query: mat([[1, 1]]), key: mat([[2, 0]])), value: mat([[0, 0], [1, 0]]))
        let bilinear = AttentionHead(score: .bilinear(mat([[1, 2], [2, 4]])), value: mat([[0, 0], [1, 0]]))
        let full = AttentionHead(score: .bilinear(mat([[1, 0], [0, 1]])), value: mat([[0, 0], [1, 0]]))
        let readout = Readout(pool: .mean, classes: ["a"], weight: mat([[1, 0]]), bias: [0])
        func estimate(_ h: AttentionHead, _ s: Shortcuts) -> Int {
            WorkEstimate(model: Model(dimension: 2, layers: [.attention(Attention(heads: [h]))], readout: readout),
                         dataset: Self.data, shortcuts: s).exactOperations
        }
        let readoutWork = 6 * (1 + 2)
        // k = 1: 6 x (2 + 1 + 3 + 1) with the shortcut; 6 x (2 + 1 + 3) + 14 x 1 without.
        #expect(estimate(head, .all) == 6 * 7 + readoutWork)
        #expect(estimate(head, [.duplicates]) == 6 * 6 + 14 + readoutWork)
        // A rank-1 bilinear form (rows (1, 2) and 2 (1, 2)) is linear too; the identity (rank 2) is not.
        #expect(estimate(bilinear, .all) == 6 * (2 + 1 + 4 + 1) + readoutWork)
        #expect(estimate(full, .all) == 6 * (2 + 1 + 2) + 14 * 2 + readoutWork)
    }

    /// The size factor of a step: the bias 2^-1000 of layer 0 makes the token (2, 1) of the data a
    /// number with denominator 2^1000 (1001 bits), and it flows into every later layer: every step works
    /// on numbers of at least 1001 bits = 16 words, 16^2/32 = 8 per operation. The bound stays close:
    /// the layers' other weights are small integers; the attention scores multiply two such numbers.
    @Test func bigNumbersCountMore() throws {
        var m = Self.model
        guard case .feedforward(var f) = m.layers[0] else { Issue.record("layer 0"); return }
        f.b2 = [0, try Rational(BigInt(1), BigInt(1) << 1000)]
        m.layers[0] = .feedforward(f)
        let e = WorkEstimate(model: m, dataset: Self.data, shortcuts: .all)
        #expect(e.largestInputBits >= 1001 && e.largestInputBits < 2 * 1050, "\(e.largestInputBits)")
        #expect(e.exactOperations == 172)
        #expect(e.operations >= 8 * 172)
        // 2^-100000: 100001 bits = 1563 words, 1563^2 / 32 = 76342 per operation, at least.
        f.b2 = [0, try Rational(BigInt(1), BigInt(1) << 100_000)]
        m.layers[0] = .feedforward(f)
        #expect(WorkEstimate(model: m, dataset: Self.data, shortcuts: .all).operations >= 76342 * 172)
    }

    /// A row accumulates its denominators: two hundred weights 1/(2^1000 + 2k + 1) in one row of W2 can
    /// make a 200000-bit sum, though each weight has only 1001 bits.
    @Test func denominatorsOfARowAddUp() throws {
        let m = 200
        let w2 = try (0..<m).map { k in try Rational(BigInt(1), (BigInt(1) << 1000) + BigInt(2 * k + 1)) }
        let model = Model(dimension: 1,
                          layers: [.feedforward(FeedForward(w1: Matrix(rows: m, columns: 1, entries: Array(repeating: 1, count: m)),
                                                            b1: Array(repeating: 0, count: m),
                                                            w2: Matrix(rows: 1, columns: m, entries: w2), b2: [0]))],
                          readout: Readout(pool: .mean, classes: ["a"], weight: mat([[1]]), bias: [0]))
        // A row of W2: 200 denominators of 1001 bits (too large for the exact lcm: their bits add up),
        // numerator 1 (1 bit), 200 terms (8 bits).
        guard case .feedforward(let f) = model.layers[0] else { Issue.record("layer 0"); return }
        #expect(LinearBound(f.w2).denominatorBits == 200 * 1001)
        // The data 1 (magnitude < 2^1): hidden units below 2^(1 + 2 + 1); the output's denominator 200200
        // bits, its magnitude below 2^3 (the residual 1 plus a sum of 200 terms below 2^-986): 200203
        // bits = 3129 words, 3129^2 / 32 = 305957 per operation, for the layer and the readout after it.
        // Without the rank-1 table (W1 is one column, so rank 1): 2m + 1 per token; with it: v (1) +
        // written (1) + 8 bits of m + width 1 = 11. The readout: 1 + 1.
        let e = WorkEstimate(model: model, sequenceLengths: [1], dataBits: 1, shortcuts: [.duplicates])
        #expect(e.operations == (m + m + 1 + 2) * 305_957)
        #expect(WorkEstimate(model: model, sequenceLengths: [1], dataBits: 1, shortcuts: .all).operations
                == (11 + 2) * 305_957)
        // Its table would hold a 200000-bit slope: not built (more than 2^16 bits), the layer is evaluated
        // unit by unit, exactly as the plain replay does.
        let plan = ReplayPlan(model, shortcuts: .all)
        if case .rankOneFeedForward = plan.steps[0].operation { Issue.record("a table of 200000-bit numbers was built") }
        // The verifier's estimate counts the layer evaluated unit by unit, on numbers of at least 2^16 bits.
        let verifier = try Verifier(model: model)
        #expect(WorkEstimate(cost: verifier.cost, sequenceLengths: [1], dataBits: 1).largestInputBits >= 200 * 1001)
        #expect(verifier.cost.steps[0].perToken == 1 + m + m)  // width, W1's units, W2's outputs
        let s = sequence("a", [[q(1)], [q(-1)], [q(0)]])
        #expect(try plan.finalTable(s, index: 0, maxBits: 1 << 20).tokensByPosition()
                == (try Semantics.finalTokens(model, s, index: 0, maxBits: 1 << 20).tokens))
        // Compiling works on the parameters themselves: 1001 bits, 16 words, 16^2 / 32 = 8 per operation.
        #expect(WorkEstimate(compiling: model).operations == (m + m + m + 1) * 8 + 2)  // W1, W2, b1, b2; readout W, b
    }

    /// The issue's example, a wide feedforward over 10^7 tokens, is refused up front, unless W1 has rank 1:
    /// then the shortcuts evaluate the layer as a table (a binary search over the kinks), which is cheap.
    /// Here m = 100000 units on width 2 (a 10^6-wide layer is the same count, only slower to build).
    @Test func wideFeedForwardOverManyTokensIsRefused() throws {
        let m = 100_000
        func model(rankOne: Bool) -> Model {
            // W1 rows (1, 1) and, unless rank one, (1, 2) in turn; W2 all ones (2 x m).
            let w1 = (0..<m).flatMap { u -> [Rational] in [1, rankOne || u % 2 == 0 ? 1 : 2] }
            return Model(dimension: 2,
                         layers: [.feedforward(FeedForward(w1: Matrix(rows: m, columns: 2, entries: w1),
                                                           b1: [Rational](repeating: 0, count: m),
                                                           w2: Matrix(rows: 2, columns: m,
                                                                      entries: [Rational](repeating: 1, count: 2 * m)),
                                                           b2: [0, 0]))],
                         readout: Readout(pool: .mean, classes: ["a"], weight: mat([[1, 0]]), bias: [0]))
        }
        let tokens = [Int](repeating: 1_000_000, count: 10)
        let full = model(rankOne: false)
        let e = WorkEstimate(model: full, sequenceLengths: tokens, dataBits: 1, shortcuts: .all)
        // 10^7 x (2m + 2m + 2) for the layer, 10^7 x (1 + 2) for the readout.
        #expect(e.exactOperations == 10_000_000 * (4 * m + 2) + 30_000_000)
        do {
            try e.check(limit: VerifierOptions.standard.maxWork)
            Issue.record("not refused")
        } catch let error as InputError {
            #expect(error.path == "layers[0]")
            #expect(error.message.contains("about 4.0e12 exact operations"), "\(error.message)")
            #expect(error.message.contains("--max-work"))
        }
        // Rank one: 10^7 x (2 non-zeros of v + 2 written + 17 bits of m + width 2), and the readout.
        let table = WorkEstimate(model: model(rankOne: true), sequenceLengths: tokens, dataBits: 1, shortcuts: .all)
        #expect(table.exactOperations == 10_000_000 * 23 + 30_000_000)
        #expect(throws: Never.self) { try table.check(limit: VerifierOptions.standard.maxWork) }
        // The plain replay has no table: refused.
        #expect(WorkEstimate(model: model(rankOne: true), sequenceLengths: tokens, dataBits: 1, shortcuts: [])
                    .operations > VerifierOptions.standard.maxWork)
    }

    @Test func verifyRefusesBeforeReplayingAndAcceptsAtTheLimit() throws {
        let ops = WorkEstimate(model: Self.model, dataset: Self.data, shortcuts: .all).operations
        var options = VerifierOptions.standard
        options.maxWork = ops - 1
        #expect(throws: InputError.self) { try Verifier(model: Self.model, options: options).verify(Self.data) }
        options.maxWork = ops
        #expect(try Verifier(model: Self.model, options: options).verify(Self.data).counts.sequences == 3)
    }

    /// Small denominators enter the lcm exactly: 1/2, 1/3, 1/4, 1/6, 1/12 have lcm 12 (4 bits), not a
    /// product of 1 + 2 + 3 + 3 + 4 = 13 bits; an lcm of 1 has no bits.
    @Test func smallDenominatorsCountByTheirLcm() throws {
        #expect(WorkEstimate.lcmBits([2, 3, 4, 6, 12].map { BigInt($0) }) == 4)
        #expect(WorkEstimate.lcmBits([BigInt(7), (BigInt(1) << 70) + BigInt(1)]) == 3 + 71)
        #expect(WorkEstimate.lcmBits([BigInt]()) == 0)
        // Distinct word-sized primes multiply: 2^61 - 1 and 2^31 - 1 give 61 + 31 bits.
        #expect(WorkEstimate.lcmBits([(BigInt(1) << 61) - BigInt(1), (BigInt(1) << 31) - BigInt(1)]) == 92)
        // Powers of two count by the largest (float weights): 2^-70, 3 x 2^-80 and 2^-5 give 80 + 2 bits.
        #expect(WorkEstimate.lcmBits([BigInt(1) << 70, BigInt(3) << 80, BigInt(32)]) == 80 + 2)
        #expect(WorkEstimate.lcmBits((1...1000).map { BigInt(1) << (70 + $0 % 7) }) == 76)
    }

    @Test func saturatesInsteadOfOverflowing() {
        #expect(WorkEstimate.multiply(Int.max / 2, 3) == Int.max)
        #expect(WorkEstimate.add(Int.max, 1) == Int.max)
        #expect(WorkEstimate.scientific(Int.max) == "more than 9.2e18")
        #expect(WorkEstimate.scientific(123_456_789) == "1.2e8")
        #expect(WorkEstimate.scientific(999_999) == "999999")
    }
}

extension WorkEstimate {
    /// The estimate of a layer-by-layer replay from the sequence lengths and the largest bit length of
    /// the data alone.
    init(model: Model, sequenceLengths: [Int], dataBits: Int, shortcuts: Shortcuts) {
        self.init(cost: ReplayCost(model: model, shortcuts: shortcuts), sequenceLengths: sequenceLengths,
                  dataBits: dataBits)
    }

    /// The bits of the lcm of `denominators` as ``DenominatorBound`` bounds it.
    static func lcmBits<S: Sequence>(_ denominators: S) -> Int where S.Element == BigInt {
        var bound = DenominatorBound()
        for d in denominators { bound.add(denominator: d) }
        return bound.bits
    }
}
