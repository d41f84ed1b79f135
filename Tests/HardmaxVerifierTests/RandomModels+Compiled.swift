import Exact
import HardmaxModel
@testable import HardmaxKernel

/// Random models of SPEC.md section 10 and their symbol datasets, built like ``RandomCase``'s to hit
/// ties and duplicates: few symbols (so sequences repeat them), small entries, biases that are often
/// absent or zero (no constant coordinate in the lowered model) and sometimes not, factored heads.
extension RandomCase {
    /// A vector of small entries: sometimes all zero (a bias present but zero), else mostly non-zero.
    mutating func bias(_ count: Int) -> [Rational] {
        let zero = chance(30)
        return (0..<count).map { _ in zero ? .zero : entry(zeros: 30) }
    }

    /// A head of ``head(width:)`` with, at random, biases (query/key only with those scores), a factored
    /// value (k_v from 1 to 3, so k_v != w often), an output bias and a scale.
    mutating func compiledHead(width w: Int) -> AttentionHead {
        var h = head(width: w)
        if case .queryKey(let q, _) = h.score {
            if chance(40) { h.queryBias = bias(q.rows) }
            if chance(40) { h.keyBias = bias(q.rows) }
        }
        if chance(50) {
            let kv = int(1...3)
            h.value = matrix(kv, w, zeros: 40)
            h.output = matrix(w, kv, zeros: 40)
        }
        if chance(40) { h.valueBias = bias(h.value.rows) }
        if chance(40) { h.outputBias = bias(w) }
        if chance(30) { h.scale = chance(50) ? .rational([q(1, 8), q(3), q(1, 2)][int(0...2)]) : .squareRoot(q(int(1...9), 8)) }
        return h
    }

    /// A model with an embedding of 2 to 4 symbols of dimension 1 to 3, sometimes a position table of
    /// `maxLength` rows (or positions `index`), 1 to 4 layers, and a readout: pool every (per-token
    /// labels) three times in four, over classes or, one time in three, values with a tolerance.
    mutating func compiledModel(maxLength: Int = 6) -> Model {
        let d = int(1...3)
        let symbols = int(2...4)
        let vocabulary = (0..<symbols).map { Label(["BOS", "a", "b", "7"][$0]) }
        let embedding = Embedding(vocabulary: vocabulary, table: matrix(symbols, d, zeros: 30))
        var positions = Positions.none
        var table: Matrix?
        switch int(0...3) {
        case 0: table = matrix(maxLength, d, zeros: 50)
        case 1: positions = .index
        default: break
        }
        var w = positions == .index ? d + 1 : d
        var layers: [Layer] = []
        let causal = chance(30)
        for _ in 0..<int(1...4) {
            switch int(0...9) {
            case 0...4:
                let heads = (0..<int(1...3)).map { _ in compiledHead(width: w) }
                layers.append(.attention(Attention(heads: heads, residual: residual(), causal: causal && chance(70))))
            case 5...8:
                layers.append(.feedforward(feedForward(width: w)))
            default:
                let w2 = int(1...3)
                layers.append(.affine(Affine(weight: matrix(w2, w, zeros: 30), bias: (0..<w2).map { _ in entry() })))
                w = w2
            }
        }
        let pool = chance(75) ? Pool.every : [Pool.mean, .first, .last][int(0...2)]
        let readout: Readout
        if chance(33) {
            let m = int(1...2)
            let tolerance = [q(0), q(0), q(1, 2), q(1)][int(0...3)]
            readout = Readout(pool: pool, values: ValueOutput(names: (0..<m).map { Label("v\($0)") }, tolerance: tolerance),
                              weight: matrix(m, w, zeros: 30), bias: (0..<m).map { _ in entry(zeros: 60) })
        } else {
            let c = int(1...3)
            readout = Readout(pool: pool, classes: (0..<c).map { Label("c\($0)") }, weight: matrix(c, w, zeros: 30),
                              bias: (0..<c).map { _ in entry(zeros: 60) })
        }
        return Model(dimension: d, positions: positions, embedding: embedding, positionTable: table, layers: layers,
                     readout: readout, metadata: .object([]))
    }

    /// A label the readout may or may not match: a class (or an unknown one), or for values one or more
    /// small numbers (now and then of the wrong count, or not a number).
    mutating func compiledLabel(_ readout: Readout) -> Label {
        guard let values = readout.values else {
            return chance(10) ? "unknown" : Label("c\(int(0...(readout.classes.count - 1)))")
        }
        if chance(5) { return "x" }
        let count = chance(5) ? values.names.count + 1 : values.names.count
        let numbers = (0..<count).map { _ in ["0", "1", "-1", "1/2", "-2", "3/2"][int(0...5)] }
        return Label(count == 1 && chance(50) ? numbers[0] : "[" + numbers.joined(separator: ", ") + "]")
    }

    /// 1 to 6 sequences of 1 to `maxLength` symbols of the model's vocabulary (repeats abound), labelled
    /// per token (a quarter null, BOS first now and then) under pool every, else with one label.
    mutating func symbolDataset(_ model: Model, maxLength: Int = 6) -> Dataset {
        let vocabulary = model.embedding?.vocabulary ?? ["a"]
        let sequences = (0..<int(1...6)).map { j -> LabelledSequence in
            let n = int(1...maxLength)
            var tokens = (0..<n).map { _ in vocabulary[int(0...(chance(60) ? 1 : vocabulary.count - 1))] }
            if chance(30) { tokens[0] = vocabulary[0] }
            let labels: SequenceLabels
            if model.readout.pool == .every && chance(85) {
                labels = .perToken((0..<n).map { t in (t == 0 && chance(50)) || chance(25) ? nil : compiledLabel(model.readout) })
            } else {
                labels = .whole(compiledLabel(model.readout))
            }
            return LabelledSequence(id: chance(50) ? "s\(j)" : nil, labels: labels, symbols: tokens)
        }
        return Dataset(dimension: 0, sequences: sequences)
    }
}
