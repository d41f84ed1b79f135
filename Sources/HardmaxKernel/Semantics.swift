import Exact
import HardmaxModel

/// The exact semantics of SPEC.md sections 4 and 10, transcribed one rule at a time with no shortcut
/// and plain `Rational` arithmetic (`+`, `*`, comparison, division by a count). This is what a model
/// computes; every faster path is tested equal to it.
public enum Semantics {
    /// The tokens of sequence `s` (numbered `index` in its dataset) after positions and every layer,
    /// and for each head of each attention layer (in order) its least attention gap (SPEC.md section 10).
    ///
    /// - Throws: `InputError` as ``initialTokens(_:_:index:)``, and (path `layers[l]`) when a number
    ///   needs more than `maxBits` bits after layer l, checked where ``BitLimit/checkpoints(_:)`` says.
    /// - Complexity: O(n^2 w k) per attention head, O(n w m) per feedforward layer, n tokens of width w.
    public static func finalTokens(_ model: Model, _ s: LabelledSequence, index: Int,
                                   maxBits: Int) throws -> (tokens: [[Rational]], gaps: [Rational?]) {
        try finalTokens(model, s, index: index, maxBits: maxBits,
                        checkpoints: Dictionary(uniqueKeysWithValues: BitLimit.checkpoints(model).map { ($0.upperBound, $0) }))
    }

    /// `checkpoints`: ``BitLimit/checkpoints(_:)`` by last layer, made once per model.
    static func finalTokens(_ model: Model, _ s: LabelledSequence, index: Int, maxBits: Int,
                            checkpoints: [Int: ClosedRange<Int>]) throws -> (tokens: [[Rational]], gaps: [Rational?]) {
        guard !model.needsEnclosures else {
            throw InputError(path: "semantics", message: "softmax, layer normalization and GELU are irrational: "
                             + "this model is replayed with enclosures (EnclosureReplay), not exactly")
        }
        var x = try initialTokens(model, s, index: index)
        var gaps: [Rational?] = []
        for (l, layer) in model.layers.enumerated() {
            switch layer {
            case .attention(let a):
                let (y, g) = attention(a, x)
                x = y
                gaps += g
            case .feedforward(let f): x = x.map { feedForward(f, $0) }
            case .affine(let m): x = x.map { affine(m, $0) }
            case .layerNorm: preconditionFailure("checked above: needsEnclosures")
            }
            if let run = checkpoints[l] {
                try BitLimit.check(x.joined(), maxBits: maxBits, layers: run, sequence: s, index: index)
            }
        }
        return (x, gaps)
    }

    /// The tokens before the first layer: vectors as read, or symbol v as row v of the embedding; then
    /// the position t appended (positions `index`, 1-based) or row t of the position table added
    /// (0-based).
    /// - Throws: `InputError` when a symbol sequence meets a model without an embedding (or the reverse),
    ///   a symbol is not in the vocabulary, or the sequence is longer than the position table.
    public static func initialTokens(_ model: Model, _ s: LabelledSequence, index: Int) throws -> [[Rational]] {
        let which = s.id.map { "sequence \(index) (id \($0))" } ?? "sequence \(index)"
        var x: [[Rational]]
        switch (model.embedding, s.isSymbolic) {
        case (let e?, true):
            x = try s.symbols.map { v in
                guard let row = e.vocabulary.firstIndex(of: v) else {
                    throw InputError(path: "embedding.vocabulary",
                                     message: "\(which): symbol \"\(v)\" is not in the model's vocabulary")
                }
                return e.table.row(row)
            }
        case (nil, false): x = (0..<s.length).map { s.token($0) }
        case (nil, true):
            throw InputError(path: "embedding", message: "\(which) has symbol tokens, but the model has no embedding")
        case (_?, false):
            throw InputError(path: "embedding", message: "\(which) has vector tokens, but the model reads symbols")
        }
        if model.positions == .index { x = x.indices.map { x[$0] + [Rational($0 + 1)] } }
        if let p = model.positionTable {
            guard x.count <= p.rows else {
                throw InputError(path: "positions.table", message: "\(which) has \(x.count) tokens, more than the "
                                 + "\(p.rows) rows of the position table")
            }
            x = x.indices.map { t in zip(x[t], p.row(t)).map { $0 + $1 } }
        }
        return x
    }

    /// The tokens the readout reads: the mean, the first or the last token, or every token.
    package static func reads(_ readout: Readout, _ x: [[Rational]]) -> [ReadScores] {
        switch readout.pool {
        case .mean:
            let z = x[0].indices.map { c in x.reduce(Rational.zero) { $0 + $1[c] }.divided(by: x.count) }
            return [ReadScores(position: 0, scores: readout.scores(of: z))]
        case .first: return [ReadScores(position: 0, scores: readout.scores(of: x[0]))]
        case .last: return [ReadScores(position: x.count - 1, scores: readout.scores(of: x[x.count - 1]))]
        case .every: return x.indices.map { ReadScores(position: $0, scores: readout.scores(of: x[$0])) }
        }
    }

    /// y_i = r x_i + sum_h ( (1/|C_h(i)|) sum_{j in C_h(i)} Wo (Wv x_j + bv) + bo ), where C_h(i) holds
    /// every maximiser of s_h(i, .) over J(i) (exact equality, each position once) and J(i) = 1..n, or
    /// 1..i when causal; Wo = I without `output`. The scale cannot change C_h(i) and is not applied.
    /// Also each head's gap: the least, over i, of max s_h(i, .) minus the largest score outside
    /// C_h(i); nil when C_h(i) = J(i) for every i.
    static func attention(_ a: Attention, _ x: [[Rational]]) -> ([[Rational]], [Rational?]) {
        let n = x.count
        var y = x.map { $0.map { a.residual * $0 } }
        var gaps: [Rational?] = []
        for head in a.heads {
            let v = x.map { plus(times(head.value, $0), head.valueBias) }
            let score = scores(head, x)
            var gap: Rational?
            for i in 0..<n {
                let allowed = a.causal ? Array(0...i) : Array(0..<n)
                let s = allowed.map { score(i, $0) }
                let best = s.max()!  // J(i) is never empty: it holds i
                let chosen = allowed.indices.filter { s[$0] == best }.map { allowed[$0] }
                if let next = s.filter({ $0 < best }).max() { gap = min(gap ?? best - next, best - next) }
                let mean = v[0].indices.map { c in chosen.reduce(Rational.zero) { $0 + v[$1][c] }.divided(by: chosen.count) }
                let update = plus(head.output.map { times($0, mean) } ?? mean, head.outputBias)
                for c in y[i].indices { y[i][c] += update[c] }
            }
            gaps.append(gap)
        }
        return (y, gaps)
    }

    /// s(i, j) = (Q x_i + bq) . (K x_j + bk), or x_i^T A x_j, or 0 (the products with Q, K, A computed
    /// once per token), without the scale.
    static func scores(_ head: AttentionHead, _ x: [[Rational]]) -> (Int, Int) -> Rational {
        switch head.score {
        case .uniform:
            return { _, _ in .zero }
        case .queryKey(let q, let k):
            let qx = x.map { plus(times(q, $0), head.queryBias) }, kx = x.map { plus(times(k, $0), head.keyBias) }
            return { i, j in dot(qx[i], kx[j]) }
        case .bilinear(let m):
            let mx = x.map { times(m, $0) }
            return { i, j in dot(x[i], mx[j]) }
        }
    }

    /// y = r x + W2 relu(W1 x + b1) + b2.
    static func feedForward(_ f: FeedForward, _ x: [Rational]) -> [Rational] {
        let pre = times(f.w1, x)
        let hidden = pre.indices.map { (pre[$0] + f.b1[$0]).relu }
        let out = times(f.w2, hidden)
        return x.indices.map { f.residual * x[$0] + out[$0] + f.b2[$0] }
    }

    /// y = M x + c.
    static func affine(_ a: Affine, _ x: [Rational]) -> [Rational] {
        let mx = times(a.weight, x)
        return mx.indices.map { mx[$0] + a.bias[$0] }
    }

    /// v + b (b nil: zeros).
    static func plus(_ v: [Rational], _ b: [Rational]?) -> [Rational] {
        guard let b else { return v }
        return zip(v, b).map { $0 + $1 }
    }

    /// M x. (Terms with a factor 0 are 0 and are skipped.)
    static func times(_ m: Matrix, _ x: [Rational]) -> [Rational] {
        (0..<m.rows).map { r in
            (0..<m.columns).reduce(Rational.zero) { sum, c in
                m[r, c].isZero || x[c].isZero ? sum : sum + m[r, c] * x[c]
            }
        }
    }

    /// a . b. (Terms with a factor 0 are 0 and are skipped.)
    static func dot(_ a: [Rational], _ b: [Rational]) -> Rational {
        zip(a, b).reduce(Rational.zero) { $1.0.isZero || $1.1.isZero ? $0 : $0 + $1.0 * $1.1 }
    }
}
