import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
@testable import HardmaxExplorer

/// A rational from "p" or "p/q" text written in a test (a typo is a programmer error).
func q(_ text: String) -> Rational {
    guard let r = try? Rational(parsing: text) else { preconditionFailure("bad rational literal \(text)") }
    return r
}

/// A one-sequence dataset from tokens written as rational text.
func dataset(_ tokens: [[String]], label: Label = "x") -> Dataset {
    let d = tokens[0].count
    return Dataset(dimension: d, sequences: [
        LabelledSequence(label: label, dimension: d, values: tokens.flatMap { $0.map(q) }),
    ])
}

/// A dataset of several sequences of integer tokens.
func dataset(sequences: [[[Int]]]) -> Dataset {
    let d = sequences[0][0].count
    return Dataset(dimension: d, sequences: sequences.enumerated().map { j, tokens in
        LabelledSequence(label: Label("s\(j)"), dimension: d, values: tokens.flatMap { $0.map { Rational($0) } })
    })
}

/// Tokens as rational text, for readable expectations.
func text(_ tokens: [[Rational]]) -> [[String]] { tokens.map { $0.map(\.description) } }

/// The worked example of the README (certificates/clustering-example/clustering-example.svg): eight tokens in the plane, alpha = 2,
/// A = I. Tokens 1 and 5 are duplicates; in layers 1 and 2 token 2 ties exactly between itself and
/// token 0 (in IEEE doubles the layer-2 tie is lost to rounding and token 2 becomes a leader).
let workedExampleTokens: [[Int]] = [[3, -1], [-3, 3], [1, -2], [-4, 2], [4, 1], [-3, 3], [-5, -4], [-2, -1]]
