import Exact
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxKernel

/// Statuses and precision doubling (SPEC.md section 11): a margin or error too close to its threshold
/// for 64 bits is undecided there and decided at a higher precision, which the row records; with
/// `maxPrecision` 64 it stays undecided, and so does the verdict.
///
/// The value: the layer norm (gamma 1, beta 0, epsilon 1/4) of the token (0, 1) is (-1/sqrt 2, 1/sqrt 2).
/// The threshold: r = floor(2^110 / sqrt 2) / 2^110 = 458938539825448058214252037959337 / 2^109, the
/// largest multiple of 2^-110 below 1/sqrt 2; 2^-120 < 1/sqrt 2 - r < 2^-110 (checked exactly below).
/// At 64 bits every end of the enclosure of 1/sqrt 2 is a multiple of 2^-64, hence of 2^-110: the lower
/// end is at most r and the upper end at least r + 2^-110, so neither r nor r + 2^-110 is decided. At
/// 128 bits the enclosure is within a few units of 2^-128 of 1/sqrt 2, inside (r, r + 2^-110): decided.
@Suite struct EnclosurePrecisionTests {
    static let r = (try? Rational(BigInt(decimal: "458938539825448058214252037959337") ?? BigInt(0), BigInt(1) << 109)) ?? .zero
    let r = Self.r
    let rootHalf = HandBrackets.squareRoot(q(1, 2))

    @Test func thresholdIsWithinTwoToTheMinus110() {
        let half = q(1, 2)
        #expect(r * r < half)
        let above120 = r + HandBrackets.twoToMinus(120), above110 = r + HandBrackets.twoToMinus(110)
        #expect(above120 * above120 < half && above110 * above110 > half)
    }

    let norm = Layer.layerNorm(LayerNorm(gamma: [1, 1], beta: [0, 0], epsilon: q(1, 4)))
    let token = sequence("a", [[0, 1]])

    /// Classes a (score z_1 = 1/sqrt 2) and b (score r): margin of a is 1/sqrt 2 - r in (2^-120, 2^-110).
    var classes: Model {
        Model(dimension: 2, layers: [norm], readout: Readout(pool: .mean, classes: ["a", "b"], weight: mat([[0, 1], [0, 0]]),
                                                             bias: [0, r]))
    }

    /// One value z_1 = 1/sqrt 2 against the label 0: the error is 1/sqrt 2.
    func values(tolerance: Rational) -> Model {
        Model(dimension: 2, layers: [norm], readout: Readout(pool: .mean, values: ValueOutput(names: ["v"], tolerance: tolerance),
                                                             weight: mat([[0, 1]]), bias: [0]))
    }

    @Test func tinyPositiveMarginIsDecidedAt128Bits() throws {
        let v = try Verifier(model: classes).verify(dataset([token]))
        let o = v.results[0].enclosed
        #expect(o?.status == .pass && o?.precision == 128, "\(String(describing: o))")
        #expect(v.verdict == .pass && v.results[0].passed && v.semantics == .hardmaxEnclosure)
        // The margin interval holds 1/sqrt 2 - r and proves it positive.
        let margin = try #require(o?.margin)
        #expect(margin.lower > 0 && margin.lower < HandBrackets.twoToMinus(100))
        #expect(margin.holds(rootHalf + (-r)), "\(margin)")
        // Label b: the same margin negated, so it fails, decided at 128 bits too.
        let b = try Verifier(model: classes).verify(dataset([sequence("b", [[0, 1]])])).results[0].enclosed
        #expect(b?.status == .fail && b?.precision == 128, "\(String(describing: b))")
    }

    @Test func atMaxPrecision64ItStaysUndecided() throws {
        var options = VerifierOptions.standard
        options.maxPrecision = 64
        let v = try Verifier(model: classes, options: options).verify(dataset([token, sequence("a", [[0, 1], [0, 1]])]))
        #expect(v.results.map { $0.enclosed?.status } == [.undecided, .undecided])
        #expect(v.results.map { $0.enclosed?.precision } == [64, 64])
        #expect(v.results.allSatisfy { !$0.passed && $0.reason == "undecided at 64 bits" }, "\(v.results.map(\.reason))")
        #expect(v.verdict == .undecided)
        var counts = VerificationCounts(sequences: 2, tokens: 3, classes: 2, passed: 0, failed: 0)
        counts.undecided = 2
        #expect(v.counts == counts)
        // An undecided row and a failing one: the verdict is fail.
        let mixed = try Verifier(model: classes, options: options).verify(dataset([token, sequence("c", [[0, 1]])]))
        #expect(mixed.verdict == .fail && mixed.counts.undecided == 1 && mixed.counts.failed == 1)
    }

    @Test func valueReadoutAtTheToleranceBoundary() throws {
        let zero = sequence("0", [[0, 1]])
        // Tolerance r < 1/sqrt 2: the error is above it, by less than 2^-110: fail, at 128 bits.
        let below = try Verifier(model: values(tolerance: r)).verify(dataset([zero])).results[0].enclosed
        #expect(below?.status == .fail && below?.precision == 128, "\(String(describing: below))")
        #expect(below?.error?.holds(rootHalf) == true && below?.margin == nil)
        // Tolerance r + 2^-110 > 1/sqrt 2: pass, at 128 bits.
        let above = try Verifier(model: values(tolerance: r + HandBrackets.twoToMinus(110))).verify(dataset([zero])).results[0]
        #expect(above.enclosed?.status == .pass && above.enclosed?.precision == 128 && above.passed)
        // At 64 bits both are undecided.
        var options = VerifierOptions.standard
        options.maxPrecision = 64
        for t in [r, r + HandBrackets.twoToMinus(110)] {
            #expect(try Verifier(model: values(tolerance: t), options: options).verify(dataset([zero])).results[0].enclosed?.status
                    == .undecided)
        }
    }

    @Test func exactErrorEqualToTheTolerancePasses() throws {
        // x = (1, 3), epsilon 3: LN x = (-1/2, 1/2) exactly; the error against 0 is 1/2.
        let exact = Layer.layerNorm(LayerNorm(gamma: [1, 1], beta: [0, 0], epsilon: 3))
        func model(_ t: Rational) -> Model {
            Model(dimension: 2, layers: [exact], readout: Readout(pool: .mean, values: ValueOutput(names: ["v"], tolerance: t),
                                                                  weight: mat([[0, 1]]), bias: [0]))
        }
        let data = dataset([sequence("0", [[1, 3]])])
        let at = try Verifier(model: model(q(1, 2))).verify(data).results[0].enclosed
        #expect(at == EnclosedOutcome(status: .pass, margin: nil, error: Bounds(lower: q(1, 2), upper: q(1, 2)), precision: nil))
        let under = try Verifier(model: model(q(1, 2) - HandBrackets.twoToMinus(200))).verify(data)
        #expect(under.results[0].enclosed?.status == .fail && under.results[0].enclosed?.precision == nil)
        #expect(under.maxErrorBounds == Bounds(lower: q(1, 2), upper: q(1, 2)) && under.verdict == .fail)
    }
}
