import Exact
import HardmaxFormat
import HardmaxModel
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Random small models and datasets built to hit ties: few distinct token values, small integer and
/// half-integer weights, many zeros, rank-1 matrices, layers that fuse.
struct RandomCase {
    var g: TestRandom
    /// When set, about one entry in four is a number of several limbs (``bigEntry()``).
    var bigEntries = false

    /// The stream starts one SplitMix64 step after `seed` (as it always has here), so a seed names
    /// the same case as before the generator moved to TestSupport.
    init(seed: UInt64) { g = TestRandom(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    mutating func int(_ r: ClosedRange<Int>) -> Int { g.int(in: r) }
    mutating func chance(_ p: Int) -> Bool { g.chance(p) }

    /// A small entry: mostly 0, else from {-2, -1, -1/2, 1/2, 1, 2}.
    mutating func entry(zeros: Int = 50) -> Rational {
        if chance(zeros) { return .zero }
        if bigEntries && chance(25) { return bigEntry() }
        return [q(-2), q(-1), q(-1, 2), q(1, 2), q(1), q(2)][int(0...5)]
    }

    mutating func matrix(_ rows: Int, _ columns: Int, zeros: Int = 50) -> Matrix {
        Matrix(rows: rows, columns: columns, entries: (0..<(rows * columns)).map { _ in entry(zeros: zeros) })
    }

    /// A matrix whose rows are multiples of one vector (rank <= 1).
    mutating func rankOne(_ rows: Int, _ columns: Int) -> Matrix {
        let v = (0..<columns).map { _ in entry(zeros: 40) }
        let a = (0..<rows).map { _ in entry(zeros: 20) }
        return Matrix(rows: rows, columns: columns, entries: a.flatMap { s in v.map { s * $0 } })
    }

    mutating func residual() -> Rational {
        chance(75) ? .one : [q(0), q(1, 2), q(2), q(-1)][int(0...3)]
    }

    mutating func head(width w: Int) -> AttentionHead {
        let score: AttentionScore
        switch int(0...4) {
        case 0: score = .uniform
        case 1: score = .queryKey(query: matrix(1, w, zeros: 30), key: matrix(1, w, zeros: 30))
        case 2:
            let k = int(2...3)
            score = .queryKey(query: matrix(k, w, zeros: 40), key: matrix(k, w, zeros: 40))
        case 3: score = .bilinear(matrix(w, w, zeros: 40))
        default: score = .bilinear(rankOne(w, w))
        }
        return AttentionHead(score: score, value: matrix(w, w, zeros: 60))
    }

    mutating func feedForward(width w: Int) -> FeedForward {
        let m = int(1...4)
        let w1 = chance(50) ? rankOne(m, w) : matrix(m, w, zeros: 60)
        return FeedForward(w1: w1, b1: (0..<m).map { _ in entry(zeros: 30) }, w2: matrix(w, m, zeros: 60),
                           b2: (0..<w).map { _ in entry(zeros: 70) }, residual: chance(85) ? .one : residual())
    }

    /// A model of 1 to 5 layers on tokens of dimension d.
    mutating func model(dimension d: Int) -> Model {
        let positions: Positions = chance(25) ? .index : .none
        var w = positions == .index ? d + 1 : d
        var layers: [Layer] = []
        let causal = chance(30)
        for _ in 0..<int(1...5) {
            switch int(0...9) {
            case 0...3:
                let heads = (0..<int(1...2)).map { _ in head(width: w) }
                layers.append(.attention(Attention(heads: heads, residual: residual(), causal: causal && chance(70))))
            case 4...8:
                layers.append(.feedforward(feedForward(width: w)))
            default:
                let w2 = int(1...3)
                layers.append(.affine(Affine(weight: matrix(w2, w, zeros: 30), bias: (0..<w2).map { _ in entry() })))
                w = w2
            }
        }
        let c = int(1...3)
        let pool = [Pool.mean, .first, .last, .every][int(0...3)]
        let readout = Readout(pool: pool, classes: (0..<c).map { Label("c\($0)") }, weight: matrix(c, w, zeros: 30),
                              bias: (0..<c).map { _ in entry(zeros: 60) })
        return Model(dimension: d, positions: positions, layers: layers, readout: readout)
    }

    /// 1 to 6 sequences of 1 to 6 tokens over few distinct values (so ties and duplicates abound).
    mutating func dataset(dimension d: Int, classes: Int) -> Dataset {
        let values = [q(0), q(1), q(-1), q(1, 2)]
        let sequences = (0..<int(1...6)).map { j -> LabelledSequence in
            let n = int(1...6)
            let label = chance(10) ? "unknown" : "c\(int(0...(classes - 1)))"
            return LabelledSequence(id: chance(50) ? "s\(j)" : nil, label: Label(label), dimension: d,
                                    values: (0..<(n * d)).map { _ in values[int(0...(chance(50) ? 1 : 3))] })
        }
        return Dataset(dimension: d, sequences: sequences)
    }
}
