import Exact
import HardmaxFormat
import Testing
@testable import HardmaxVerifier

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

    @Test func bigNumbersCountMore() throws {
        var m = Self.model
        guard case .feedforward(var f) = m.layers[0] else { Issue.record("layer 0"); return }
        f.b2 = [0, try Rational(BigInt(1), BigInt(1) << 1000)]  // 1001 bits: 16 words, 16^2/64 = 4
        m.layers[0] = .feedforward(f)
        let e = WorkEstimate(model: m, dataset: Self.data, shortcuts: .all)
        #expect(e.largestInputBits == 1001)
        #expect(e.operations == 4 * e.exactOperations)
        // 2^-100000 has 100001 bits: 1563 words, 1563^2 / 64 = 38171 per operation.
        f.b2 = [0, try Rational(BigInt(1), BigInt(1) << 100_000)]
        m.layers[0] = .feedforward(f)
        #expect(WorkEstimate(model: m, dataset: Self.data, shortcuts: .all).operations == 38171 * e.exactOperations)
    }

    /// The issue's example: a 10^6-wide feedforward over 10^7 tokens is refused up front.
    @Test func wideFeedForwardOverManyTokensIsRefused() throws {
        let width = 1_000_000
        let ones = [Rational](repeating: 1, count: width)
        let model = Model(dimension: 1,
                          layers: [.feedforward(FeedForward(w1: Matrix(rows: width, columns: 1, entries: ones),
                                                            b1: [Rational](repeating: 0, count: width),
                                                            w2: Matrix(rows: 1, columns: width, entries: ones),
                                                            b2: [0]))],
                          readout: Readout(pool: .mean, classes: ["a"], weight: mat([[1]]), bias: [0]))
        let e = WorkEstimate(model: model, sequenceLengths: [Int](repeating: 1_000_000, count: 10), dataBits: 1,
                             shortcuts: .all)
        // 10^7 x (10^6 + 10^6 + 1) + 10^7 x (1 + 1).
        #expect(e.exactOperations == 10_000_000 * 2_000_001 + 20_000_000)
        do {
            try e.check(limit: VerifierOptions.standard.maxWork)
            Issue.record("not refused")
        } catch let error as InputError {
            #expect(error.path == "layers[0]")
            #expect(error.message.contains("about 2.0e13 exact operations"))
            #expect(error.message.contains("--max-work"))
        }
    }

    @Test func verifyRefusesBeforeReplayingAndAcceptsAtTheLimit() throws {
        let ops = WorkEstimate(model: Self.model, dataset: Self.data, shortcuts: .all).operations
        var options = VerifierOptions.standard
        options.maxWork = ops - 1
        #expect(throws: InputError.self) { try Verifier(model: Self.model, options: options).verify(Self.data) }
        options.maxWork = ops
        #expect(try Verifier(model: Self.model, options: options).verify(Self.data).counts.sequences == 3)
    }

    @Test func saturatesInsteadOfOverflowing() {
        #expect(WorkEstimate.multiply(Int.max / 2, 3) == Int.max)
        #expect(WorkEstimate.add(Int.max, 1) == Int.max)
        #expect(WorkEstimate.scientific(Int.max) == "more than 9.2e18")
        #expect(WorkEstimate.scientific(123_456_789) == "1.2e8")
        #expect(WorkEstimate.scientific(999_999) == "999999")
    }
}
