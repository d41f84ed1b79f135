import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxAccelerator
@testable import HardmaxKernel
@testable import HardmaxVerifier

/// The accelerator against the kernel when numbers have several limbs: weights and tokens of up to 24
/// limbs over odd, power-of-two and general denominators, so the accelerator's big-number paths (its
/// accumulators past 62 bits, the rank-1 tables' reductions) are compared, not only small forms.
@Suite struct ShortcutBigNumberTests {
    @Test(arguments: 0..<4)
    func shortcutsEqualTheKernelOnBigNumbers(chunk: Int) throws {
        var largest = 0
        for seed in UInt64(1000 + chunk * 8)..<UInt64(1000 + chunk * 8 + 8) {
            var r = RandomCase(seed: seed)
            r.bigEntries = true
            let model = r.model(dimension: r.int(1...3))
            var data = r.dataset(dimension: model.dimension, classes: model.readout.classes.count)
            data = Dataset(dimension: data.dimension, sequences: data.sequences.map { s in
                var values = s.values
                for k in values.indices where r.chance(20) { values[k] = r.bigEntry() }
                return LabelledSequence(id: s.id, labels: s.labels, dimension: s.dimension, values: values)
            })
            let kernel = try Kernel.verify(model, data.sequences, numbered: Array(data.sequences.indices),
                                           maxBits: 1 << 20)
            for (j, s) in data.sequences.enumerated() {
                let tokens = try Semantics.finalTokens(model, s, index: j, maxBits: 1 << 20).tokens
                largest = max(largest, tokens.joined().map(\.bitLength).max() ?? 0)
                for (name, shortcuts) in shortcutConfigurations {
                    let fast = try ReplayPlan(model, shortcuts: shortcuts).finalTable(s, index: j, maxBits: 1 << 20)
                    #expect(fast.tokensByPosition() == tokens, "seed \(seed), shortcuts \(name), sequence \(j)")
                }
            }
            #expect(try Verifier(model: model).verify(data) == kernel, "seed \(seed): results differ")
        }
        // The comparison must reach numbers past the Karatsuba threshold (32 limbs = 2048 bits).
        #expect(largest > 2048, "chunk \(chunk): the largest final number has only \(largest) bits")
    }
}
