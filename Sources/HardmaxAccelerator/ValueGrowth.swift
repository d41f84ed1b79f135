import Exact
import HardmaxKernel
import HardmaxModel

/// What one step of a replay does to the size of its numbers: a ``ValueBound`` in, one out, and the
/// bits the step's operations work on (the largest of its inputs, intermediates and outputs). Built
/// once from the model's parameters (O(parameters)); applied per class of sequence lengths in O(1)
/// (``WorkEstimate``). The rules, each an upper bound (SPEC.md sections 4, 10 and 11):
///
/// - affine y = M x + c: the denominators gain the lcm of M's and c's (``LinearBound``), the
///   magnitude the largest row sum;
/// - feedforward y = r x + W2 relu(W1 x + b1) + b2: W1 then W2, and r's denominator (GELU counts as
///   relu: its exact values are a subset);
/// - attention: each head averages V x_j over C(i): the common denominator of the sequence (or the
///   product of the tokens' own, whichever is smaller) times the lcm of the head's matrices times the
///   count |C(i)| (at most n for one token; at most lcm(1, ..., n) for the whole sequence);
/// - layer normalization: an enclosure at the working precision (``NormBound``);
/// - a rank-1 table (the fast path's, ``RankOneFeedForward``): y = r x + slope t + intercept with
///   t = v.x: one segment per token (its slope's and intercept's denominators), all segments across
///   the sequence;
/// - the readout: a mean pool averages the tokens (as a head does, divided by n), then W z + b.
indirect enum ValueGrowth: Sendable {
    case linear(LinearBound)
    case feedForward(FeedForwardBound)
    case attention(AttentionBound)
    case layerNorm(NormBound)
    case table(TableBound)
    case readout(mean: Bool, LinearBound)
    /// Steps one after another (a fused group of layers is their composition).
    case chain([ValueGrowth])

    /// The bound after the step for a sequence of `n` tokens, and the bits the step works on.
    func apply(_ v: ValueBound, n: Int) -> (out: ValueBound, bits: Int) {
        switch self {
        case .linear(let m):
            let y = m.apply(v)
            return (y, max(v.bits, y.bits))
        case .feedForward(let f): return f.apply(v, n: n)
        case .attention(let a): return a.apply(v, n: n)
        case .layerNorm(let norm): return norm.apply(v, n: n)
        case .table(let t): return t.apply(v, n: n)
        case .readout(let mean, let m):
            var z = v
            if mean {
                let d = ValueBound.sum(v.mixed(n: n), ValueBound.bits(of: n))
                z = ValueBound(token: d, sequence: d, magnitude: v.magnitude)
            }
            let y = m.apply(z)
            return (y, max(v.bits, z.bits, y.bits))
        case .chain(let steps):
            var x = v, bits = v.bits
            for s in steps {
                let (y, b) = s.apply(x, n: n)
                (x, bits) = (y, max(bits, b))
            }
            return (x, bits)
        }
    }

    /// One model layer.
    init(_ layer: Layer) {
        switch layer {
        case .affine(let a): self = .linear(LinearBound(a.weight, bias: a.bias))
        case .feedforward(let f): self = .feedForward(FeedForwardBound(f))
        case .attention(let a): self = .attention(AttentionBound(a))
        case .layerNorm(let n): self = .layerNorm(NormBound(n))
        }
    }

    init(_ r: Readout) { self = .readout(mean: r.pool == .mean, LinearBound(r.weight, bias: r.bias)) }
}

extension LinearBound {
    init(_ m: Matrix, bias: [Rational] = []) { self.init(entries: m.entries, columns: m.columns, bias: bias) }
}

/// The residual term r x of a layer.
struct ResidualBound: Sendable {
    let denominatorBits: Int
    let magnitude: Int

    init(_ r: Rational) { (denominatorBits, magnitude) = (ValueBound.denominatorBits(r), ValueBound.magnitude(r)) }
}

struct FeedForwardBound: Sendable {
    let norm: NormBound?
    let hidden: LinearBound
    let output: LinearBound
    let residual: ResidualBound

    init(_ f: FeedForward) {
        norm = f.norm.map(NormBound.init)
        hidden = LinearBound(f.w1, bias: f.b1)
        output = LinearBound(f.w2, bias: f.b2)
        residual = ResidualBound(f.residual)
    }

    func apply(_ v: ValueBound, n: Int) -> (out: ValueBound, bits: Int) {
        var x = v, bits = v.bits
        if let norm { (x, bits) = norm.apply(v, n: n) }
        let h = hidden.apply(x)
        let o = output.apply(h)
        // Without a norm Q_x divides Q_o; with one, r x and W2 h share nothing.
        let base = norm == nil ? ValueBound(token: 0, sequence: 0, magnitude: 0) : v
        let y = ValueBound(token: ValueBound.sum(base.token, o.token, residual.denominatorBits),
                           sequence: ValueBound.sum(base.sequence, o.sequence, residual.denominatorBits),
                           magnitude: max(v.magnitude + residual.magnitude, o.magnitude) + 1)
        return (y, max(bits, h.bits, o.bits, y.bits))
    }
}

struct AttentionBound: Sendable {
    struct Head: Sendable {
        let value: LinearBound
        let output: LinearBound?
        /// Query and key (with their biases), or the bilinear form (query nil).
        let query: LinearBound?
        let key: LinearBound?
    }
    let heads: [Head]
    let norm: NormBound?
    let residual: ResidualBound

    init(_ a: Attention) {
        norm = a.norm.map(NormBound.init)
        residual = ResidualBound(a.residual)
        heads = a.heads.map { h in
            let value = LinearBound(h.value, bias: h.valueBias ?? [])
            let output = h.output.map { LinearBound($0, bias: h.outputBias ?? []) }
            switch h.score {
            case .uniform: return Head(value: value, output: output, query: nil, key: nil)
            case .queryKey(let q, let k):
                return Head(value: value, output: output, query: LinearBound(q, bias: h.queryBias ?? []),
                            key: LinearBound(k, bias: h.keyBias ?? []))
            case .bilinear(let m): return Head(value: value, output: output, query: nil, key: LinearBound(m))
            }
        }
    }

    func apply(_ v: ValueBound, n: Int) -> (out: ValueBound, bits: Int) {
        var x = v, bits = v.bits
        if let norm { (x, bits) = norm.apply(v, n: n) }
        let mix = x.mixed(n: n)
        let pooled = ValueBound(token: mix, sequence: mix, magnitude: x.magnitude)
        let one = ValueBound.bits(of: n), all = ValueBound.countLcmBits(n)
        let base = norm == nil ? ValueBound(token: 0, sequence: 0, magnitude: 0) : v
        var token = ValueBound.sum(base.token, mix, residual.denominatorBits)
        var sequence = ValueBound.sum(base.sequence, mix, residual.denominatorBits)
        var magnitude = v.magnitude + residual.magnitude
        for h in heads {
            let value = h.value.apply(pooled)
            let out = h.output?.apply(value) ?? value
            let denominator = h.value.denominatorBits + (h.output?.denominatorBits ?? 0)
            token = ValueBound.sum(token, denominator, one)
            sequence = ValueBound.sum(sequence, denominator, all)
            magnitude = max(magnitude, out.magnitude)
            bits = max(bits, value.bits, out.bits)
            // The scores: (Q x_i + bq).(K x_j + bk), or x_i^T A x_j.
            if let k = h.key?.apply(x) {
                let q = h.query?.apply(x) ?? x
                bits = max(bits, ValueBound.sum(q.bits, k.bits, ValueBound.bits(of: max(h.key?.terms ?? 0, 1))))
            }
        }
        let y = ValueBound(token: token, sequence: sequence, magnitude: magnitude + ValueBound.bits(of: heads.count + 1))
        return (y, max(bits, y.bits))
    }
}

/// y_c = gamma_c (x_c - mu) / sqrt(var + epsilon) + beta_c over a token's w coordinates. The square
/// root is an interval of dyadic ends at the working precision (``Kernel/startPrecision`` bits, more
/// only for undecided sequences), so the result is one too: a power of two for a denominator, common
/// to every token. (An exact square root, when var + epsilon happens to be a perfect square, keeps the
/// result exact; that case is not bounded here.)
struct NormBound: Sendable {
    let parameters: LinearBound
    let width: Int

    init(_ n: LayerNorm) {
        parameters = LinearBound(entries: n.gamma, columns: 1, bias: n.beta)
        width = n.gamma.count
    }

    func apply(_ v: ValueBound, n: Int) -> (out: ValueBound, bits: Int) {
        let w = ValueBound.bits(of: width)
        // |x_c - mu| / sqrt(var) <= sqrt(w): |y| <= |gamma| sqrt(w) + |beta|.
        let magnitude = max(parameters.gain + w, parameters.biasMagnitude) + 1
        let token = ValueBound.sum(Kernel.startPrecision, w, max(-magnitude, 0), parameters.denominatorBits)
        let y = ValueBound(token: token, sequence: token, magnitude: magnitude)
        // The mean and the variance are computed from the input's numbers.
        return (y, max(v.bits, ValueBound.sum(v.bits, v.bits, w), y.bits))
    }
}

/// The fast path's rank-1 table (``RankOneFeedForward``): y_c = r x_c + slope[s][c] t + intercept[s][c]
/// with t = v.x and s the token's segment; its kinks are compared with t.
struct TableBound: Sendable {
    let direction: LinearBound
    let residual: ResidualBound
    /// The most bits one segment's slopes and intercepts add to a token's denominator (their product).
    let segment: Int
    /// The lcm bound over all segments' slopes and intercepts (tokens in different segments).
    let all: Int
    let slopeMagnitude: Int
    let interceptMagnitude: Int
    let kinkBits: Int

    init(_ f: RankOneFeedForward) {
        direction = LinearBound(entries: f.direction.values, columns: f.direction.values.count, bias: [])
        residual = ResidualBound(f.residual)
        let width = max(f.written.count, 1)
        var segment = 0, slope = ValueBound.none, intercept = ValueBound.none
        var all = DenominatorBound()
        for s in 0..<(f.slopes.count / width) {
            var bits = 0
            for k in (s * width)..<((s + 1) * width) {
                let (a, b) = (f.slopes[k], f.intercepts[k])
                bits = ValueBound.sum(bits, ValueBound.denominatorBits(a), ValueBound.denominatorBits(b))
                slope = max(slope, ValueBound.magnitude(a))
                intercept = max(intercept, ValueBound.magnitude(b))
                all.add(a)
                all.add(b)
            }
            segment = max(segment, bits)
        }
        (self.segment, self.all, slopeMagnitude, interceptMagnitude) = (segment, all.bits, slope, intercept)
        kinkBits = f.kinks.reduce(0) { max($0, $1.bitLength) }
    }

    func apply(_ v: ValueBound, n: Int) -> (out: ValueBound, bits: Int) {
        let t = direction.apply(v)
        let token = ValueBound.sum(v.token, residual.denominatorBits, direction.denominatorBits, segment)
        let sequence = min(ValueBound.sum(v.sequence, residual.denominatorBits, direction.denominatorBits, all),
                           ValueBound.product(n, token))
        let y = ValueBound(token: token, sequence: sequence,
                           magnitude: max(v.magnitude + residual.magnitude, slopeMagnitude + t.magnitude, interceptMagnitude) + 2)
        return (y, max(v.bits, t.bits, y.bits, kinkBits))
    }
}
