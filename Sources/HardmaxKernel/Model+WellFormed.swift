import Exact
import HardmaxModel

extension Model {
    /// The definition of a well-formed model (SPEC.md section 4): every matrix fits the width it reads,
    /// k >= 1 and equal for a head's query and key, at least one head, hidden unit, output row and class,
    /// distinct class names. The model reader, `verify` and `inspect` all use this one check, so no
    /// model can be read that the kernel would refuse, and no malformed model can make the kernel
    /// index out of range.
    ///
    /// - Throws: `InputError` naming the JSON path of the first offending part and what was expected,
    ///   e.g. `layers[3].w1: expected 12 columns (the width after layers[2] (affine)), found 11`.
    public func checkWellFormed() throws {
        guard dimension >= 1 else { throw InputError(path: "dimension", message: "the dimension must be at least 1") }
        var width = positions == .index
            ? Extent(dimension + 1, "the dimension \(dimension) plus 1 for positions \"index\"")
            : Extent(dimension, "the dimension")
        for (l, layer) in layers.enumerated() {
            let at = "layers[\(l)]"
            switch layer {
            case .attention(let a):
                guard !a.heads.isEmpty else { throw InputError(path: "\(at).heads", message: "expected at least one head, found none") }
                for (h, head) in a.heads.enumerated() {
                    let hp = "\(at).heads[\(h)]"
                    switch head.score {
                    case .uniform: break
                    case .bilinear(let m): try expect(m, width, width, "\(hp).bilinear")
                    case .queryKey(let q, let k):
                        try expect(q, nil, width, "\(hp).query")
                        try expect(k, Extent(q.rows, "the rows of query"), width, "\(hp).key")
                    }
                    try expect(head.value, width, width, "\(hp).value")
                }
            case .feedforward(let f):
                try expect(f.w1, nil, width, "\(at).w1")
                let m = Extent(f.w1.rows, "the rows of w1")
                try expect(f.b1, m, "\(at).b1")
                try expect(f.w2, width, m, "\(at).w2")
                try expect(f.b2, width, "\(at).b2")
            case .affine(let a):
                try expect(a.weight, nil, width, "\(at).weight")
                try expect(a.bias, Extent(a.weight.rows, "the rows of weight"), "\(at).bias")
                width = Extent(a.weight.rows, "the width after \(at) (affine)")
            }
        }
        guard !readout.classes.isEmpty else {
            throw InputError(path: "readout.classes", message: "expected at least one class, found none")
        }
        var firstIndex: [Label: Int] = [:]
        for (k, name) in readout.classes.enumerated() {
            if let first = firstIndex[name] {
                throw InputError(path: "readout.classes[\(k)]", message: "duplicate class name \"\(name)\" (also classes[\(first)])")
            }
            firstIndex[name] = k
        }
        let classes = Extent(readout.classes.count, "the number of classes")
        try expect(readout.weight, classes, width, "readout.weight")
        try expect(readout.bias, classes, "readout.bias")
    }

    /// A required count and where it comes from, for messages.
    private struct Extent {
        let count: Int
        let why: String
        init(_ count: Int, _ why: String) { (self.count, self.why) = (count, why) }
    }

    /// `rows` nil: any count of at least one.
    private func expect(_ m: Matrix, _ rows: Extent?, _ columns: Extent, _ path: String) throws {
        if let rows {
            try expect(m.rows, rows, path, "row")
        } else if m.rows == 0 {
            throw InputError(path: path, message: "expected at least one row, found none")
        }
        try expect(m.columns, columns, path, "column")
    }

    private func expect(_ v: [Rational], _ count: Extent, _ path: String) throws {
        try expect(v.count, count, path, "entry")
    }

    private func expect(_ found: Int, _ expected: Extent, _ path: String, _ noun: String) throws {
        guard found != expected.count else { return }
        let nouns = expected.count == 1 ? noun : (noun == "entry" ? "entries" : noun + "s")
        throw InputError(path: path, message: "expected \(expected.count) \(nouns) (\(expected.why)), found \(found)")
    }
}
