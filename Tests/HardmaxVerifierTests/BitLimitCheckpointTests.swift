import Exact
import HardmaxModel
import Testing
@testable import HardmaxKernel
@testable import HardmaxVerifier

/// The bit limit is checked at the same places on both paths (`BitLimit.checkpoints`), so a replay
/// cannot stop on one path and certify on the other (issue: two fused feedforward layers whose weights
/// are a big number and its negation cancel inside the fused group).
@Suite("Bit limit checkpoints")
struct BitLimitCheckpointTests {
    /// Layer k reads coordinate 0 and adds w_k relu(x_0) to coordinate 1: the two layers form one run
    /// (neither reads what the other writes), checked once, after the second.
    func model(_ w: [Rational]) -> Model {
        let layers = w.map { wk in
            Layer.feedforward(FeedForward(w1: Matrix(rows: 1, columns: 2, entries: [1, 0]), b1: [0],
                                          w2: Matrix(rows: 2, columns: 1, entries: [0, wk]), b2: [0, 0]))
        }
        return Model(dimension: 2, layers: layers,
                     readout: Readout(pool: .mean, classes: ["a", "b"], weight: Matrix(rows: 2, columns: 2, entries: [0, 1, 0, -1]),
                                      bias: [0, 0]))
    }

    let big = Rational(BigInt(1) << 2000)
    let s = LabelledSequence(label: "b", dimension: 2, values: [1, 0])

    @Test func aRunIsOneCheckpoint() {
        #expect(BitLimit.checkpoints(model([1, 2])) == [0...1])
        // A layer that reads what the run wrote starts a new checkpoint.
        var m = model([1, 2])
        m.layers.append(.feedforward(FeedForward(w1: Matrix(rows: 1, columns: 2, entries: [0, 1]), b1: [0],
                                                 w2: Matrix(rows: 2, columns: 1, entries: [1, 0]), b2: [0, 0])))
        #expect(BitLimit.checkpoints(m) == [0...1, 2...2])
    }

    @Test func cancellingWeightsPassOnBothPaths() throws {
        let m = model([big, -big])   // after layer 0 coordinate 1 is 2^2000 (2001 bits); after layer 1 it is 0
        let plain = try Kernel.result(m, s, index: 0, maxBits: 1024)
        let fast = try Verifier(model: m, options: VerifierOptions(maxBits: 1024)).result(for: s, index: 0)
        #expect(plain == fast)
        #expect(!plain.passed && plain.margin == 0)   // scores (0, 0): a tie, so no prediction
    }

    @Test func aBigRunStopsBothPathsWithTheSameError() throws {
        let m = model([big, big])
        var messages: [String] = []
        for options in [VerifierOptions.plainOnly, VerifierOptions.standard] {
            var o = options
            o.maxBits = 1024
            do {
                _ = try Verifier(model: m, options: o).result(for: s, index: 0)
                Issue.record("no bit-limit error")
            } catch let e as InputError {
                messages.append(e.message)
                #expect(e.path == "layers[1]")
            }
        }
        #expect(messages.count == 2 && messages[0] == messages[1])
        #expect(messages.first?.contains("after layers 0...1") == true)
    }
}
