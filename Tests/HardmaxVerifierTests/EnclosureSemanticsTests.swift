import Exact
import HardmaxModel
import Testing
@testable import HardmaxKernel

/// Hand-computed cases for each rule of SPEC.md section 11. Irrational values are checked against
/// brackets proved by series with a bounded remainder (``HandBrackets``): the enclosure must hold the
/// whole bracket (so it holds the real value) and be narrow; rational values must come out as exact
/// points.
@Suite struct EnclosureSemanticsTests {
    /// Every position's final value by the enclosure replay at `precision` bits.
    func replay(_ model: Model, _ tokens: [[Rational]], precision: Int = 64) throws -> [[Enclosure]] {
        try model.checkWellFormed()
        let rows = try EnclosureReplay(model: model, precision: precision, sparse: PreparedModel(model))
            .finalRows(sequence("a", tokens), index: 0, maxBits: 1 << 20)
        return rows.rowOfPosition.map { rows.values[$0] }
    }

    func model(_ layers: [Layer], width: Int, semantics: AttentionSemantics = .hardmax) -> Model {
        var m = Model(dimension: width, layers: layers, readout: identityReadout(width: width, classes: ["a"]))
        m.semantics = semantics
        return m
    }

    func ints(_ rows: [[Int]]) -> [[Rational]] { rows.map { $0.map { Rational($0) } } }

    /// Width of an enclosure that is useful at 64 bits: well below 2^-50.
    let narrow = HandBrackets.twoToMinus(50)

    /// s(i, j) = scale x_i x_j on scalar tokens, V = 1, r = 0: y_i = sum_j a(i, j) x_j.
    func productHead(scale: ScoreScale = .rational(1)) -> Layer {
        .attention(Attention(heads: [AttentionHead(score: .bilinear(mat([[1]])), value: mat([[1]]), scale: scale)],
                             residual: 0))
    }

    @Test func softmaxOfTwoScoresIsTheLogisticOfTheirDifference() throws {
        // Tokens 0 and 1. Position 1: scores (0, 0), weights exactly 1/2 each: y = 1/2.
        // Position 2: scores (0, 1), weights 1/(1+e) and e/(1+e): y = e/(1+e) = 1 - 1/(1+e).
        let y = try replay(model([productHead()], width: 1, semantics: .softmax), ints([[0], [1]]))
        #expect(y[0] == [Enclosure(q(1, 2))])
        let e = try HandBrackets.exp(1)
        let expected = Bracket(exactly: 1) - (try (e + Rational.one).reciprocal())
        #expect(!y[1][0].isExact && y[1][0].holds(expected), "\(y[1][0]) against \(expected)")
        #expect(y[1][0].width < narrow)
    }

    @Test func threeScoresWeighByTheirExponentials() throws {
        // Tokens 0, 1, 2: position 3 scores (0, 2, 4): y = (e^2 + 2 e^4)/(1 + e^2 + e^4); position 2
        // scores (0, 1, 2): y = (e + 2 e^2)/(1 + e + e^2); position 1 scores all 0: the mean 1, exactly.
        let y = try replay(model([productHead()], width: 1, semantics: .softmax), ints([[0], [1], [2]]))
        let e1 = try HandBrackets.exp(1), e2 = try HandBrackets.exp(2), e4 = try HandBrackets.exp(4)
        let third = try (e2 + e4 * Rational(2)).divided(by: e2 + e4 + Rational.one)
        let second = try (e1 + e2 * Rational(2)).divided(by: e1 + e2 + Rational.one)
        #expect(y[0] == [Enclosure(1)])
        #expect(y[1][0].holds(second) && y[1][0].width < narrow, "\(y[1][0]) against \(second)")
        #expect(y[2][0].holds(third) && y[2][0].width < narrow, "\(y[2][0]) against \(third)")
    }

    @Test func scaleMultipliesTheScoresUnderSoftmaxOnly() throws {
        // Tokens 0 and 1, scale beta: position 2 has y = e^beta / (1 + e^beta) = 1 - 1/(1 + e^beta).
        func logistic(_ eb: Bracket) throws -> Bracket { Bracket(exactly: 1) - (try (eb + Rational.one).reciprocal()) }
        let cases: [(ScoreScale, Bracket)] = [
            (.squareRoot(4), try logistic(try HandBrackets.exp(2))),                 // sqrt 4 = 2, exactly
            (.rational(q(1, 2)), try logistic(try HandBrackets.exp(q(1, 2)))),
            (.squareRoot(q(9, 4)), try logistic(try HandBrackets.exp(q(3, 2)))),
        ]
        for (scale, expected) in cases {
            let y = try replay(model([productHead(scale: scale)], width: 1, semantics: .softmax), ints([[0], [1]]))
            #expect(y[0] == [Enclosure(q(1, 2))], "\(scale)")
            #expect(y[1][0].holds(expected) && y[1][0].width < narrow, "\(scale): \(y[1][0]) against \(expected)")
        }
        // beta = sqrt 2: e^beta bracketed through a bisection bracket of sqrt 2, wider than the
        // enclosure (2^-160 against 2^-60), so the enclosure holds it and lies within 2^-100 of it.
        let root2 = HandBrackets.squareRoot(Rational(2))
        let irrational = try logistic(try HandBrackets.exp(root2))
        let y = try replay(model([productHead(scale: .squareRoot(2))], width: 1, semantics: .softmax), ints([[0], [1]]))
        #expect(y[1][0].holds(irrational) && y[1][0].width < narrow, "\(y[1][0]) against \(irrational)")
        // Under hardmax the scale cannot change C(i): position 2 selects token 1 alone, exactly.
        for scale in [ScoreScale.squareRoot(2), .rational(q(1, 1000))] {
            #expect(try replay(model([productHead(scale: scale)], width: 1), ints([[0], [1]])) == [[q(1, 2)], [1]].map { $0.map(Enclosure.init) })
        }
    }

    @Test func equalScoresGiveExactlyOneOverN() throws {
        // s(i, j) = x_i0 x_j0 = 1 for every pair: every weight is 1/|J(i)|, exactly; V copies coordinate 1.
        let head = AttentionHead(score: .bilinear(mat([[1, 0], [0, 0]])), value: mat([[0, 0], [0, 1]]))
        let x = ints([[1, 1], [1, 2], [1, 6]])
        let all = try replay(model([.attention(Attention(heads: [head], residual: 0))], width: 2, semantics: .softmax), x)
        #expect(all == Array(repeating: [Enclosure(0), Enclosure(3)], count: 3))
        let prefix = try replay(model([.attention(Attention(heads: [head], residual: 0, causal: true))], width: 2,
                                      semantics: .softmax), x)
        #expect(prefix == [[0, 1], [0, q(3, 2)], [0, 3]].map { $0.map(Enclosure.init) })
    }

    @Test func layerNormWithAPerfectSquareStaysExact() throws {
        // x = (1, 3): mu = 2, d = (-1, 1), var = 1, var + 3 = 4: y = (2 (-1)/2 + 1/3, (1/2) 1/2) = (-2/3, 1/4).
        let n = LayerNorm(gamma: [2, q(1, 2)], beta: [q(1, 3), 0], epsilon: 3)
        #expect(try replay(model([.layerNorm(n)], width: 2), ints([[1, 3]])) == [[Enclosure(q(-2, 3)), Enclosure(q(1, 4))]])
        // x = (2, 2, 5): mu = 3, d = (-1, -1, 2), var = 2, var + 2 = 4: y = d / 2.
        let m = LayerNorm(gamma: [1, 1, 1], beta: [0, 0, 0], epsilon: 2)
        #expect(try replay(model([.layerNorm(m)], width: 3), ints([[2, 2, 5]])) == [[q(-1, 2), q(-1, 2), 1].map(Enclosure.init)])
    }

    @Test func layerNormWithAnIrrationalRootHoldsTheValue() throws {
        // x = (1, 3), epsilon 1: var + epsilon = 2, y = gamma (-1, 1)/sqrt 2 + beta, 1/sqrt 2 = sqrt(1/2).
        let r = HandBrackets.squareRoot(q(1, 2))
        #expect(r.lo * r.lo <= q(1, 2) && q(1, 2) <= r.hi * r.hi)
        let n = LayerNorm(gamma: [1, 3], beta: [0, q(1, 2)], epsilon: 1)
        let y = try replay(model([.layerNorm(n)], width: 2), ints([[1, 3]]))[0]
        #expect(!y[0].isExact && y[0].holds(-r) && y[0].width < narrow, "\(y[0])")
        #expect(!y[1].isExact && y[1].holds(r * Rational(3) + q(1, 2)) && y[1].width < narrow, "\(y[1])")
    }

    /// y = act(x) on scalar tokens: W1 = W2 = 1, biases 0, r = 0.
    func activation(_ a: Activation) -> Layer {
        .feedforward(FeedForward(w1: mat([[1]]), b1: [0], w2: mat([[1]]), b2: [0], residual: 0, activation: a))
    }

    @Test func geluIsTTimesPhiOfT() throws {
        // gelu(0) = 0 exactly; gelu(1) = Phi(1); gelu(-1) = -Phi(-1) = Phi(1) - 1.
        let phi = try HandBrackets.normalCDF(1)
        let y = try replay(model([activation(.gelu)], width: 1), ints([[0], [1], [-1]]))
        #expect(y[0] == [Enclosure(0)])
        #expect(y[1][0].holds(phi) && y[1][0].width < narrow, "\(y[1][0]) against \(phi)")
        #expect(y[2][0].holds(phi + Rational(-1)) && y[2][0].width < narrow, "\(y[2][0])")
        // Phi(1) = 0.8413447460685429...: the bracket itself is right.
        #expect(phi.lo > q(8_413_447_460, 10_000_000_000) && phi.hi < q(8_413_447_461, 10_000_000_000))
    }

    @Test func geluTanhIsTheTanhApproximation() throws {
        // gelu_tanh(0) = 0 exactly; gelu_tanh(1) = (1 + tanh(sqrt(2/pi) (1 + 0.044715)))/2.
        let y = try replay(model([activation(.geluTanh)], width: 1), ints([[0], [1]]))
        #expect(y[0] == [Enclosure(0)])
        let c = HandBrackets.squareRoot(try (try HandBrackets.pi()).reciprocal() * Rational(2))
        let u = c * (Rational(1) + q(44715, 1_000_000))
        let expected = (try HandBrackets.tanh(u) + Rational(1)) * q(1, 2)
        #expect(y[1][0].holds(expected) && y[1][0].width < narrow, "\(y[1][0]) against \(expected)")
        // The approximation is not gelu: it differs from Phi(1) by about 1.6e-4.
        #expect(!y[1][0].meets(Enclosure(try HandBrackets.normalCDF(1).lo)))
    }

    @Test(arguments: [AttentionSemantics.hardmax, .softmax])
    func preNormResidualReadsTheRawInput(semantics: AttentionSemantics) throws {
        // epsilon 105/16 makes both roots rational: x1 = (1, 3): var 1, sqrt(121/16) = 11/4,
        // LN = (-4/11, 4/11); x2 = (5, 1): var 4, sqrt(169/16) = 13/4, LN = (8/13, -8/13).
        let n = LayerNorm(gamma: [1, 1], beta: [0, 0], epsilon: q(105, 16))
        let x = ints([[1, 3], [5, 1]])
        // Uniform head, V = I, r = 1: y = x + mean LN = x + (18/143, -18/143).
        let uniform = AttentionHead(score: .uniform, value: mat([[1, 0], [0, 1]]))
        let a = try replay(model([.attention(Attention(heads: [uniform], norm: n))], width: 2, semantics: semantics), x)
        #expect(a == [[q(161, 143), q(411, 143)], [q(733, 143), q(125, 143)]].map { $0.map(Enclosure.init) })
        // Feedforward W1 = W2 = I, r = 1: y = x + relu(LN x) = (1, 3 + 4/11) and (5 + 8/13, 1).
        let f = FeedForward(w1: mat([[1, 0], [0, 1]]), b1: [0, 0], w2: mat([[1, 0], [0, 1]]), b2: [0, 0], norm: n)
        let b = try replay(model([.feedforward(f)], width: 2, semantics: semantics), x)
        #expect(b == [[1, q(37, 11)], [q(73, 13), 1]].map { $0.map(Enclosure.init) })
    }
}
