import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import TestSupport
@testable import HardmaxKernel

/// Random small models of SPEC.md section 10 (symbols through an embedding or vectors, position tables,
/// the heads of ``compiledHead(width:)``, per-token labels, value readouts) and, with `enclosures`, of
/// section 11 (softmax, layer norms, pre-norm fields, GELU activations), with data sets for them.
/// Entries are small (as in ``RandomCase``) so that ties, duplicates and exact uniform softmax rows are
/// common.
extension RandomCase {
    /// gamma mostly 1 or small entries, beta mostly 0, epsilon 1/4, 1 or 1/100000.
    mutating func layerNorm(width w: Int) -> LayerNorm {
        LayerNorm(gamma: (0..<w).map { _ in chance(50) ? 1 : entry(zeros: 10) },
                  beta: (0..<w).map { _ in entry(zeros: 70) },
                  epsilon: [q(1, 4), q(1), q(1, 100_000)][int(0...2)])
    }

    /// A model and a data set for it; with `enclosures`, the model may use every field of section 11.
    mutating func compiledCase(enclosures: Bool) -> (model: Model, data: Dataset) {
        let d = int(1...3)
        let symbols = chance(50)
        let vocabulary: [Label] = (0..<int(2...4)).map { Label("s\($0)") }
        let embedding = symbols ? Embedding(vocabulary: vocabulary, table: matrix(vocabulary.count, d, zeros: 30)) : nil
        let maxLength = 6
        var positions = Positions.none, positionTable: Matrix?
        switch int(0...2) {
        case 0: positions = .index
        case 1: positionTable = matrix(maxLength, d, zeros: 60)
        default: break
        }
        var w = positions == .index ? d + 1 : d
        let causal = chance(30)
        var layers: [Layer] = []
        for _ in 0..<int(1...4) {
            switch int(0...10) {
            case 0...3:
                let heads = (0..<int(1...2)).map { _ in compiledHead(width: w) }
                let norm = enclosures && chance(30) ? layerNorm(width: w) : nil
                layers.append(.attention(Attention(heads: heads, residual: residual(), causal: causal && chance(70), norm: norm)))
            case 4...7:
                var f = feedForward(width: w)
                if enclosures {
                    f.activation = [Activation.relu, .gelu, .geluTanh][int(0...2)]
                    if chance(30) { f.norm = layerNorm(width: w) }
                }
                layers.append(.feedforward(f))
            case 8 where enclosures:
                layers.append(.layerNorm(layerNorm(width: w)))
            default:
                let w2 = int(1...3)
                layers.append(.affine(Affine(weight: matrix(w2, w, zeros: 30), bias: (0..<w2).map { _ in entry() })))
                w = w2
            }
        }
        let perToken = chance(40)
        let pool = perToken ? .every : [Pool.mean, .first, .last, .every][int(0...3)]
        let readout: Readout
        let valueCount = chance(30) ? int(1...2) : 0
        if valueCount > 0 {
            readout = Readout(pool: pool, values: ValueOutput(names: (0..<valueCount).map { Label("v\($0)") },
                                                              tolerance: [q(0), q(1, 2)][int(0...1)]),
                              weight: matrix(valueCount, w, zeros: 30), bias: (0..<valueCount).map { _ in entry(zeros: 60) })
        } else {
            let c = int(1...3)
            readout = Readout(pool: pool, classes: (0..<c).map { Label("c\($0)") }, weight: matrix(c, w, zeros: 30),
                              bias: (0..<c).map { _ in entry(zeros: 60) })
        }
        var model = Model(dimension: d, positions: positions, embedding: embedding, positionTable: positionTable,
                          layers: layers, readout: readout)
        if enclosures && chance(60) { model.semantics = .softmax }

        func label() -> Label {
            if valueCount > 0 {
                let numbers = (0..<valueCount).map { _ in [q(0), q(1), q(-1, 2), q(1, 2)][int(0...3)] }
                return Label(valueCount == 1 ? numbers[0].description : "[" + numbers.map(\.description).joined(separator: ", ") + "]")
            }
            return chance(10) ? "unknown" : Label("c\(int(0...(readout.classes.count - 1)))")
        }
        let values = [q(0), q(1), q(-1), q(1, 2)]
        let sequences = (0..<int(1...5)).map { j -> LabelledSequence in
            let n = int(1...maxLength)
            let labels: SequenceLabels = perToken ? .perToken((0..<n).map { _ in chance(30) ? nil : label() }) : .whole(label())
            let id = chance(50) ? "s\(j)" : nil
            if symbols {
                let few = chance(50) ? 2 : vocabulary.count
                return LabelledSequence(id: id, labels: labels, symbols: (0..<n).map { _ in vocabulary[int(0...(few - 1))] })
            }
            return LabelledSequence(id: id, labels: labels, dimension: d,
                                    values: (0..<(n * d)).map { _ in values[int(0...(chance(50) ? 1 : 3))] })
        }
        return (model, Dataset(dimension: symbols ? 0 : d, sequences: sequences))
    }
}

/// A JSON Lines text of `d` that both hardmax and the Python oracles read: numbers as `"p/q"` strings,
/// symbols as strings, a value label `[a, b]` as an array of number strings.
func jsonLinesForOracles(_ d: Dataset) -> String {
    func label(_ l: Label) -> JSONValue {
        guard l.text.hasPrefix("[") else { return .string(l.text) }
        return .array(l.text.dropFirst().dropLast().split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
    }
    return d.sequences.map { s in
        var members: [JSONMember] = []
        if let id = s.id { members.append(JSONMember(key: "id", value: .string(id))) }
        switch s.labels {
        case .whole(let l): members.append(JSONMember(key: "label", value: label(l)))
        case .perToken(let ls): members.append(JSONMember(key: "labels", value: .array(ls.map { $0.map(label) ?? .null })))
        }
        let tokens: [JSONValue] = s.isSymbolic ? s.symbols.map { .string($0.text) }
            : (0..<s.length).map { t in .array(s.token(t).map { .string($0.description) }) }
        members.append(JSONMember(key: "tokens", value: .array(tokens)))
        return JSONWriter.write(.object(members), style: .compact)
    }.joined(separator: "\n") + "\n"
}
