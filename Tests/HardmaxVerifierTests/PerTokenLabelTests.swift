import Exact
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Per-token labels (SPEC.md section 10), hand-computed: classes a, b with scores (x, 2 - x) read at
/// every token (x > 1: a, x < 1: b, x = 1: a tie); null positions take part but are not checked.
@Suite struct PerTokenLabelTests {
    static func model(_ pool: Pool = .every) -> Model {
        Model(dimension: 1, layers: [], readout: Readout(pool: pool, classes: ["a", "b"], weight: mat([[1], [-1]]),
                                                         bias: [0, 2]))
    }

    static let a = Prediction.label("a"), b = Prediction.label("b")

    @Test func nullPositionsAreNotChecked() throws {
        // Tokens 5 (null), 3 (a: margin 3 - (-1) = 4), 0 (b: margin 2 - 0 = 2), 1 (null, a tie).
        let r = try compiledRows(Self.model(), [perToken([nil, "a", "b", nil], [5, 3, 0, 1])])[0]
        #expect(r == SequenceResult(index: 0, id: nil, labels: .perToken([nil, "a", "b", nil]),
                                    predicted: [nil, Self.a, Self.b, nil], margin: 2, passed: true, reason: nil,
                                    attentionGaps: []))
    }

    @Test func failingTokensAreNamedByPosition() throws {
        let rows = try compiledRows(Self.model(), [
            // Token 2 (x = 3) predicts a against label b: margin -1 - 3 = -4; tokens 3, 4 pass (2, 4).
            perToken([nil, "b", "b", "a"], [5, 3, 0, 3]),
            // Token 1 (x = 1) ties: no prediction, margin 0.
            perToken(["a", nil], [1, 7]),
            // Token 2's label is no class: the read still predicts a, and has no margin.
            perToken([nil, "z"], [0, 3]),
            // Tokens 1 and 3 fail; the reason names the first.
            perToken(["b", "a", "b"], [3, 3, 2]),
        ])
        #expect(rows.map(\.passed) == [false, false, false, false])
        #expect(rows.map(\.reason) == ["token 2: label b, predicted a", "token 1: label a, tie between a and b",
                                       "token 2: label z, label z is not a model class", "token 1: label b, predicted a"])
        #expect(rows.map(\.margin) == [-4, 0, nil, -4])
        #expect(rows.map(\.predicted) == [[nil, Self.a, Self.b, Self.a], [nil, nil], [nil, Self.a], [Self.a, Self.a, Self.a]])
        #expect(rows.allSatisfy { $0.error == nil && $0.label == nil && $0.predictedLabel == nil })
    }

    @Test func aSequenceWithOnlyNullLabelsPassesWithoutMargin() throws {
        // Both tokens tie (x = 1), which would fail if they were checked.
        let r = try compiledRows(Self.model(), [perToken([nil, nil], [1, 1], id: "bos-only")])[0]
        #expect(r.passed && r.margin == nil && r.predicted == [nil, nil] && r.reason == nil && r.id == "bos-only")
        // In a verification it counts as a pass and does not set the least margin.
        let d = dataset([perToken([nil, nil], [1, 1]), perToken([nil, "a"], [1, 4])])
        for options in [VerifierOptions.plainOnly, .standard] {
            let v = try Verifier(model: Self.model(), options: options).verify(d)
            #expect(v.verdict == .pass && v.minMargin == 6 && v.maxError == nil)
            #expect(v.counts == VerificationCounts(sequences: 2, tokens: 4, classes: 2, passed: 2, failed: 0))
        }
    }

    @Test func duplicateTokensStillGiveOneReadPerPosition() throws {
        // No layer is causal and the pool is every, so the duplicates shortcut merges the three tokens 3:
        // positions 1, 2 and 4 must still be read (and labelled) one by one.
        let rows = try compiledRows(Self.model(), [perToken(["a", nil, "b", "b"], [3, 3, 0, 3]),
                                                   perToken(["a", "a", "a"], [3, 3, 3])])
        #expect(rows[0].predicted == [Self.a, nil, Self.b, Self.a] && rows[0].reason == "token 4: label b, predicted a")
        #expect(rows[1].passed && rows[1].margin == 4)
        // The plan does merge them.
        #expect(ReplayPlan(Self.model(), shortcuts: .all).mergesDuplicates)
    }

    @Test func perTokenLabelsNeedPoolEvery() throws {
        for pool in [Pool.mean, .first, .last] {
            let m = Self.model(pool)
            let expected = InputError(path: "readout.pool", message: "sequence 1 has a label per token, which needs pool "
                                      + "\"every\"; the model's pool is \"\(pool.rawValue)\"")
            let s = perToken([nil, "a"], [1, 3])
            #expect(throws: expected) { try Kernel.result(m, s, index: 1, maxBits: 1 << 20) }
            for options in [VerifierOptions.plainOnly, .standard] {
                #expect(throws: expected) { try Verifier(model: m, options: options).result(for: s, index: 1) }
                let error = inputError { try Verifier(model: m, options: options).verify(dataset([sequence("a", [[2]]), s])) }
                #expect(error?.path == "readout.pool", "\(String(describing: error))")
            }
        }
    }
}
