import Exact
import Foundation
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel
import TestSupport

func rational(_ p: Int, _ q: Int) -> Rational {
    // Test literals: q is never 0.
    try! Rational(p, q)
}

/// A sequence from integer token rows.
func sequence(_ label: Label, _ rows: [[Int]], id: String? = nil) -> LabelledSequence {
    LabelledSequence(id: id, label: label, dimension: rows[0].count,
                     values: rows.flatMap { $0.map { Rational($0) } })
}

/// A small random data set, seeded: dimension 1-3, a pool of 1-6 tokens (so tokens repeat within and
/// across sequences), lengths 1-5, 1-3 labels, and now and then a permuted, repeated copy of an earlier
/// sequence with its label. Labels are then made consistent per canonical measure (under `positions`)
/// so the set is constructible.
func randomDataset(seed: UInt64, positions: Positions) -> Dataset {
    var r = TestRandom(seed: seed)
    let d = r.int(in: 1...3)
    let pool: [[Rational]] = (0..<r.int(in: 1...6)).map { _ in
        (0..<d).map { _ in rational(r.int(in: -4...4), r.int(in: 1...3)) }
    }
    let labelCount = r.int(in: 1...3)
    var sequences: [LabelledSequence] = []
    for j in 0..<r.int(in: 1...10) {
        if j > 0 && r.int(in: 0...3) == 0 {
            let source = sequences[r.int(in: 0...(j - 1))]
            let order = r.shuffled(Array(0..<source.length))
            let copies = r.int(in: 1...2)
            let values = (0..<copies).flatMap { _ in order.flatMap { source.token($0) } }
            sequences.append(LabelledSequence(id: "s\(j)", label: source.label!, dimension: d, values: values))
        } else {
            let values = (0..<r.int(in: 1...5)).flatMap { _ in pool[r.int(in: 0...(pool.count - 1))] }
            sequences.append(LabelledSequence(id: "s\(j)", label: Label("L\(r.int(in: 0...(labelCount - 1)))"),
                                              dimension: d, values: values))
        }
    }
    var first: [CanonicalMeasure: Label] = [:]
    for j in sequences.indices {
        let m = CanonicalMeasure.of(sequences[j], positions: positions)
        if let label = first[m] { sequences[j].labels = .whole(label) } else { first[m] = sequences[j].label! }
    }
    return Dataset(dimension: d, sequences: sequences)
}

/// Rank of a rational matrix by Gaussian elimination.
func rank(_ m: Matrix) -> Int {
    var rows = (0..<m.rows).map { m.row($0) }
    var rank = 0
    for column in 0..<m.columns {
        guard let pivot = (rank..<rows.count).first(where: { !rows[$0][column].isZero }) else { continue }
        rows.swapAt(rank, pivot)
        for r in (rank + 1)..<max(rank + 1, rows.count) where !rows[r][column].isZero {
            let factor = try! rows[r][column] / rows[rank][column]   // pivot is non-zero
            for c in column..<m.columns { rows[r][c] -= factor * rows[rank][c] }
        }
        rank += 1
    }
    return rank
}

/// Blocks counted from the layer list: each feedforward is a block (with the attention right before
/// it, if any); an attention layer not followed by a feedforward is a block of its own.
func blockCount(_ model: Model) -> Int {
    var blocks = 0
    for (i, layer) in model.layers.enumerated() {
        switch layer {
        case .feedforward: blocks += 1
        case .attention:
            if i + 1 == model.layers.count { blocks += 1 }
            else if case .feedforward = model.layers[i + 1] {} else { blocks += 1 }
        case .affine, .layerNorm: break
        }
    }
    return blocks
}
