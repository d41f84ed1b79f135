import Exact
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// The fast path (ModelLowering, then every shortcut) against the kernel on random models of SPEC.md
/// section 10, field by field, gaps included; and the gaps of the shortcuts on the random models of
/// section 4. A failure names the seed and the configuration; replay it with `RandomCase(seed:)`.
@Suite struct CompiledShortcutEquivalenceTests {
    /// Seeds of the compiled cases start here, apart from those of section 4.
    static let compiledSeeds: UInt64 = 1_000_000

    /// Seeds 1...180 in 6 chunks of 30, run in parallel.
    @Test(arguments: 0..<6)
    func fastPathEqualsKernelOnCompiledModels(chunk: Int) throws {
        var used: [String: Int] = [:]
        for seed in UInt64(chunk * 30 + 1)...UInt64(chunk * 30 + 30) {
            var r = RandomCase(seed: Self.compiledSeeds + seed)
            let model = r.compiledModel()
            try model.checkWellFormed()
            let data = r.symbolDataset(model)
            Self.count(model, data, into: &used)
            let kernel = try data.sequences.enumerated().map { try Kernel.result(model, $1, index: $0, maxBits: 1 << 20) }
            let tokens = try data.sequences.enumerated().map {
                try Semantics.finalTokens(model, $1, index: $0, maxBits: 1 << 20).tokens
            }
            let plain = try Verifier(model: model, options: .plainOnly).verify(data)
            #expect(plain.results == kernel, "seed \(seed): the plain verifier is the kernel")
            for row in kernel {
                used[row.passed ? "passed" : "failed", default: 0] += 1
                if row.attentionGaps.contains(where: { $0.gap != nil }) { used["gap", default: 0] += 1 }
            }
            // A sequence longer than the position table: the same error on every path.
            let tooLong = LabelledSequence(labels: .whole("c0"), symbols: Array(repeating: model.embedding!.vocabulary[0], count: 7))
            let kernelError = model.positionTable == nil ? nil : inputError { try Kernel.result(model, tooLong, index: 9, maxBits: 1 << 20) }

            for (name, shortcuts) in shortcutConfigurations {
                let plan = ReplayPlan(model, shortcuts: shortcuts)
                if plan.mergesDuplicates { used["duplicates", default: 0] += 1 }
                if plan.lowering.constant { used["constant", default: 0] += 1 }
                for (j, s) in data.sequences.enumerated() {
                    let table = try plan.finalTable(s, index: j, maxBits: 1 << 20).tokensByPosition()
                    if plan.lowering.constant {
                        #expect(table.allSatisfy { $0.last == 1 }, "seed \(seed), \(name), sequence \(j): the constant is 1")
                    }
                    let fastTokens = plan.lowering.constant ? table.map { Array($0.dropLast()) } : table
                    #expect(fastTokens == tokens[j], "seed \(seed), shortcuts \(name), sequence \(j): tokens differ")
                    let fast = try plan.result(s, index: j, maxBits: 1 << 20)
                    #expect(fast == kernel[j], "seed \(seed), shortcuts \(name), sequence \(j): rows differ")
                }
                let options = VerifierOptions(shortcuts: shortcuts, jobs: Int(seed % 3))
                let verifier = try Verifier(model: model, options: options)
                #expect(try verifier.verify(data) == plain, "seed \(seed), shortcuts \(name): verifications differ")
                if let kernelError {
                    let fastError = inputError { try verifier.result(for: tooLong, index: 9) }
                    #expect(fastError == kernelError, "seed \(seed), shortcuts \(name): errors differ")
                }
            }
        }
        // The random cases must exercise every new field and both outcomes.
        for kind in ["positionTable", "positionsIndex", "queryBias", "keyBias", "valueBias", "outputBias", "output",
                     "scale", "constant", "causal", "perToken", "null", "values", "whole", "duplicates", "gap",
                     "passed", "failed"] {
            #expect(used[kind, default: 0] >= 3, "chunk \(chunk): \(kind) exercised only \(used[kind, default: 0]) times")
        }
    }

    /// Tallies which fields of section 10 a case uses.
    static func count(_ model: Model, _ data: Dataset, into used: inout [String: Int]) {
        func note(_ kind: String, _ condition: Bool) { if condition { used[kind, default: 0] += 1 } }
        note("positionTable", model.positionTable != nil)
        note("positionsIndex", model.positions == .index)
        note("values", model.readout.values != nil)
        for case .attention(let a) in model.layers {
            note("causal", a.causal)
            for h in a.heads {
                note("queryBias", h.queryBias?.contains { !$0.isZero } ?? false)
                note("keyBias", h.keyBias?.contains { !$0.isZero } ?? false)
                note("valueBias", h.valueBias?.contains { !$0.isZero } ?? false)
                note("outputBias", h.outputBias?.contains { !$0.isZero } ?? false)
                note("output", h.output.map { $0.rows != h.value.rows } ?? false)
                note("scale", h.scale != .rational(1))
            }
        }
        for s in data.sequences {
            switch s.labels {
            case .whole: note("whole", true)
            case .perToken(let labels):
                note("perToken", true)
                note("null", labels.contains(nil))
            }
        }
    }

    /// On the random models of section 4 (those of ``ShortcutEquivalenceTests``), every shortcut gives
    /// the kernel's gaps per sequence, and the rank-1 and uniform selections, causal and not, do compute
    /// gaps (not only nil).
    /// Seeds 1...100 in 4 chunks of 25.
    @Test(arguments: 0..<4)
    func shortcutGapsEqualKernelGapsOnSectionFourModels(chunk: Int) throws {
        var gaps: [String: Int] = [:]
        for seed in UInt64(chunk * 25 + 1)...UInt64(chunk * 25 + 25) {
            var r = RandomCase(seed: seed)
            let model = r.model(dimension: r.int(1...3))
            let data = r.dataset(dimension: model.dimension, classes: model.readout.classes.count)
            let kernel = try data.sequences.enumerated().map { try Kernel.result(model, $1, index: $0, maxBits: 1 << 20) }
            for (name, shortcuts) in shortcutConfigurations {
                let plan = ReplayPlan(model, shortcuts: shortcuts)
                // The selection of every head, in the order of the gaps.
                let kinds = plan.steps.flatMap { step -> [String] in
                    guard case .attention(let a) = step.operation else { return [] }
                    return a.heads.map { h in
                        let kind: String
                        switch h.selection {
                        case .uniform: kind = "uniform"
                        case .rankOne: kind = "rankOne"
                        case .queryKey: kind = "queryKey"
                        case .bilinear: kind = "bilinear"
                        }
                        return kind + (a.causal ? " causal" : "")
                    }
                }
                for (j, s) in data.sequences.enumerated() {
                    let fast = try plan.result(s, index: j, maxBits: 1 << 20)
                    #expect(fast.attentionGaps == kernel[j].attentionGaps, "seed \(seed), shortcuts \(name), sequence \(j)")
                    #expect(fast == kernel[j], "seed \(seed), shortcuts \(name), sequence \(j)")
                    for (kind, gap) in zip(kinds, fast.attentionGaps) {
                        gaps[kind + (gap.gap == nil ? " nil" : ""), default: 0] += 1
                    }
                }
            }
        }
        for kind in ["rankOne", "rankOne causal", "queryKey", "bilinear", "uniform nil", "uniform causal nil"] {
            #expect(gaps[kind, default: 0] >= 3, "chunk \(chunk): \(kind) gaps seen \(gaps[kind, default: 0]) times")
        }
        // A uniform selection never has a gap.
        #expect(gaps["uniform", default: 0] == 0 && gaps["uniform causal", default: 0] == 0)
    }
}
