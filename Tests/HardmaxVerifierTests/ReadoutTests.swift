import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Hand-computed readouts: no layers, so the pooled tokens are the input tokens.
@Suite struct ReadoutTests {
    /// Classes a, b with scores (x, 2 - x).
    func model(_ pool: Pool, classes: [Label] = ["a", "b"], weight: [[Int]] = [[1], [-1]],
               bias: [Rational] = [0, 2]) -> Model {
        Model(dimension: 1, layers: [], readout: Readout(pool: pool, classes: classes, weight: mat(weight), bias: bias))
    }

    func results(_ m: Model, _ sequences: [LabelledSequence]) throws -> [Verification] {
        let d = dataset(sequences)
        let plain = try Verifier(model: m, options: .plainOnly).verify(d)
        let fast = try Verifier(model: m, options: .standard).verify(d)
        let serial = try Verifier(model: m, options: VerifierOptions(jobs: 1)).verify(d)
        #expect(plain == fast)
        #expect(fast == serial)
        return [plain, fast]
    }

    @Test func eachPool() throws {
        let x = [[1], [3], [2]]
        // mean z = 2: scores (2, 0) -> a, margin 2.
        let mean = try results(model(.mean), [sequence("a", x), sequence("b", x)])[0]
        #expect(mean.results[0] == SequenceResult(index: 0, id: nil, label: "a", predicted: "a", margin: 2,
                                                  passed: true, reason: nil))
        #expect(mean.results[1] == SequenceResult(index: 1, id: nil, label: "b", predicted: "a", margin: -2,
                                                  passed: false, reason: "predicted a"))
        // first z = 1: scores (1, 1): a tie at the top is no prediction.
        let first = try results(model(.first), [sequence("a", x)])[0].results[0]
        #expect(first.predictedLabel == nil && first.margin == 0 && !first.passed)
        #expect(first.reason == "tie between a and b")
        // last z = 2 -> a.
        let last = try results(model(.last), [sequence("a", x)])[0].results[0]
        #expect(last.predictedLabel == "a" && last.margin == 2 && last.passed)
        // every: token 1 ties, tokens 2 and 3 predict a (margins 4 and 2): fails at token 1, margin 0.
        let every = try results(model(.every), [sequence("a", x)])[0].results[0]
        #expect(every.predictedLabel == nil && every.margin == 0 && !every.passed)
        #expect(every.reason == "token 1: tie between a and b")
        // every with all tokens predicting a: passes, margin the least (2 at z = 2).
        let ok = try results(model(.every), [sequence("a", [[3], [2], [3]])])[0].results[0]
        #expect(ok.predictedLabel == "a" && ok.margin == 2 && ok.passed)
        // every where tokens disagree: no common prediction.
        let mixed = try results(model(.every), [sequence("a", [[3], [0]])])[0].results[0]
        #expect(mixed.predictedLabel == nil && mixed.margin == -2 && mixed.reason == "token 2: predicted b")
    }

    @Test func labelThatIsNotAClassFailsWithoutMargin() throws {
        let v = try results(model(.mean), [sequence("z", [[2]]), sequence("a", [[2]])])[0]
        #expect(v.results[0] == SequenceResult(index: 0, id: nil, label: "z", predicted: "a", margin: nil,
                                               passed: false, reason: "label z is not a model class"))
        #expect(v.verdict == .fail)
        #expect(v.counts == VerificationCounts(sequences: 2, tokens: 2, classes: 2, passed: 1, failed: 1))
        #expect(v.minMargin == 2)
    }

    @Test func oneClassHasNoMargin() throws {
        let m = model(.mean, classes: ["only"], weight: [[1]], bias: [0])
        let v = try results(m, [sequence("only", [[5]]), sequence("other", [[5]])])[0]
        #expect(v.results[0].predictedLabel == "only" && v.results[0].margin == nil && v.results[0].passed)
        #expect(!v.results[1].passed)
        #expect(v.minMargin == nil)
    }

    @Test func marginAgainstTheBestRival() throws {
        // Scores (z, 5/2 z, 2 z) at z = 1: label c (index 2): 2 - 5/2 = -1/2, predicted b.
        let m = Model(dimension: 1, layers: [], readout: Readout(pool: .mean, classes: ["a", "b", "c"],
                      weight: mat([[1], [q(5, 2)], [2]]), bias: [0, 0, 0]))
        let v = try results(m, [sequence("c", [[1]]), sequence("b", [[1]], id: "x7")])[0]
        #expect(v.results[0].margin == q(-1, 2) && v.results[0].predictedLabel == "b")
        #expect(v.results[1].margin == q(1, 2) && v.results[1].passed && v.results[1].id == "x7")
        #expect(v.minMargin == q(-1, 2))
        #expect(v.verdict == .fail)
        // Three-way tie.
        let tie = Model(dimension: 1, layers: [], readout: Readout(pool: .mean, classes: ["a", "b", "c"],
                        weight: mat([[0], [0], [0]]), bias: [0, 0, 0]))
        #expect(try results(tie, [sequence("a", [[1]])])[0].results[0].reason == "tie between a, b and c")
    }

    @Test func dimensionMismatchIsAnInputError() throws {
        let v = try Verifier(model: model(.mean), options: .standard)
        #expect(throws: InputError.self) { try v.verify(dataset([sequence("a", [[1, 2]])])) }
    }

    @Test func malformedModelNamesThePath() {
        let head = AttentionHead(score: .uniform, value: mat([[1, 0], [0, 1]]))
        let m = Model(dimension: 1, layers: [.attention(Attention(heads: [head]))], readout: model(.mean).readout)
        #expect(throws: InputError(path: "layers[0].heads[0].value", message: "expected 1 row (the dimension), found 2")) {
            try Verifier(model: m)
        }
    }

    @Test func bitLimitNamesTheLayerAndSequence() throws {
        // Two affine layers multiply by 2^40: after layer 1 the value needs 81 bits > 64.
        let big = Rational(BigInt(1) << 40)
        let layers: [Layer] = [.affine(Affine(weight: mat([[big]]), bias: [0])),
                               .affine(Affine(weight: mat([[big]]), bias: [0]))]
        let m = Model(dimension: 1, layers: layers, readout: model(.mean).readout)
        let d = dataset([sequence("a", [[1]]), sequence("a", [[2]], id: "s1")])
        for options in [VerifierOptions(usesShortcuts: false, maxBits: 64), VerifierOptions(maxBits: 64)] {
            do {
                _ = try Verifier(model: m, options: options).verify(d)
                Issue.record("expected the bit limit to stop the replay")
            } catch let e as InputError {
                #expect(e.path == "layers[1]")
                #expect(e.message.hasPrefix("sequence 0: after layer 1 a number needs 81 bits"))
            }
        }
    }
}
