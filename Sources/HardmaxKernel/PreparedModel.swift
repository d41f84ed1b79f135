import Exact
import HardmaxModel

/// What the kernel derives from a model once for many sequences: every matrix as the list of its
/// non-zero entries per row (for the enclosure replay; a product with an entry 0 is 0, so skipping it
/// changes nothing), keyed by the JSON path of the matrix (`layers[2].heads[0].query`), and the bit
/// limit's checkpoints (``BitLimit/checkpoints(_:)``).
public final class PreparedModel: Sendable {
    typealias Rows = [[(column: Int, value: Rational)]]
    private let byPath: [String: Rows]
    let checkpoints: [Int: ClosedRange<Int>]

    public init(_ model: Model) {
        var m: [String: Rows] = [:]
        func add(_ path: String, _ matrix: Matrix?) {
            guard let matrix else { return }
            m[path] = (0..<matrix.rows).map { r in
                (0..<matrix.columns).compactMap { c in matrix[r, c].isZero ? nil : (c, matrix[r, c]) }
            }
        }
        for (l, layer) in model.layers.enumerated() {
            switch layer {
            case .attention(let a):
                for (h, head) in a.heads.enumerated() {
                    let at = "layers[\(l)].heads[\(h)]"
                    switch head.score {
                    case .uniform: break
                    case .queryKey(let q, let k): add("\(at).query", q); add("\(at).key", k)
                    case .bilinear(let b): add("\(at).bilinear", b)
                    }
                    add("\(at).value", head.value)
                    add("\(at).output", head.output)
                }
            case .feedforward(let f): add("layers[\(l)].w1", f.w1); add("layers[\(l)].w2", f.w2)
            case .affine(let a): add("layers[\(l)].weight", a.weight)
            case .layerNorm: break
            }
        }
        add("readout.weight", model.readout.weight)
        byPath = m
        checkpoints = Dictionary(uniqueKeysWithValues: BitLimit.checkpoints(model).map { ($0.upperBound, $0) })
    }

    /// The rows of the matrix at `path`.
    /// - Precondition: `path` names a matrix of the model this was made from.
    func rows(_ path: String) -> Rows {
        guard let rows = byPath[path] else { preconditionFailure("PreparedModel: no matrix at \(path)") }
        return rows
    }
}
