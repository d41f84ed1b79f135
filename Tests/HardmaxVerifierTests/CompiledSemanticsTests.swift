import Exact
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Hand-computed cases for the model fields of SPEC.md section 10: embeddings, position tables, biased
/// and factored heads, scales. Every case is also replayed by the fast path under every shortcut
/// configuration (``compiledRows(_:_:sourceLocation:)``), which must give the kernel's rows.
@Suite struct CompiledSemanticsTests {
    /// BOS -> (1, 0), a -> (0, 2), b -> (1/2, -1); position rows (0, 0), (10, 0), (20, 0), (30, 1).
    static let embedding = Embedding(vocabulary: ["BOS", "a", "b"], table: mat([[1, 0], [0, 2], [q(1, 2), -1]]))
    static let positions = mat([[0, 0], [10, 0], [20, 0], [30, 1]])

    func model(_ layers: [Layer] = [], embedding: Embedding? = embedding, positionTable: Matrix? = positions,
               dimension: Int = 2) -> Model {
        Model(dimension: dimension, embedding: embedding, positionTable: positionTable, layers: layers,
              readout: identityReadout(width: dimension, classes: ["a"], pool: .every))
    }

    @Test func embeddingRowsThenPositionRowsFromZero() throws {
        let s = symbols(.whole("a"), ["a", "BOS", "b", "a"])
        // a + row 0, BOS + row 1, b + row 2, a + row 3.
        let expected: [[Rational]] = [[0, 2], [11, 0], [q(41, 2), -1], [30, 3]]
        #expect(try Semantics.initialTokens(model(), s, index: 0) == expected)
        #expect(try finalTokens(model(), s).tokens == expected)
        // Without a position table the rows are the embedding's alone.
        #expect(try Semantics.initialTokens(model(positionTable: nil), s, index: 0)
                == [[0, 2], [1, 0], [q(1, 2), -1], [0, 2]])
        #expect(try compiledRows(model(), [s]).map(\.passed) == [true])
    }

    @Test func unreadableSequencesAreInputErrors() throws {
        let cases: [(Model, LabelledSequence, InputError)] = [
            (model(), symbols(.whole("a"), ["a", "a", "b", "a", "BOS"], id: "q"),
             InputError(path: "positions.table",
                        message: "sequence 0 (id q) has 5 tokens, more than the 4 rows of the position table")),
            (model(), symbols(.whole("a"), ["a", "z"]),
             InputError(path: "embedding.vocabulary", message: "sequence 0: symbol \"z\" is not in the model's vocabulary")),
            // Vocabulary entries compare by their exact text: "A" is not "a".
            (model(), symbols(.whole("a"), ["A"]),
             InputError(path: "embedding.vocabulary", message: "sequence 0: symbol \"A\" is not in the model's vocabulary")),
            (model(embedding: nil, positionTable: nil), symbols(.whole("a"), ["a"]),
             InputError(path: "embedding", message: "sequence 0 has symbol tokens, but the model has no embedding")),
            (model(), sequence("a", [[1, 2]]),
             InputError(path: "embedding", message: "sequence 0 has vector tokens, but the model reads symbols")),
        ]
        for (m, s, expected) in cases {
            #expect(throws: expected) { try Kernel.result(m, s, index: 0, maxBits: 1 << 20) }
            for options in [VerifierOptions.standard, .plainOnly] {
                let error = inputError { try Verifier(model: m, options: options).result(for: s, index: 0) }
                #expect(error?.path == expected.path && error?.message == expected.message,
                        "shortcuts \(options.usesShortcuts): \(String(describing: error))")
            }
        }
        // As long as the table is fine.
        let four = symbols(.whole("a"), ["a", "a", "b", "a"])
        #expect(try Kernel.result(model(), four, index: 0, maxBits: 1 << 20).passed)
    }

    /// s(i, j) = (x_i + bq)(x_j + bk), V = 1, r = 0 on tokens 1, 2, 3.
    func biased(queryBias: [Rational]?, keyBias: [Rational]?) throws -> (tokens: [[Rational]], gaps: [Rational?]) {
        let head = AttentionHead(score: .queryKey(query: mat([[1]]), key: mat([[1]])), queryBias: queryBias,
                                 keyBias: keyBias, value: mat([[1]]))
        let m = Model(dimension: 1, layers: [.attention(Attention(heads: [head], residual: 0))],
                      readout: identityReadout(width: 1, classes: ["a"], pool: .every))
        let s = sequence("a", [[1], [2], [3]])
        _ = try compiledRows(m, [s])
        return try finalTokens(m, s)
    }

    @Test func queryBiasChangesTheMaximisersKeyBiasCannot() throws {
        // No bias: x_i > 0, so C(i) is the argmax of x_j (3); the gap at i is 3 x_i - 2 x_i = x_i, least 1.
        let plain = try biased(queryBias: nil, keyBias: nil)
        #expect(plain.tokens == [[3], [3], [3]] && plain.gaps == [1])
        // bq = -5: the query q = x_i - 5 is -4, -3, -2 < 0, so C(i) is the argmin (1): the scores q, 2q, 3q
        // have best q and next 2q, gap -q = 4, 3, 2: least 2.
        let query = try biased(queryBias: [-5], keyBias: nil)
        #expect(query.tokens == [[1], [1], [1]] && query.gaps == [2])
        // bk = -5 adds q_i bk to every score of row i: the same maximisers and the same gaps as no bias.
        let key = try biased(queryBias: nil, keyBias: [-5])
        #expect(key.tokens == plain.tokens && key.gaps == plain.gaps)
        // Both: (x_i - 5)(x_j + 100) is again argmin, gap |x_i - 5| (2 - 1).
        let both = try biased(queryBias: [-5], keyBias: [100])
        #expect(both.tokens == [[1], [1], [1]] && both.gaps == [2])
    }

    /// Wv = [1, 1] (k_v = 1), bv = 1, Wo = (2, 0), bo = (0, 3), r = 1.
    static func factored(_ score: AttentionScore, scale: ScoreScale = .rational(1)) -> AttentionHead {
        AttentionHead(score: score, value: mat([[1, 1]]), valueBias: [1], output: mat([[2], [0]]), outputBias: [0, 3],
                      scale: scale)
    }

    @Test func valueBiasOutputAndOutputBias() throws {
        // Uniform: v_j = x_j0 + x_j1 + 1 = 2, 3, 5, mean 10/3; Wo 10/3 + bo = (20/3, 3) added to every token.
        let uniform = model([.attention(Attention(heads: [Self.factored(.uniform)]))], embedding: nil, positionTable: nil)
        let x = sequence("a", [[1, 0], [0, 2], [3, 1]])
        #expect(try finalTokens(uniform, x).tokens == [[q(23, 3), 3], [q(20, 3), 5], [q(29, 3), 4]])
        // Without output, Wv is w x w: v_j = x_j + (1, -1) = (2, -1), (1, 1), (4, 0), mean (7/3, 0).
        let unfactored = AttentionHead(score: .uniform, value: mat([[1, 0], [0, 1]]), valueBias: [1, -1])
        let plain = model([.attention(Attention(heads: [unfactored]))], embedding: nil, positionTable: nil)
        #expect(try finalTokens(plain, x).tokens == [[q(10, 3), 0], [q(7, 3), 2], [q(16, 3), 1]])
        // With r = 1/2: y = x/2 + (20/3, 3).
        let half = model([.attention(Attention(heads: [Self.factored(.uniform)], residual: q(1, 2)))],
                         embedding: nil, positionTable: nil)
        #expect(try finalTokens(half, x).tokens == [[q(43, 6), 3], [q(20, 3), 4], [q(49, 6), q(7, 2)]])
        _ = try compiledRows(uniform, [x])
        _ = try compiledRows(plain, [x])
        _ = try compiledRows(half, [x])
    }

    /// s(i, j) = x_i0 x_j1 on (1, 0), (0, 2), (3, 2): C(0) = C(2) = {1, 2} (a tie), C(1) = all.
    static let tieTokens = sequence("a", [[1, 0], [0, 2], [3, 2]])
    static let tieScore = AttentionScore.queryKey(query: mat([[1, 0]]), key: mat([[0, 1]]))

    @Test func outputBiasIsAddedOncePerHeadAlsoOnATie() throws {
        // v_j = 2, 3, 6. i = 0 and 2: mean over {1, 2} = 9/2 -> Wo: (9, 0), + bo: (9, 3) (bo once, not once per
        // maximiser); i = 1: mean 11/3 -> (22/3, 3).
        let m = model([.attention(Attention(heads: [Self.factored(Self.tieScore)]))], embedding: nil, positionTable: nil)
        let y = try finalTokens(m, Self.tieTokens)
        #expect(y.tokens == [[10, 3], [q(22, 3), 5], [12, 5]])
        // Scores of row 0: 0, 2, 2 (gap 2); row 2: 0, 6, 6 (gap 6); row 1: all 0 (no gap). Least 2.
        #expect(y.gaps == [2])
        // A second head of zero value and outputBias (1, 1) adds (1, 1) once to every token.
        let extra = AttentionHead(score: .uniform, value: Matrix(zeros: 2, 2), outputBias: [1, 1])
        let two = model([.attention(Attention(heads: [Self.factored(Self.tieScore), extra]))], embedding: nil,
                        positionTable: nil)
        let y2 = try finalTokens(two, Self.tieTokens)
        #expect(y2.tokens == [[11, 4], [q(25, 3), 6], [13, 6]])
        #expect(y2.gaps == [2, nil])
        _ = try compiledRows(m, [Self.tieTokens])
        _ = try compiledRows(two, [Self.tieTokens])
    }

    @Test func scaleDoesNotChangeTheHardmaxResultOrTheGap() throws {
        for scale in [ScoreScale.rational(q(1, 100)), .squareRoot(q(1, 8)), .rational(7), .squareRoot(2)] {
            let m = model([.attention(Attention(heads: [Self.factored(Self.tieScore, scale: scale)]))], embedding: nil,
                          positionTable: nil)
            let y = try finalTokens(m, Self.tieTokens)
            #expect(y.tokens == [[10, 3], [q(22, 3), 5], [12, 5]], "scale \(scale)")
            #expect(y.gaps == [2], "scale \(scale): the gap is of the unscaled scores")
            _ = try compiledRows(m, [Self.tieTokens])
        }
        // A bilinear head takes the scale too.
        let bilinear = AttentionHead(score: .bilinear(mat([[0, 1], [0, 0]])), value: mat([[1, 1]]), valueBias: [1],
                                     output: mat([[2], [0]]), outputBias: [0, 3], scale: .squareRoot(q(1, 3)))
        // x_i^T A x_j = x_i0 x_j1: the same scores as the query/key head above.
        let m = model([.attention(Attention(heads: [bilinear]))], embedding: nil, positionTable: nil)
        let y = try finalTokens(m, Self.tieTokens)
        #expect(y.tokens == [[10, 3], [q(22, 3), 5], [12, 5]] && y.gaps == [2])
        _ = try compiledRows(m, [Self.tieTokens])
    }

    @Test func embeddingPositionsAndFactoredHeadsTogether() throws {
        // Symbols a, b, a with positions: (0, 2), (1/2 + 10, -1), (20, 2) = (0, 2), (21/2, -1), (20, 2).
        // Head: s = x_i0 x_j1; v_j = x_j0 + x_j1 + 1 = 3, 21/2, 23.
        // i = 0 (x_i0 = 0): all, mean (3 + 21/2 + 23)/3 = 73/6 -> (73/3, 3).
        // i = 1, 2 (x_i0 > 0): argmax x_j1 = 2 at j = 0 and 2: mean 13 -> (26, 3).
        let m = model([.attention(Attention(heads: [Self.factored(Self.tieScore)]))])
        let s = symbols(.whole("a"), ["a", "b", "a"])
        let y = try finalTokens(m, s)
        #expect(y.tokens == [[q(73, 3), 5], [q(73, 2), 2], [46, 5]])
        // Row 1: scores 21/2 (2, -1, 2): best 21, next -21/2, gap 63/2; row 2: 20 (2, -1, 2): gap 60.
        #expect(y.gaps == [q(63, 2)])
        _ = try compiledRows(m, [s])
    }
}
