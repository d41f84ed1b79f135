import Exact
import HardmaxModel
import Testing
@testable import HardmaxKernel

/// Hardmax attention under enclosures (SPEC.md section 11): a model with a layer norm is replayed
/// with enclosures, and C_h(i) is decided only where it is certain. Copies of one token are one value
/// (their scores tie exactly); two different tokens with the same irrational value do not tie provably,
/// so the selection is undecided, and so is every position that reads it later.
///
/// After the layer norm (gamma 1, beta 0, epsilon 1/4) the tokens used here are
///   a = (0, 1), c = (5, 6) -> (-1/sqrt 2, 1/sqrt 2)   (the same value by two different inputs)
///   b = (1, 0)             -> (1/sqrt 2, -1/sqrt 2)
///   d = (2, 0)             -> (2/sqrt 5, -2/sqrt 5)   (d - mu = (1, -1), var + epsilon = 5/4)
@Suite struct HardmaxEnclosureTests {
    let a: [Rational] = [0, 1], b: [Rational] = [1, 0], c: [Rational] = [5, 6], d: [Rational] = [2, 0]
    let norm = Layer.layerNorm(LayerNorm(gamma: [1, 1], beta: [0, 0], epsilon: q(1, 4)))

    /// Classes up (score y_1) and down (score -y_1).
    func model(_ layers: [Layer], pool: Pool) -> Model {
        Model(dimension: 2, layers: [norm] + layers,
              readout: Readout(pool: pool, classes: ["up", "down"], weight: mat([[0, 1], [0, -1]]), bias: [0, 0]))
    }

    func decide(_ m: Model, _ tokens: [[Rational]], _ labels: [Label?], maxPrecision: Int = 256) throws -> SequenceResult {
        try decide(m, tokens, labels: .perToken(labels), maxPrecision: maxPrecision)
    }

    func decide(_ m: Model, _ tokens: [[Rational]], labels: SequenceLabels, maxPrecision: Int = 256) throws -> SequenceResult {
        try m.checkWellFormed()
        #expect(m.needsEnclosures && m.replaySemantics == .hardmaxEnclosure)
        let s = LabelledSequence(labels: labels, dimension: 2, values: tokens.flatMap { $0 })
        return try Kernel.result(m, s, index: 0, maxBits: 1 << 20, maxPrecision: maxPrecision)
    }

    @Test func copiesOfOneTokenTieAndAreDecided() throws {
        // Scores (Q z_i + 1) . (K z_j) = z_j1: the two copies of a share the top score 1/sqrt 2, b has
        // -1/sqrt 2. C(i) = the copies of a for every i; V = I, r = 0: every y_i = LN(a), read "up" with
        // margin 2/sqrt 2 = sqrt 2.
        let head = AttentionHead(score: .queryKey(query: mat([[0, 0]]), key: mat([[0, 1]])), queryBias: [1],
                                 value: mat([[1, 0], [0, 1]]))
        let m = model([.attention(Attention(heads: [head], residual: 0))], pool: .mean)
        let r = try decide(m, [a, a, b], labels: .whole("up"))
        #expect(r.enclosed?.status == .pass && r.enclosed?.precision == 64, "\(r)")
        let root2 = HandBrackets.squareRoot(Rational(2))
        #expect(r.enclosed?.margin?.holds(root2) == true, "\(String(describing: r.enclosed?.margin))")
        // Without the copies rule the two copies' scores would be two equal intervals, never provably tied.
        let distinct = try decide(m, [a, c, b], labels: .whole("up"))
        #expect(distinct.enclosed?.status == .undecided && distinct.enclosed?.precision == 256, "\(distinct)")
        // Under a causal mask the layer norm before the attention is still per token, so the copies
        // are still one value when the causal layer scores them (SPEC.md section 11: "while the section 8
        // argument holds"): position 2 reads two copies whose scores tie exactly.
        let causal = model([.attention(Attention(heads: [head], residual: 0, causal: true))], pool: .every)
        #expect(try decide(causal, [a, a, b], ["up", nil, nil]).enclosed?.status == .pass)
        let second = try decide(causal, [a, a, b], ["up", "up", nil])
        #expect(second.enclosed?.status == .pass)
    }

    /// A causal head with s(i, j) = z_i1 z_j1, V = I, r = 0: a position with z_i1 > 0 selects the
    /// largest z_j1 of its prefix, one with z_i1 < 0 the smallest.
    let product = Layer.attention(Attention(heads: [AttentionHead(score: .bilinear(mat([[0, 0], [0, 1]])),
                                                                  value: mat([[1, 0], [0, 1]]))],
                                            residual: 0, causal: true))
    /// A causal layer that changes no value (V = 0, r = 1) but reads every position of the prefix.
    let reader = Layer.attention(Attention(heads: [AttentionHead(score: .uniform, value: mat([[0, 0], [0, 0]]))],
                                           causal: true))

    @Test func undecidedSelectionSpreadsToLaterReaders() throws {
        // Sequence b, a, c, d under `product`:
        //   1 (b): J = {b}: decided, y = LN b (down);
        //   2 (a): z_i1 > 0, scores -1/2 and 1/2: decided, y = LN a (up);
        //   3 (c): a and c both score 1/2 by different inputs: undecided at every precision;
        //   4 (d): z_i1 = -2/sqrt 5, scores 2/sqrt 10 (b), -2/sqrt 10 (a, c), 4/5 (d): decided, y = LN d
        //          (down), since 4/5 > 2/sqrt 10 = 0.632...
        let x = [b, a, c, d]
        let one = model([product], pool: .every)
        let decided = try decide(one, x, ["down", "up", nil, "down"])
        #expect(decided.enclosed?.status == .pass && decided.enclosed?.precision == 64, "\(decided)")
        // Margins: 2/sqrt 2 at positions 1 and 2, 4/sqrt 5 at position 4: the least is sqrt 2.
        #expect(decided.enclosed?.margin?.holds(HandBrackets.squareRoot(Rational(2))) == true)
        let third = try decide(one, x, ["down", "up", "up", "down"])
        #expect(third.enclosed?.status == .undecided && third.enclosed?.precision == 256, "\(third)")
        #expect(third.passed == false && third.reason?.contains("token 3") == true, "\(String(describing: third.reason))")
        // A later layer that reads position 3 makes position 4 undecided; positions 1 and 2 do not read it.
        let two = model([product, reader], pool: .every)
        #expect(try decide(two, x, ["down", "up", nil, "down"]).enclosed?.status == .undecided)
        #expect(try decide(two, x, ["down", "up", nil, nil]).enclosed?.status == .pass)
        // The same tokens without c: nothing is undecided, every irrational value separates clearly.
        #expect(try decide(two, [b, a, d], ["down", "up", "down"]).enclosed?.status == .pass)
        // Pool mean reads every position: undecided with c, decided without it.
        #expect(try decide(model([product], pool: .mean), x, labels: .whole("down")).enclosed?.status == .undecided)
        #expect(try decide(model([product], pool: .mean), [b, a, d], labels: .whole("down")).enclosed?.status == .pass)
    }

    @Test func undecidedReplayStillEnclosesTheCandidates() throws {
        // Position 3 above is undecided; its value is the hull of its candidates (both LN a), so it
        // holds the real value whichever candidate set is right.
        let m = model([product], pool: .every)
        let rows = try EnclosureReplay(model: m, precision: 64, sparse: PreparedModel(m))
            .finalRows(LabelledSequence(labels: .perToken([nil, nil, nil, nil]), dimension: 2, values: [b, a, c, d].flatMap { $0 }),
                       index: 0, maxBits: 1 << 20)
        #expect(rows.undecided == [false, false, true, false])
        let r = HandBrackets.squareRoot(q(1, 2))
        let y3 = rows.values[rows.rowOfPosition[2]]
        #expect(y3[0].holds(-r) && y3[1].holds(r), "\(y3)")
    }
}
