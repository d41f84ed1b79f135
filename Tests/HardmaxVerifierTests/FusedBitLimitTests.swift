import Exact
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxAccelerator
@testable import HardmaxKernel
@testable import HardmaxVerifier

/// The bit limit applies to every value the semantics computes, inside fused groups too: two fused
/// layers whose contributions cancel must not let the default path certify what `--plain` refuses.
@Suite struct FusedBitLimitTests {
    /// Width 2: layer A adds N relu(x_0) to x_1, layer B subtracts it again. Both read only x_0 and
    /// write only x_1, so the fast path fuses them (and the sum of their contributions is 0).
    static func model(_ n: Rational) -> Model {
        func layer(_ w: Rational) -> Layer {
            .feedforward(FeedForward(w1: mat([[1, 0]]), b1: [0], w2: mat([[0], [w]]), b2: [0, 0]))
        }
        return Model(dimension: 2, layers: [layer(n), layer(-n)],
                     readout: Readout(pool: .mean, classes: ["a", "b"], weight: mat([[0, 1], [0, -1]]), bias: [0, 0]))
    }

    static let n = Rational((BigInt(1) << 3000) + BigInt(1))
    static let data = dataset([sequence("a", [[Rational(BigInt(1) << 2000), 1]]), sequence("b", [[1, -1]])])

    @Test func theFusedGroupIsOneStep() {
        let plan = ReplayPlan(Self.model(Self.n), shortcuts: .all)
        #expect(plan.steps.count == 1 && plan.steps[0].layers == 0...1)
    }

    @Test(arguments: [true, false])
    func bothPathsStopAtTheLimitInsideTheGroup(shortcuts: Bool) throws {
        let options = VerifierOptions(usesShortcuts: shortcuts, maxBits: 4000)
        let e = inputError { try Verifier(model: Self.model(Self.n), options: options).verify(Self.data) }
        #expect(e?.path == "layers[0]", "\(String(describing: e))")
        #expect(e?.message.contains("sequence 0: after layer 0 a number needs 5001 bits") == true, "\(String(describing: e))")
    }

    @Test(arguments: [true, false])
    func bothPathsAgreeWithinTheLimit(shortcuts: Bool) throws {
        let options = VerifierOptions(usesShortcuts: shortcuts, maxBits: 6000)
        let v = try Verifier(model: Self.model(Self.n), options: options).verify(Self.data)
        // After both layers x_1 is back to its input: 1 and -1; class a scores x_1, b scores -x_1.
        #expect(v.results.map(\.passed) == [true, true] && v.minMargin == 2)
    }

    @Test func smallNumbersKeepTheFusedPath() {
        let bits = FusedGroupBits([FeedForward(w1: mat([[1, 0]]), b1: [0], w2: mat([[0], [3]]), b2: [0, 0]),
                                   FeedForward(w1: mat([[1, 0]]), b1: [0], w2: mat([[0], [-3]]), b2: [0, 0])])
        #expect(bits.fits(inputBits: 64, maxBits: 1 << 20))
        #expect(!bits.fits(inputBits: 1 << 19, maxBits: 1 << 20))
    }
}
