import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Attention gaps (SPEC.md section 10), computed by hand: per head, the least over query positions i of
/// the maximal score minus the largest score outside C(i); nil when C(i) = J(i) everywhere. The fast
/// path must give the same gaps under every shortcut (``compiledRows(_:_:sourceLocation:)``).
@Suite struct AttentionGapTests {
    func model(_ layers: [Layer]) -> Model {
        Model(dimension: 1, layers: layers, readout: identityReadout(width: 1, classes: ["a"], pool: .every))
    }

    /// s(i, j) = (query x_i)(x_j), V = 0, so the tokens never change.
    func head(_ query: Int) -> AttentionHead {
        AttentionHead(score: .queryKey(query: mat([[query]]), key: mat([[1]])), value: mat([[0]]))
    }

    func gaps(_ m: Model, _ tokens: [Int]) throws -> [AttentionGap] {
        let rows = try compiledRows(m, [sequence("a", tokens.map { [$0] })])
        return rows[0].attentionGaps
    }

    @Test func argminGapNonCausalAndCausal() throws {
        // Query -2 x_i on tokens 1, 4, 2: C(i) is the argmin (token 1). Row 0 scores -2, -8, -4: gap
        // -2 - (-4) = 2; row 1: -8, -32, -16: gap 8; row 2: -4, -16, -8: gap 4. Least 2.
        let open = model([.attention(Attention(heads: [head(-2)]))])
        #expect(try gaps(open, [1, 4, 2]) == [AttentionGap(layer: 0, head: 0, gap: 2)])
        // Causal: row 0 sees itself only (no gap); row 1 sees -8, -32: gap 24; row 2 sees -4, -16, -8: gap 4.
        let causal = model([.attention(Attention(heads: [head(-2)], causal: true))])
        #expect(try gaps(causal, [1, 4, 2]) == [AttentionGap(layer: 0, head: 0, gap: 4)])
        // Argmax, causal, on 1, 4, 2 with query 3 x_i: row 1 sees 12, 48 (gap 36); row 2 sees 6, 24, 12 (gap 12).
        let argmax = model([.attention(Attention(heads: [head(3)], causal: true))])
        #expect(try gaps(argmax, [1, 4, 2]) == [AttentionGap(layer: 0, head: 0, gap: 12)])
    }

    @Test func generalScoresCausalAndNot() throws {
        // s(i, j) = x_i0 x_j1 on (1, 0), (0, 2), (3, 2), k = 2 (a zero second row, so no rank-1 shortcut):
        // non-causal rows 0, 2 have scores (0, 2, 2) and (0, 6, 6): gaps 2 and 6; row 1 is all 0.
        let h = AttentionHead(score: .queryKey(query: mat([[1, 0], [0, 0]]), key: mat([[0, 1], [1, 0]])),
                              value: Matrix(zeros: 2, 2))
        func m(causal: Bool) -> Model {
            Model(dimension: 2, layers: [.attention(Attention(heads: [h], causal: causal))],
                  readout: identityReadout(width: 2, classes: ["a"], pool: .every))
        }
        let x = sequence("a", [[1, 0], [0, 2], [3, 2]])
        #expect(try compiledRows(m(causal: false), [x])[0].attentionGaps == [AttentionGap(layer: 0, head: 0, gap: 2)])
        // Causal: row 0 sees itself; row 1 sees scores 0, 0; row 2 sees 0, 6, 6: gap 6.
        #expect(try compiledRows(m(causal: true), [x])[0].attentionGaps == [AttentionGap(layer: 0, head: 0, gap: 6)])
    }

    @Test func noGapWhenEveryPositionIsAMaximiser() throws {
        let uniform = AttentionHead(score: .uniform, value: mat([[1]]))
        let zeroQuery = head(0)
        let m = model([.attention(Attention(heads: [uniform, zeroQuery]))])
        #expect(try gaps(m, [1, 4, 2]) == [AttentionGap(layer: 0, head: 0, gap: nil), AttentionGap(layer: 0, head: 1, gap: nil)])
        // Equal tokens: every score of a row is equal, so C(i) = J(i) again.
        #expect(try gaps(model([.attention(Attention(heads: [head(5)]))]), [2, 2, 2])
                == [AttentionGap(layer: 0, head: 0, gap: nil)])
        // One token: J(i) = {i}.
        #expect(try gaps(model([.attention(Attention(heads: [head(5)]))]), [7]) == [AttentionGap(layer: 0, head: 0, gap: nil)])
    }

    @Test func headsAreNumberedByLayerIndexAndTheLeastIsOverSequences() throws {
        // Layers: attention (query -2, uniform), feedforward (adds 0), attention (query 3).
        let zero = FeedForward(w1: mat([[0]]), b1: [0], w2: mat([[0]]), b2: [0])
        let m = model([.attention(Attention(heads: [head(-2), AttentionHead(score: .uniform, value: mat([[0]]))])),
                       .feedforward(zero), .attention(Attention(heads: [head(3)]))])
        // Tokens 1, 4, 2: head (0, 0) gap 2 (above); (2, 0): rows 3 (1, 4, 2), 12 (...), 6 (...): gaps 6, 24, 12.
        // Tokens 1, 3: (0, 0): rows -2 (1, 3) gap 4, -6 (1, 3) gap 12; (2, 0): 3 (1, 3) gap 6, 9 (1, 3) gap 18.
        // Token 5 alone: no gap anywhere.
        let data = dataset([sequence("a", [[1], [4], [2]]), sequence("a", [[1], [3]]), sequence("a", [[5]])])
        let rows = try compiledRows(m, data.sequences)
        #expect(rows.map { $0.attentionGaps.map(\.gap) } == [[2, nil, 6], [4, nil, 6], [nil, nil, nil]])
        #expect(rows[0].attentionGaps.map { [$0.layer, $0.head] } == [[0, 0], [0, 1], [2, 0]])
        for options in [VerifierOptions.plainOnly, .standard] {
            let v = try Verifier(model: m, options: options).verify(data)
            #expect(v.attentionGaps == [AttentionGap(layer: 0, head: 0, gap: 2), AttentionGap(layer: 0, head: 1, gap: nil),
                                        AttentionGap(layer: 2, head: 0, gap: 6)])
        }
        // A model without attention records no gaps.
        let none = try Verifier(model: model([.feedforward(zero)])).verify(data)
        #expect(none.attentionGaps.isEmpty && none.results.allSatisfy(\.attentionGaps.isEmpty))
    }

    @Test func leastOfListsIgnoresNil() {
        let a = [AttentionGap(layer: 0, head: 0, gap: nil), AttentionGap(layer: 0, head: 1, gap: 5)]
        let b = [AttentionGap(layer: 0, head: 0, gap: 3), AttentionGap(layer: 0, head: 1, gap: nil)]
        let c = [AttentionGap(layer: 0, head: 0, gap: 4), AttentionGap(layer: 0, head: 1, gap: q(9, 2))]
        #expect(AttentionGap.least([a, b, c]) == [AttentionGap(layer: 0, head: 0, gap: 3), AttentionGap(layer: 0, head: 1, gap: q(9, 2))])
        #expect(AttentionGap.least([]) == [])
    }
}
