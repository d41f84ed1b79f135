import Exact
import HardmaxKernel
import HardmaxModel

/// A model of SPEC.md section 10 rewritten as one of section 4 that computes the same tokens, so that
/// every shortcut of the fast path applies to it unchanged.
///
/// - Embeddings and position tables move into the input: a sequence becomes the vectors the kernel's
///   `Semantics.initialTokens` makes (symbols looked up, positions applied, with its errors).
/// - A head's output is folded into its value: V = Wo Wv (w x w). Under hardmax the scale is not
///   applied (it cannot change C(i)).
/// - Biases, when any is non-zero, use a constant coordinate 1 appended to every token:
///   (Q x + bq) = [Q | bq] (x, 1), the head adds [Wo Wv | Wo bv + bo] (x, 1) averaged over C(i) (the
///   constant averages to 1), and every layer keeps the constant at 1 (attention: head 0 adds
///   (1 - r); feedforward: b2 gets 1 - r; affine: the constant row is kept). The readout reads it with
///   weight 0.
///
/// Exact, so the lowered model's tokens equal the kernel's on the original coordinates; tests compare
/// the fast path with the kernel on random models with embeddings, position tables, biases and
/// factored heads.
package struct ModelLowering {
    /// The model the plan compiles (section 4 fields only).
    package let model: Model
    /// The original model, when it needed lowering; nil when `model` is the original.
    private let original: Model?
    /// True when a constant coordinate 1 is appended.
    let constant: Bool

    init(_ m: Model) {
        let heads = m.layers.flatMap { layer -> [AttentionHead] in
            if case .attention(let a) = layer { return a.heads }
            return []
        }
        guard m.embedding != nil || m.positionTable != nil || heads.contains(where: \.isFactoredOrBiased) else {
            (model, original, constant) = (m, nil, false)
            return
        }
        let biased = heads.contains { h in
            [h.queryBias, h.keyBias, h.valueBias, h.outputBias].contains { $0?.contains { !$0.isZero } ?? false }
        }
        let lowering = Lowering(constant: biased)
        var width = m.inputWidth
        var layers: [Layer] = []
        for layer in m.layers {
            switch layer {
            case .attention(let a): layers.append(.attention(lowering.attention(a, width: width)))
            case .feedforward(let f): layers.append(.feedforward(lowering.feedForward(f)))
            case .affine(let a):
                layers.append(.affine(lowering.affine(a, width: width)))
                width = a.weight.rows
            case .layerNorm: preconditionFailure("ModelLowering: a layer norm is replayed with enclosures, not lowered")
            }
        }
        var readout = m.readout
        readout.weight = lowering.widened(readout.weight)
        model = Model(dimension: m.inputWidth + (biased ? 1 : 0), layers: layers, readout: readout)
        (original, constant) = (m, biased)
    }

    /// `s` as the lowered model reads it (numbered `index`, for errors).
    /// - Throws: `InputError` as the kernel's `Semantics.initialTokens`.
    func sequence(_ s: LabelledSequence, index: Int) throws -> LabelledSequence {
        guard let original else {
            // A model of section 4 reads vectors only: a sequence of symbols gets the kernel's error.
            if s.isSymbolic { _ = try Semantics.initialTokens(model, s, index: index) }
            return s
        }
        let x = try Semantics.initialTokens(original, s, index: index)
        let values: [Rational] = x.flatMap { constant ? $0 + [Rational.one] : $0 }
        return LabelledSequence(id: s.id, labels: s.labels, dimension: model.dimension, values: values)
    }
}

/// The rewriting rules of ``ModelLowering`` for one choice of the constant coordinate.
private struct Lowering {
    let constant: Bool

    func attention(_ a: Attention, width w: Int) -> Attention {
        var out = a
        out.heads = a.heads.enumerated().map { h, head in
            var value = head.output.map { ExactRank.product($0, head.value) } ?? head.value
            var lowered = AttentionHead(score: score(head), value: value)
            guard constant else { return lowered }
            // The value's constant column: Wo bv + bo; its constant row keeps the coordinate at 1.
            let bv = head.valueBias ?? Array(repeating: 0, count: head.value.rows)
            let wobv = head.output.map { o in (0..<o.rows).map { r in Self.dot(o.row(r), bv) } } ?? bv
            let column = (0..<w).map { wobv[$0] + (head.outputBias?[$0] ?? 0) }
            value = Matrix(rowArrays: (0..<w).map { value.row($0) + [column[$0]] }
                           + [Array(repeating: 0, count: w) + [h == 0 ? 1 - a.residual : 0]], columns: w + 1)
            lowered.value = value
            return lowered
        }
        return out
    }

    private func score(_ head: AttentionHead) -> AttentionScore {
        switch head.score {
        case .uniform: return .uniform
        case .bilinear(let m): return .bilinear(constant ? widened(m, extraRow: true) : m)
        case .queryKey(let q, let k):
            guard constant else { return .queryKey(query: q, key: k) }
            return .queryKey(query: appending(q, head.queryBias), key: appending(k, head.keyBias))
        }
    }

    func feedForward(_ f: FeedForward) -> FeedForward {
        guard constant else { return f }
        return FeedForward(w1: widened(f.w1), b1: f.b1,
                           w2: Matrix(rowArrays: (0..<f.w2.rows).map { f.w2.row($0) } + [Array(repeating: 0, count: f.w2.columns)],
                                      columns: f.w2.columns),
                           b2: f.b2 + [1 - f.residual], residual: f.residual)
    }

    func affine(_ a: Affine, width w: Int) -> Affine {
        guard constant else { return a }
        let rows = (0..<a.weight.rows).map { a.weight.row($0) + [0] } + [Array(repeating: 0, count: w) + [1]]
        return Affine(weight: Matrix(rowArrays: rows, columns: w + 1), bias: a.bias + [0])
    }

    /// M with a zero column for the constant (and a zero row when `extraRow`).
    func widened(_ m: Matrix, extraRow: Bool = false) -> Matrix {
        guard constant else { return m }
        var rows = (0..<m.rows).map { m.row($0) + [0] }
        if extraRow { rows.append(Array(repeating: 0, count: m.columns + 1)) }
        return Matrix(rowArrays: rows, columns: m.columns + 1)
    }

    /// [M | b] (b nil: zeros).
    private func appending(_ m: Matrix, _ b: [Rational]?) -> Matrix {
        Matrix(rowArrays: (0..<m.rows).map { m.row($0) + [b?[$0] ?? 0] }, columns: m.columns + 1)
    }

    private static func dot(_ a: [Rational], _ b: [Rational]) -> Rational {
        var sum = DotAccumulator()
        for k in a.indices where !a[k].isZero && !b[k].isZero { sum.add(a[k], times: b[k]) }
        return sum.value
    }
}
