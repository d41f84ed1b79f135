import Exact
import HardmaxFormat

extension Model {
    /// Checks every shape rule of SPEC.md section 4 that the replay relies on, so that no malformed
    /// in-memory model can make the kernel index out of range. The model reader checks the same rules
    /// with file positions; this is the kernel's own, independent check.
    ///
    /// - Throws: `InputError` naming the JSON path of the first offending part.
    func checkShapes() throws {
        guard dimension >= 1 else { throw shapeError("dimension", "the dimension must be at least 1") }
        var w = inputWidth
        for (l, layer) in layers.enumerated() {
            let at = "layers[\(l)]"
            switch layer {
            case .attention(let a):
                guard !a.heads.isEmpty else { throw shapeError("\(at).heads", "an attention layer needs a head") }
                for (h, head) in a.heads.enumerated() {
                    let hp = "\(at).heads[\(h)]"
                    try expect(head.value, w, w, "\(hp).value")
                    switch head.score {
                    case .uniform: break
                    case .bilinear(let m): try expect(m, w, w, "\(hp).bilinear")
                    case .queryKey(let qm, let km):
                        guard qm.rows >= 1 else { throw shapeError("\(hp).query", "k must be at least 1") }
                        try expect(qm, qm.rows, w, "\(hp).query")
                        try expect(km, qm.rows, w, "\(hp).key")
                    }
                }
            case .feedforward(let f):
                let m = f.w1.rows
                guard m >= 1 else { throw shapeError("\(at).w1", "the hidden width must be at least 1") }
                try expect(f.w1, m, w, "\(at).w1")
                try expect(f.b1, m, "\(at).b1")
                try expect(f.w2, w, m, "\(at).w2")
                try expect(f.b2, w, "\(at).b2")
            case .affine(let a):
                guard a.weight.rows >= 1 else { throw shapeError("\(at).weight", "the new width must be at least 1") }
                try expect(a.weight, a.weight.rows, w, "\(at).weight")
                try expect(a.bias, a.weight.rows, "\(at).bias")
                w = a.weight.rows
            }
        }
        let c = readout.classes.count
        guard c >= 1 else { throw shapeError("readout.classes", "the readout needs at least one class") }
        guard Set(readout.classes).count == c else {
            throw shapeError("readout.classes", "class names must be distinct")
        }
        try expect(readout.weight, c, w, "readout.weight")
        try expect(readout.bias, c, "readout.bias")
    }

    private func expect(_ m: Matrix, _ rows: Int, _ columns: Int, _ path: String) throws {
        guard m.rows == rows, m.columns == columns else {
            throw shapeError(path, "expected a \(rows) x \(columns) matrix, found \(m.rows) x \(m.columns)")
        }
    }

    private func expect(_ v: [Rational], _ count: Int, _ path: String) throws {
        guard v.count == count else {
            throw shapeError(path, "expected \(count) entries, found \(v.count)")
        }
    }

    private func shapeError(_ path: String, _ message: String) -> InputError {
        InputError(path: path, message: message)
    }
}
