import Exact
import HardmaxModel

/// The exact semantics of SPEC.md section 4, transcribed one rule at a time with no shortcut and plain
/// `Rational` arithmetic (`+`, `*`, comparison, division by a count). This is what a model computes;
/// every faster path is tested equal to it.
public enum Semantics {
    /// The tokens of sequence `s` (numbered `index` in its dataset) after positions and every layer.
    ///
    /// - Throws: `InputError` (path `layers[l]`) when a number needs more than `maxBits` bits after
    ///   layer l (``BitLimit``).
    /// - Complexity: O(n^2 w k) per attention head, O(n w m) per feedforward layer, n tokens of width w.
    public static func finalTokens(_ model: Model, _ s: LabelledSequence, index: Int,
                                   maxBits: Int) throws -> [[Rational]] {
        var x = (0..<s.length).map { t in model.positions == .index ? s.token(t) + [Rational(t + 1)] : s.token(t) }
        for (l, layer) in model.layers.enumerated() {
            switch layer {
            case .attention(let a): x = attention(a, x)
            case .feedforward(let f): x = x.map { feedForward(f, $0) }
            case .affine(let m): x = x.map { affine(m, $0) }
            }
            try BitLimit.check(x.joined(), maxBits: maxBits, layers: l...l, sequence: s, index: index)
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

    /// y_i = r x_i + sum_h (1/|C_h(i)|) sum_{j in C_h(i)} V_h x_j, where C_h(i) holds every maximiser of
    /// s_h(i, .) over J(i) (exact equality, each position once) and J(i) = 1..n, or 1..i when causal.
    static func attention(_ a: Attention, _ x: [[Rational]]) -> [[Rational]] {
        let n = x.count
        var y = x.map { $0.map { a.residual * $0 } }
        for head in a.heads {
            let v = x.map { times(head.value, $0) }
            let score = scores(head.score, x)
            for i in 0..<n {
                let allowed = a.causal ? Array(0...i) : Array(0..<n)
                let s = allowed.map { score(i, $0) }
                let best = s.max()!  // J(i) is never empty: it holds i
                let chosen = allowed.indices.filter { s[$0] == best }.map { allowed[$0] }
                for c in y[i].indices {
                    y[i][c] += chosen.reduce(Rational.zero) { $0 + v[$1][c] }.divided(by: chosen.count)
                }
            }
        }
        return y
    }

    /// s(i, j) = (Q x_i) . (K x_j), or x_i^T A x_j, or 0 (the products with Q, K, A computed once per token).
    static func scores(_ score: AttentionScore, _ x: [[Rational]]) -> (Int, Int) -> Rational {
        switch score {
        case .uniform:
            return { _, _ in .zero }
        case .queryKey(let q, let k):
            let qx = x.map { times(q, $0) }, kx = x.map { times(k, $0) }
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

    /// M x.
    static func times(_ m: Matrix, _ x: [Rational]) -> [Rational] {
        (0..<m.rows).map { r in dot(m.row(r), x) }
    }

    /// a . b.
    static func dot(_ a: [Rational], _ b: [Rational]) -> Rational {
        zip(a, b).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
    }
}
