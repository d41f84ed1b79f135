import Exact
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

@Suite struct ProductSumTests {
    /// Small, word-edge and multi-limb values, so both routes (Rational words, DotAccumulator) and their
    /// mixture are taken.
    func value(_ r: inout RandomCase) -> Rational {
        let bits = [3, 30, 31, 32, 61, 62, 63, 64, 100, 200][r.int(0...9)]
        let n = (BigInt(1) << bits) - BigInt(r.int(0...1000))
        let d = (BigInt(1) << [1, 20, 62, 70][r.int(0...3)]) + BigInt(r.int(0...7))
        let x = (try? Rational(r.chance(50) ? n : -n, d)) ?? .zero
        return r.chance(10) ? .zero : x
    }

    @Test func equalsTheSumOfExactProducts() {
        for seed in UInt64(1)...300 {
            var r = RandomCase(seed: seed)
            var sum = ProductSum()
            var reference = Rational.zero
            for _ in 0..<r.int(0...8) {
                if r.chance(50) {
                    let x = value(&r)
                    sum.add(x)
                    reference += x
                } else {
                    let a = value(&r), b = value(&r)
                    sum.add(a, times: b)
                    reference += a * b
                }
            }
            #expect(sum.value == reference, "seed \(seed)")
        }
    }
}
