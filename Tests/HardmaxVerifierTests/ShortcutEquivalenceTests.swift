import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Every shortcut (alone and all together) against the plain replay, on random small models with many
/// ties. A failure names the seed and the configuration; replay it with `RandomCase(seed:)`.
@Suite struct ShortcutEquivalenceTests {
    /// Seeds 1...400 in 8 chunks of 50, run in parallel.
    @Test(arguments: 0..<8)
    func shortcutsEqualPlainReplay(chunk: Int) throws {
        var used: [String: Int] = [:]
        for seed in UInt64(chunk * 50 + 1)...UInt64(chunk * 50 + 50) {
            var r = RandomCase(seed: seed)
            let model = r.model(dimension: r.int(1...3))
            let data = r.dataset(dimension: model.dimension, classes: model.readout.classes.count)
            let plainResults = try Verifier(model: model, options: .plainOnly).verify(data)
            let plainTokens = try data.sequences.enumerated().map {
                try Semantics.finalTokens(model, $1, index: $0, maxBits: 1 << 20).tokens
            }
            for (name, shortcuts) in shortcutConfigurations {
                let plan = ReplayPlan(model, shortcuts: shortcuts)
                for step in plan.steps {
                    used[Self.kind(step.operation), default: 0] += 1
                    if step.layers.count > 1 { used["fusion", default: 0] += 1 }
                }
                if plan.mergesDuplicates { used["duplicates", default: 0] += 1 }
                for (j, s) in data.sequences.enumerated() {
                    let fast = try plan.finalTable(s, index: j, maxBits: 1 << 20).tokensByPosition()
                    #expect(fast == plainTokens[j], "seed \(seed), shortcuts \(name), sequence \(j): tokens differ")
                }
                let options = VerifierOptions(shortcuts: shortcuts, jobs: Int(seed % 3))
                let fast = try Verifier(model: model, options: options).verify(data)
                #expect(fast == plainResults, "seed \(seed), shortcuts \(name): results differ")
            }
        }
        // The random cases must actually exercise every shortcut.
        for kind in ["rankOneFeedForward", "fusion", "uniform", "rankOneScores", "duplicates",
                     "generalScores", "feedForward", "affine"] {
            #expect(used[kind, default: 0] >= 3, "chunk \(chunk): \(kind) exercised only \(used[kind, default: 0]) times")
        }
    }

    static func kind(_ op: ReplayPlan.Operation) -> String {
        switch op {
        case .rankOneFeedForward: return "rankOneFeedForward"
        case .feedForward: return "feedForward"
        case .affine: return "affine"
        case .attention(let a):
            switch a.heads.first?.selection {
            case .uniform: return "uniform"
            case .rankOne: return "rankOneScores"
            default: return "generalScores"
            }
        }
    }
}
