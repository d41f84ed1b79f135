import Testing
@testable import Exact

/// `DotAccumulator` sums word-sized terms as `Rational`s and larger ones as (P - M) / D: the value is
/// the exact sum whichever route each term takes, and however the two mix.
@Suite struct DotAccumulatorSplitTests {
    /// Small, word-edge and multi-limb values, so both routes and their mixture are taken.
    func value(_ g: inout TestGenerator) -> Rational {
        let bits = [3, 30, 31, 32, 61, 62, 63, 64, 100, 200][g.below(10)]
        let n = (BigInt(1) << bits) - BigInt(g.below(1001))
        let d = (BigInt(1) << [1, 20, 62, 70][g.below(4)]) + BigInt(g.below(8))
        let x = (try? Rational(g.below(2) == 0 ? n : -n, d)) ?? .zero
        return g.below(10) == 0 ? .zero : x
    }

    @Test func equalsTheSumOfExactProducts() {
        for seed in UInt64(1)...300 {
            var g = TestGenerator(seed: seed)
            var sum = DotAccumulator()
            var reference = Rational.zero
            for _ in 0..<g.below(9) {
                if g.below(2) == 0 {
                    let x = value(&g)
                    sum.add(x)
                    reference += x
                } else {
                    let a = value(&g), b = value(&g)
                    sum.add(a, times: b)
                    reference += a * b
                }
            }
            #expect(sum.value == reference, "seed \(seed)")
            sum.value.checkInvariants()
        }
    }

    @Test func startsAtItsStart() {
        let big = (try? Rational(BigInt(1) << 100, BigInt(3))) ?? .zero
        for start in [Rational.zero, Rational(5), big] {
            var sum = DotAccumulator(start)
            sum.add(Rational(2), times: big)
            #expect(sum.value == start + Rational(2) * big)
        }
    }
}
