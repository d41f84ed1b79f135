import Exact
import HardmaxModel

extension Model {
    /// The definition of a well-formed model (SPEC.md sections 4 and 10): every matrix and vector fits
    /// the width it reads, k >= 1 and equal for a head's query and key, at least one head, hidden unit,
    /// output row and class (or value), distinct class, value and vocabulary names, positive scales, a
    /// non-negative tolerance, and a position table only with positions `none`. The model reader, `verify` and `inspect` all use this one check, so no
    /// model can be read that the kernel would refuse, and no malformed model can make the kernel
    /// index out of range.
    ///
    /// - Throws: `InputError` naming the JSON path of the first offending part and what was expected,
    ///   e.g. `layers[3].w1: expected 12 columns (the width after layers[2] (affine)), found 11`.
    public func checkWellFormed() throws {
        guard dimension >= 1 else { throw InputError(path: "dimension", message: "the dimension must be at least 1") }
        let d = Extent(dimension, "the dimension")
        if let e = embedding {
            try distinct(e.vocabulary, "embedding.vocabulary", "symbol")
            try expect(e.table, Extent(e.vocabulary.count, "the size of the vocabulary"), d, "embedding.table")
        }
        if let p = positionTable {
            guard positions == .none else {
                throw InputError(path: "positions", message: "a position table cannot be combined with positions \"index\"")
            }
            try expect(p, nil, d, "positions.table")
        }
        var width = positions == .index
            ? Extent(dimension + 1, "the dimension \(dimension) plus 1 for positions \"index\"")
            : d
        for (l, layer) in layers.enumerated() {
            let at = "layers[\(l)]"
            switch layer {
            case .attention(let a):
                guard !a.heads.isEmpty else { throw InputError(path: "\(at).heads", message: "expected at least one head, found none") }
                for (h, head) in a.heads.enumerated() {
                    let hp = "\(at).heads[\(h)]"
                    try checkHead(head, width: width, hp)
                }
                try a.norm.map { try checkNorm($0, width: width, "\(at).norm") }
            case .layerNorm(let n):
                try checkNorm(n, width: width, at)
            case .feedforward(let f):
                try f.norm.map { try checkNorm($0, width: width, "\(at).norm") }
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
        let outputs: Extent
        if let values = readout.values {
            guard readout.classes.isEmpty else {
                throw InputError(path: "readout", message: "a readout has either \"classes\" or \"values\", not both")
            }
            try distinct(values.names, "readout.values", "value")
            guard values.tolerance.signum >= 0 else {
                throw InputError(path: "readout.tolerance", message: "expected a tolerance of at least 0, found \(values.tolerance)")
            }
            outputs = Extent(values.names.count, "the number of values")
        } else {
            try distinct(readout.classes, "readout.classes", "class")
            outputs = Extent(readout.classes.count, "the number of classes")
        }
        try expect(readout.weight, outputs, width, "readout.weight")
        try expect(readout.bias, outputs, "readout.bias")
    }

    private func checkNorm(_ n: LayerNorm, width: Extent, _ path: String) throws {
        try expect(n.gamma, width, "\(path).gamma")
        try expect(n.beta, width, "\(path).beta")
        guard n.epsilon.signum > 0 else {
            throw InputError(path: "\(path).epsilon", message: "expected an epsilon greater than 0, found \(n.epsilon)")
        }
    }

    private func checkHead(_ head: AttentionHead, width: Extent, _ hp: String) throws {
        switch head.score {
        case .uniform: break
        case .bilinear(let m): try expect(m, width, width, "\(hp).bilinear")
        case .queryKey(let q, let k):
            try expect(q, nil, width, "\(hp).query")
            try expect(k, Extent(q.rows, "the rows of query"), width, "\(hp).key")
            try expect(head.queryBias, Extent(q.rows, "the rows of query"), "\(hp).queryBias")
            try expect(head.keyBias, Extent(k.rows, "the rows of key"), "\(hp).keyBias")
        }
        if case .queryKey = head.score {} else if head.queryBias != nil || head.keyBias != nil {
            throw InputError(path: hp, message: "queryBias and keyBias need \"query\" and \"key\"")
        }
        if let o = head.output {
            try expect(head.value, nil, width, "\(hp).value")
            try expect(o, width, Extent(head.value.rows, "the rows of value"), "\(hp).output")
        } else {
            try expect(head.value, width, width, "\(hp).value")
        }
        try expect(head.valueBias, Extent(head.value.rows, "the rows of value"), "\(hp).valueBias")
        try expect(head.outputBias, width, "\(hp).outputBias")
        switch head.scale {
        case .rational(let beta) where beta.signum <= 0,  .squareRoot(let beta) where beta.signum <= 0:
            throw InputError(path: "\(hp).scale", message: "expected a scale greater than 0, found \(beta)")
        default: break
        }
    }

    /// At least one name, each once.
    private func distinct(_ names: [Label], _ path: String, _ noun: String) throws {
        guard !names.isEmpty else { throw InputError(path: path, message: "expected at least one \(noun), found none") }
        var firstIndex: [Label: Int] = [:]
        for (k, name) in names.enumerated() {
            if let first = firstIndex[name] {
                throw InputError(path: "\(path)[\(k)]", message: "duplicate \(noun) name \"\(name)\" (also \(path.split(separator: ".").last!)[\(first)])")
            }
            firstIndex[name] = k
        }
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

    /// nil: absent (zeros), always fits.
    private func expect(_ v: [Rational]?, _ count: Extent, _ path: String) throws {
        guard let v else { return }
        try expect(v.count, count, path, "entry")
    }

    private func expect(_ found: Int, _ expected: Extent, _ path: String, _ noun: String) throws {
        guard found != expected.count else { return }
        let nouns = expected.count == 1 ? noun : (noun == "entry" ? "entries" : noun + "s")
        throw InputError(path: path, message: "expected \(expected.count) \(nouns) (\(expected.why)), found \(found)")
    }
}
