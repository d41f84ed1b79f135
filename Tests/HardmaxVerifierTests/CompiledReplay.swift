import Exact
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// A sequence of symbols (SPEC.md section 10).
func symbols(_ labels: SequenceLabels, _ tokens: [String], id: String? = nil) -> LabelledSequence {
    LabelledSequence(id: id, labels: labels, symbols: tokens.map { Label($0) })
}

/// A sequence of one-coordinate tokens with one label per token (nil: not checked).
func perToken(_ labels: [Label?], _ values: [Rational], id: String? = nil) -> LabelledSequence {
    LabelledSequence(id: id, labels: .perToken(labels), dimension: 1, values: values)
}

/// The kernel's rows (`Kernel.result`) of `sequences`, numbered from 0, after checking that the fast
/// path gives the same rows field by field (gaps included) under every shortcut configuration, through
/// `ReplayPlan.result` and through `Verifier` (which adds the dimension and pool checks).
func compiledRows(_ model: Model, _ sequences: [LabelledSequence],
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> [SequenceResult] {
    let kernel = try sequences.enumerated().map { try Kernel.result(model, $1, index: $0, maxBits: 1 << 20) }
    for (name, shortcuts) in shortcutConfigurations {
        let plan = ReplayPlan(model, shortcuts: shortcuts)
        let verifier = try Verifier(model: model, options: VerifierOptions(shortcuts: shortcuts, jobs: 1))
        for (j, s) in sequences.enumerated() {
            let fast = try plan.result(s, index: j, maxBits: 1 << 20)
            #expect(fast == kernel[j], "shortcuts \(name), sequence \(j)", sourceLocation: sourceLocation)
            #expect(try verifier.result(for: s, index: j) == kernel[j], "shortcuts \(name), sequence \(j) (Verifier)",
                    sourceLocation: sourceLocation)
        }
    }
    return kernel
}

/// The kernel's tokens before the readout (and each head's gap) for one sequence.
func finalTokens(_ model: Model, _ s: LabelledSequence) throws -> (tokens: [[Rational]], gaps: [Rational?]) {
    try model.checkWellFormed()
    return try Semantics.finalTokens(model, s, index: 0, maxBits: 1 << 20)
}
