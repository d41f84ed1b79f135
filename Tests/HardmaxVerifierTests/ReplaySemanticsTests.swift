import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Hand-computed cases for each rule of SPEC.md section 4. Every case is replayed by the plain path
/// and by the fast path under every shortcut configuration; all must give the hand-computed tokens.
@Suite struct ReplaySemanticsTests {
    /// Final tokens by the plain replay, after checking that every fast configuration agrees.
    func replay(_ layers: [Layer], _ tokens: [[Rational]], positions: Positions = .none,
                pool: Pool = .mean, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[Rational]] {
        var width = tokens[0].count + (positions == .index ? 1 : 0)
        for case .affine(let a) in layers { width = a.weight.rows }
        let model = Model(dimension: tokens[0].count, positions: positions, layers: layers,
                          readout: identityReadout(width: width, classes: ["a"], pool: pool))
        try model.checkWellFormed()
        let s = sequence("a", tokens)
        let plain = try Semantics.finalTokens(model, s, index: 0, maxBits: 1 << 20).tokens
        for (name, shortcuts) in shortcutConfigurations {
            let fast = try ReplayPlan(model, shortcuts: shortcuts).finalTable(s, index: 0, maxBits: 1 << 20)
            #expect(fast.tokensByPosition() == plain, "shortcuts \(name)", sourceLocation: sourceLocation)
        }
        return plain
    }

    func ints(_ rows: [[Int]]) -> [[Rational]] { rows.map { $0.map { Rational($0) } } }

    @Test func tiesAverageAllMaximisersCountingDuplicatePositions() throws {
        // s(i, j) = x_i x_j, V = 1, r = 0. x_i > 0: argmax x_j = 2 (two positions) -> 2.
        // x_i = 0: every score 0, all five tokens -> (1 + 2 + 2 + 0 - 1)/5 = 4/5. x_i < 0: argmin -> -1.
        let head = AttentionHead(score: .queryKey(query: mat([[1]]), key: mat([[1]])), value: mat([[1]]))
        let y = try replay([.attention(Attention(heads: [head], residual: 0))], ints([[1], [2], [2], [0], [-1]]))
        #expect(y == [[2], [2], [2], [q(4, 5)], [-1]])
    }

    @Test func scoreTiesAreExactEquality() throws {
        // Q = K = [1, 1]... k = 2: s(i,j) = (x_i0 + x_i1)(x_j0 + x_j1) with Q = [[1, 1]] but K rows
        // give 1/3 + 2/3 = 1 and 1 + 0 = 1: a tie only exact arithmetic sees.
        let head = AttentionHead(score: .queryKey(query: mat([[1, 1], [0, 0]]), key: mat([[1, 1], [0, 1]])),
                                 value: mat([[1, 0], [0, 0]]))
        let x: [[Rational]] = [[q(1, 3), q(2, 3)], [1, 0], [0, q(99, 100)]]
        // x_i sums are all positive, so C(i) = argmax of x_j0 + x_j1 = {0, 1} (both exactly 1).
        let y = try replay([.attention(Attention(heads: [head], residual: 0))], x)
        let m = (q(1, 3) + 1).divided(by: 2)
        #expect(y == [[m, 0], [m, 0], [m, 0]])
    }

    @Test func causalMaskRestrictsToThePrefix() throws {
        let x = ints([[3], [1], [3], [5]])
        // Uniform scores: prefix means 3, 2, 7/3, 3 added with r = 1.
        let uniform = AttentionHead(score: .uniform, value: mat([[1]]))
        #expect(try replay([.attention(Attention(heads: [uniform], causal: true))], x)
                == [[6], [3], [q(16, 3)], [8]])
        // s = x_i x_j with x_i > 0: prefix argmax 3, 3, {3, 3}, 5.
        let qk = AttentionHead(score: .queryKey(query: mat([[1]]), key: mat([[1]])), value: mat([[1]]))
        #expect(try replay([.attention(Attention(heads: [qk], causal: true))], x) == [[6], [4], [6], [10]])
        // Negative query factor: prefix argmin 3, 1, 1, 1.
        let neg = AttentionHead(score: .queryKey(query: mat([[-1]]), key: mat([[1]])), value: mat([[1]]))
        #expect(try replay([.attention(Attention(heads: [neg], causal: true))], x) == [[6], [2], [4], [6]])
    }

    @Test func residualScalars() throws {
        // Attention r = 1/2 with uniform V = 1: y = x/2 + mean (mean of 3 and 0 is 3/2).
        let head = AttentionHead(score: .uniform, value: mat([[1]]))
        #expect(try replay([.attention(Attention(heads: [head], residual: q(1, 2)))], ints([[3], [0]]))
                == [[3], [q(3, 2)]])
        // Feedforward r = -1: y = -x + 2 relu(x - 1) + 1/3: x = 3 -> 4/3, x = 0 -> 1/3.
        let f = FeedForward(w1: mat([[1]]), b1: [-1], w2: mat([[2]]), b2: [q(1, 3)], residual: -1)
        #expect(try replay([.feedforward(f)], ints([[3], [0]])) == [[q(4, 3)], [q(1, 3)]])
    }

    @Test func headsAreSummedAndBilinearIsNotTransposed() throws {
        // Head 1: uniform, V copies x_0 -> adds mean x_0 = 2/3 to coordinate 0.
        // Head 2: A = [[0, 1], [0, 0]], s(i, j) = x_i^T A x_j = x_i0 x_j1; V copies coordinate 1.
        //   i = 0, 2 (x_i0 = 1): argmax x_j1 = {1, 2} -> 1;  i = 1 (x_i0 = 0): all -> 2/3.
        let h1 = AttentionHead(score: .uniform, value: mat([[1, 0], [0, 0]]))
        let h2 = AttentionHead(score: .bilinear(mat([[0, 1], [0, 0]])), value: mat([[0, 0], [0, 1]]))
        let y = try replay([.attention(Attention(heads: [h1, h2]))], ints([[1, 0], [0, 1], [1, 1]]))
        #expect(y == [[q(5, 3), 1], [q(2, 3), q(5, 3)], [q(5, 3), 2]])
    }

    @Test func feedForwardRule() throws {
        // W1 = [[1, 1], [1, -1]], b1 = [0, -1]; W2 = [[1, 0], [0, 3]], b2 = [0, 1/2].
        // x = (2, 1): pre = (3, 0) -> h = (3, 0); y = x + (3, 0) + (0, 1/2) = (5, 3/2).
        // x = (1, -3): pre = (-2, 3) -> h = (0, 3); y = x + (0, 9) + (0, 1/2) = (1, 13/2).
        let f = FeedForward(w1: mat([[1, 1], [1, -1]]), b1: [0, -1], w2: mat([[1, 0], [0, 3]]), b2: [0, q(1, 2)])
        #expect(try replay([.feedforward(f)], ints([[2, 1], [1, -3]])) == [[5, q(3, 2)], [1, q(13, 2)]])
    }

    @Test func affineChangesTheWidth() throws {
        let a = Affine(weight: mat([[1, 1], [1, -1], [0, 2]]), bias: [0, 1, q(1, 2)])
        #expect(try replay([.affine(a)], ints([[1, 2]])) == [[3, 0, q(9, 2)]])
    }

    @Test func positionsIndexAppendsOneBasedPositions() throws {
        let a = Affine(weight: mat([[0, 1], [1, 0]]), bias: [0, 0])
        #expect(try replay([.affine(a)], ints([[5], [7], [5]]), positions: .index) == ints([[1, 5], [2, 7], [3, 5]]))
    }

    @Test func everyTokenSeesTheSameInput() throws {
        // Two feedforward layers in a row: the second reads what the first wrote.
        let f1 = FeedForward(w1: mat([[1, 0]]), b1: [0], w2: mat([[0], [1]]), b2: [0, 0])   // x1 += relu(x0)
        let f2 = FeedForward(w1: mat([[0, 1]]), b1: [0], w2: mat([[1], [0]]), b2: [0, 0])   // x0 += relu(x1)
        // (2, 1) -> (2, 3) -> (5, 3).
        #expect(try replay([.feedforward(f1), .feedforward(f2)], ints([[2, 1]])) == ints([[5, 3]]))
    }
}
