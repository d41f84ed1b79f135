import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// p/q as a Rational (test helper; q != 0).
func q(_ p: Int, _ d: Int = 1) -> Rational {
    // Test inputs are hand-written constants with d != 0; a failure here is a bug in the test.
    (try? Rational(p, d)) ?? Rational.zero
}

/// A labelled sequence from integer tokens.
func sequence(_ label: Label, _ tokens: [[Int]], id: String? = nil) -> LabelledSequence {
    sequence(label, tokens.map { $0.map { Rational($0) } }, id: id)
}

/// A labelled sequence from rational tokens.
func sequence(_ label: Label, _ tokens: [[Rational]], id: String? = nil) -> LabelledSequence {
    LabelledSequence(id: id, label: label, dimension: tokens[0].count, values: tokens.flatMap { $0 })
}

func dataset(_ sequences: [LabelledSequence]) -> Dataset {
    Dataset(dimension: sequences[0].dimension, sequences: sequences)
}

/// A matrix from integer rows.
func mat(_ rows: [[Int]]) -> Matrix {
    mat(rows.map { $0.map { Rational($0) } })
}

/// A matrix from rational rows.
func mat(_ rows: [[Rational]]) -> Matrix {
    Matrix(rowArrays: rows, columns: rows.first?.count ?? 0)
}

/// The identity readout over one class per listed name, reading coordinate 0 with weight k for class k.
func identityReadout(width: Int, classes: [Label], pool: Pool = .mean) -> Readout {
    Readout(pool: pool, classes: classes, weight: Matrix(zeros: classes.count, width),
            bias: Array(repeating: .zero, count: classes.count))
}

/// Shortcut configurations compared against the plain replay.
let shortcutConfigurations: [(name: String, shortcuts: Shortcuts)] = [
    ("none", []), ("duplicates", .duplicates), ("rankOneScores", .rankOneScores),
    ("uniformScores", .uniformScores), ("rankOneFeedForward", .rankOneFeedForward),
    ("fusion", .fusion), ("fusion+rankOneFeedForward", [.fusion, .rankOneFeedForward]), ("all", .all),
]

/// A fresh temporary folder (removed by the caller's `defer`).
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("hardmax-verifier-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func writeText(_ text: String, to path: String) throws {
    try FileIO.writeAtomically(Array(text.utf8), to: path)
}

/// A JSON Lines dataset text (numbers as `p/q` strings).
func jsonLines(_ d: Dataset) -> String {
    d.sequences.map { s in
        let tokens = (0..<s.length).map { t in "[" + s.token(t).map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        let id = s.id.map { "\"id\": \(JSONWriter.write(.string($0), style: .compact)), " } ?? ""
        let label = JSONWriter.write(.string(s.label!.text), style: .compact)
        return "{\(id)\"label\": \(label), \"tokens\": [\(tokens.joined(separator: ", "))]}"
    }.joined(separator: "\n") + "\n"
}
