import Exact
import HardmaxModel

/// The replay of SPEC.md section 11 at one working precision p: every value an `Enclosure` (an exact
/// rational until an irrational operation touches it, then an interval with dyadic ends, rounded
/// outward), so every value provably contains the real one.
///
/// - Copies are one value: equal input tokens (after embedding and positions) stay equal through every
///   layer up to the first causal attention layer (the argument of SPEC.md section 8), so until then
///   each distinct input token is one row weighted by the positions it stands for; from there on every
///   position is its own row.
/// - Softmax: a_h(i, j) = exp(s_ij) / sum_l exp(s_il) over the positions J(i), s the scaled scores;
///   when all of a row's scores are the same exact point the weights are exactly 1/|J(i)|.
/// - Hardmax: a row is out of C(i) when its score interval lies entirely below another's lower end;
///   C(i) is decided when one row is left or all left are exact (hence equal). Otherwise the position
///   is undecided, and so is every position that reads it later; its value is still a sound enclosure
///   (the hull of the candidates' values).
struct EnclosureReplay {
    let model: Model
    /// The working precision p in bits.
    let precision: Int
    /// The model's matrices by row, zeros left out.
    let sparse: PreparedModel

    /// The rows of a replayed sequence.
    struct Rows {
        var values: [[Enclosure]]
        /// How many positions each row stands for.
        var weights: [Int]
        var rowOfPosition: [Int]
        /// True for a row that read an undecided hardmax selection (now or in an earlier layer).
        var undecided: [Bool]
        /// Rows with the same class hold provably equal values (copies split into positions at a
        /// causal layer, whose inputs are still equal); nil: every row is its own class.
        var copyClass: [Int]? = nil
    }

    /// The rows of `s` (numbered `index`) after every layer.
    /// - Throws: `InputError` as `Semantics.initialTokens` and for the bit limit on exact values;
    ///   `EnclosureError` when an operation cannot be enclosed at this precision.
    func finalRows(_ s: LabelledSequence, index: Int, maxBits: Int) throws -> Rows {
        let tokens = try Semantics.initialTokens(model, s, index: index)
        var rows = Rows(values: [], weights: [], rowOfPosition: [], undecided: [])
        var rowOf: [[Rational]: Int] = [:]
        for token in tokens {
            if let r = rowOf[token] {
                rows.weights[r] += 1
                rows.rowOfPosition.append(r)
                continue
            }
            rowOf[token] = rows.values.count
            rows.rowOfPosition.append(rows.values.count)
            rows.values.append(token.map(Enclosure.init))
            rows.weights.append(1)
            rows.undecided.append(false)
        }
        for (l, layer) in model.layers.enumerated() {
            if case .attention(let a) = layer, a.causal, rows.values.count < rows.rowOfPosition.count {
                // Copies stop being one value here: each position becomes its own row.
                rows = Rows(values: rows.rowOfPosition.map { rows.values[$0] },
                            weights: Array(repeating: 1, count: rows.rowOfPosition.count),
                            rowOfPosition: Array(rows.rowOfPosition.indices),
                            undecided: rows.rowOfPosition.map { rows.undecided[$0] }, copyClass: rows.rowOfPosition)
            }
            switch layer {
            case .attention(let a): try attention(a, at: "layers[\(l)]", &rows)
            case .feedforward(let f): rows.values = try rows.values.map { try feedForward(f, at: "layers[\(l)]", $0) }
            case .affine(let m): rows.values = rows.values.map { plus(times("layers[\(l)].weight", $0), m.bias) }
            case .layerNorm(let n): rows.values = try rows.values.map { try layerNorm(n, $0) }
            }
            try BitLimit.check(rows.values.joined().compactMap(\.exactValue), maxBits: maxBits, layers: l...l,
                               sequence: s, index: index)
        }
        return rows
    }

    // MARK: Attention

    /// y_i = r x_i + sum_h ( Wo sum_{j in J(i)} a_h(i, j) (Wv z_j + bv) + bo ), z = LN(x) with a norm
    /// (Wo applied once to the weighted sum: the same real value, k_v instead of w products per term).
    private func attention(_ a: Attention, at layer: String, _ rows: inout Rows) throws {
        let x = rows.values
        let z = try a.norm.map { n in try x.map { try layerNorm(n, $0) } } ?? x
        var y = x.map { $0.map { $0.multiplied(by: a.residual, precision: precision) } }
        var undecided = rows.undecided
        for (h, head) in a.heads.enumerated() {
            let at = "\(layer).heads[\(h)]"
            let v = z.map { plus(times("\(at).value", $0), head.valueBias) }
            let score = scores(head, at: at, z)
            let beta = try scale(head.scale)
            for i in x.indices {
                let J = a.causal ? Array(0...i) : Array(x.indices)
                let s = J.map { score(i, $0) }
                if J.contains(where: { rows.undecided[$0] }) { undecided[i] = true }
                var update: [Enclosure]
                if model.semantics == .softmax {
                    let w = try softmax(s.map { $0.multiplied(by: beta, precision: precision) }, weights: J.map { rows.weights[$0] })
                    update = weightedSum(zip(J, w).map { (v[$0], $1) })
                } else {
                    let best = s.map(\.lowerBound).max()!   // J(i) holds i
                    let candidates = J.indices.filter { s[$0].upperBound >= best }
                    let chosen = candidates.map { J[$0] }
                    let count = chosen.reduce(0) { $0 + rows.weights[$1] }
                    // Decided: one row left, all left exact (so equal), or all copies of one token (their
                    // scores come from equal values, so they are equal).
                    let copies = rows.copyClass.map { c in Set(chosen.map { c[$0] }).count == 1 } ?? false
                    if chosen.count == 1 || copies || candidates.allSatisfy({ s[$0].isExact }) {
                        update = weightedSum(chosen.map { (v[$0], Enclosure(Rational(rows.weights[$0]).divided(by: count))) })
                    } else {
                        undecided[i] = true
                        update = hull(chosen.map { v[$0] })
                    }
                }
                if head.output != nil { update = times("\(at).output", update) }
                update = plus(update, head.outputBias)
                for c in y[i].indices { y[i][c] = y[i][c].adding(update[c], precision: precision) }
            }
        }
        rows.values = y
        rows.undecided = undecided
        rows.copyClass = nil   // after the layer, copies at different positions may differ
    }

    /// The unscaled scores (Q z_i + bq) . (K z_j + bk), z_i^T A z_j, or 0.
    private func scores(_ head: AttentionHead, at: String, _ z: [[Enclosure]]) -> (Int, Int) -> Enclosure {
        switch head.score {
        case .uniform:
            return { _, _ in Enclosure(Rational.zero) }
        case .queryKey:
            let qz = z.map { plus(times("\(at).query", $0), head.queryBias) }
            let kz = z.map { plus(times("\(at).key", $0), head.keyBias) }
            return { i, j in dot(qz[i], kz[j]) }
        case .bilinear:
            let mz = z.map { times("\(at).bilinear", $0) }
            return { i, j in dot(z[i], mz[j]) }
        }
    }

    private func scale(_ beta: ScoreScale) throws -> Enclosure {
        switch beta {
        case .rational(let b): return Enclosure(b)
        case .squareRoot(let q): return try Enclosure(q).squareRoot(precision: precision)
        }
    }

    /// Softmax weights of rows with multiplicities m: m_j exp(s_j) / sum_l m_l exp(s_l); exactly
    /// m_j / sum m when all scores are the same exact point. The scores are shifted by an exact c at
    /// least their largest upper end (the same real weights), so no exp overflows.
    private func softmax(_ s: [Enclosure], weights m: [Int]) throws -> [Enclosure] {
        let n = m.reduce(0, +)
        if let first = s[0].exactValue, s.allSatisfy({ $0.exactValue == first }) {
            return m.map { Enclosure(Rational($0).divided(by: n)) }
        }
        let c = s.map(\.upperBound).max()!
        let e = try s.map { try $0.subtracting(Enclosure(c), precision: precision).exp(precision: precision) }
        var total = Enclosure(Rational.zero)
        for (ej, mj) in zip(e, m) { total = total.adding(ej.multiplied(by: Rational(mj), precision: precision), precision: precision) }
        return try zip(e, m).map { try $0.multiplied(by: Rational($1), precision: precision).divided(by: total, precision: precision) }
    }

    /// sum_j w_j v_j.
    private func weightedSum(_ terms: [([Enclosure], Enclosure)]) -> [Enclosure] {
        var sum = [Enclosure](repeating: Enclosure(Rational.zero), count: terms[0].0.count)
        for (v, w) in terms {
            for c in sum.indices { sum[c] = sum[c].adding(v[c].multiplied(by: w, precision: precision), precision: precision) }
        }
        return sum
    }

    /// Per coordinate, an interval holding every one of the vectors (so every mean of some of them).
    private func hull(_ vectors: [[Enclosure]]) -> [Enclosure] {
        vectors[0].indices.map { c in
            let lower = vectors.map { $0[c].lowerBound }.min()!, upper = vectors.map { $0[c].upperBound }.max()!
            if lower == upper { return Enclosure(lower) }
            return Enclosure(lower: Dyadic(lower, bits: precision, .down), upper: Dyadic(upper, bits: precision, .up))
        }
    }

    // MARK: Per-token layers

    /// y = r x + W2 act(W1 z + b1) + b2, z = LN(x) with a norm.
    private func feedForward(_ f: FeedForward, at: String, _ x: [Enclosure]) throws -> [Enclosure] {
        let z = try f.norm.map { try layerNorm($0, x) } ?? x
        let hidden = try plus(times("\(at).w1", z), f.b1).map { try activation(f.activation, $0) }
        let out = plus(times("\(at).w2", hidden), f.b2)
        return x.indices.map { x[$0].multiplied(by: f.residual, precision: precision).adding(out[$0], precision: precision) }
    }

    /// relu(t) = max(t, 0); gelu(t) = t (1 + erf(t / sqrt 2)) / 2;
    /// gelu_tanh(t) = t (1 + tanh(sqrt(2/pi) (t + 0.044715 t^3))) / 2.
    private func activation(_ a: Activation, _ t: Enclosure) throws -> Enclosure {
        let p = precision
        let half = Rational(1).divided(by: 2)
        switch a {
        case .relu: return t.relu
        case .gelu:
            let u = try t.divided(by: Enclosure(Rational(2)).squareRoot(precision: p), precision: p)
            return t.multiplied(by: Enclosure(Rational.one).adding(u.erf(precision: p), precision: p), precision: p)
                .multiplied(by: half, precision: p)
        case .geluTanh:
            let c = try Enclosure(Rational(2)).divided(by: Enclosure.pi(precision: p), precision: p).squareRoot(precision: p)
            let cubic = t.multiplied(by: t, precision: p).multiplied(by: t, precision: p)
                .multiplied(by: Rational(44715).divided(by: 1_000_000), precision: p)
            let u = c.multiplied(by: t.adding(cubic, precision: p), precision: p)
            return t.multiplied(by: Enclosure(Rational.one).adding(u.tanh(precision: p), precision: p), precision: p)
                .multiplied(by: half, precision: p)
        }
    }

    /// y = gamma * (x - mu) / sqrt(var + epsilon) + beta, mu and var the mean and the biased variance
    /// of x's coordinates.
    private func layerNorm(_ n: LayerNorm, _ x: [Enclosure]) throws -> [Enclosure] {
        let p = precision
        var sum = Enclosure(Rational.zero)
        for v in x { sum = sum.adding(v, precision: p) }
        let mean = try sum.divided(by: Rational(x.count), precision: p)
        let d = x.map { $0.subtracting(mean, precision: p) }
        var squares = Enclosure(Rational.zero)
        for v in d { squares = squares.adding(v.multiplied(by: v, precision: p), precision: p) }
        let deviation = try squares.divided(by: Rational(x.count), precision: p)
            .adding(Enclosure(n.epsilon), precision: p).squareRoot(precision: p)
        return try d.indices.map { c in
            try d[c].multiplied(by: n.gamma[c], precision: p).divided(by: deviation, precision: p)
                .adding(Enclosure(n.beta[c]), precision: p)
        }
    }

    // MARK: Linear algebra

    /// M x for the matrix M at `path`, over its non-zero entries. While x is exact, the sums are
    /// exact (`DotAccumulator`, Exact's exact sum of products).
    func times(_ path: String, _ x: [Enclosure]) -> [Enclosure] {
        let exact = x.allSatisfy(\.isExact) ? x.map { $0.exactValue! } : nil
        return sparse.rows(path).map { row in
            if let exact {
                var sum = DotAccumulator()
                for (c, w) in row { sum.add(w, times: exact[c]) }
                return Enclosure(sum.value)
            }
            var sum = Enclosure(Rational.zero)
            for (c, w) in row { sum = sum.adding(x[c].multiplied(by: w, precision: precision), precision: precision) }
            return sum
        }
    }

    /// v + b (b nil: zeros).
    func plus(_ v: [Enclosure], _ b: [Rational]?) -> [Enclosure] {
        guard let b else { return v }
        return zip(v, b).map { $0.adding(Enclosure($1), precision: precision) }
    }

    func dot(_ a: [Enclosure], _ b: [Enclosure]) -> Enclosure {
        if a.allSatisfy(\.isExact) && b.allSatisfy(\.isExact) {
            var sum = DotAccumulator()
            for (x, y) in zip(a, b) { sum.add(x.exactValue!, times: y.exactValue!) }
            return Enclosure(sum.value)
        }
        var sum = Enclosure(Rational.zero)
        for (x, y) in zip(a, b) { sum = sum.adding(x.multiplied(by: y, precision: precision), precision: precision) }
        return sum
    }
}

extension EnclosureReplay {
    /// The reads of the readout: the mean over positions, the first or last position, or every position.
    func reads(_ rows: Rows) -> [EnclosedRead] {
        let r = model.readout
        func scores(_ z: [Enclosure]) -> [Enclosure] { plus(times("readout.weight", z), r.bias) }
        func read(_ position: Int) -> EnclosedRead {
            let row = rows.rowOfPosition[position]
            return EnclosedRead(position: position, scores: scores(rows.values[row]), undecided: rows.undecided[row])
        }
        let n = rows.rowOfPosition.count
        switch r.pool {
        case .first: return [read(0)]
        case .last: return [read(n - 1)]
        case .every: return (0..<n).map(read)
        case .mean:
            var z = [Enclosure](repeating: Enclosure(Rational.zero), count: rows.values[0].count)
            for (row, m) in zip(rows.values, rows.weights) {
                for c in z.indices {
                    z[c] = z[c].adding(row[c].multiplied(by: Rational(m).divided(by: n), precision: precision), precision: precision)
                }
            }
            return [EnclosedRead(position: 0, scores: scores(z), undecided: rows.undecided.contains(true))]
        }
    }
}
