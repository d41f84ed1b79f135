import Exact
import HardmaxModel

/// y_i = r x_i + sum_h ( Wo sum_{j in J(i)} a_h(i, j) (Wv z_j + bv) + bo ), z = LN(x) with a norm, the
/// weights a softmax of the scaled scores (SPEC.md sections 10 and 11).
struct Attention64: Sendable {
    let heads: [Head64]
    let residual: Interval64
    let causal: Bool
    let norm: Norm64?

    init(_ a: Attention) {
        (heads, residual, causal, norm) = (a.heads.map(Head64.init), Interval64(a.residual), a.causal, a.norm.map(Norm64.init))
    }

    func apply(_ x: Rows64) throws -> Rows64 {
        let z = try norm?.apply(x) ?? x
        var y = residual == .one ? x : Rows64(width: x.width, values: x.values.map { $0 * residual })
        y.irrational = z.irrational
        let block = FixedBlock(z.values)
        for head in heads { try head.add(z, block, causal: causal, to: &y) }
        return y
    }
}

/// One head with its matrices as ``SparseMatrix64``s and its score scale beta as an ``Interval64``.
struct Head64: Sendable {
    enum Score: Sendable {
        case uniform
        case queryKey(SparseMatrix64, queryBias: [Interval64]?, SparseMatrix64, keyBias: [Interval64]?)
        case bilinear(SparseMatrix64)
    }
    let score: Score
    let value: SparseMatrix64, valueBias: [Interval64]?
    let output: SparseMatrix64?, outputBias: [Interval64]?
    let scale: Interval64

    init(_ h: AttentionHead) {
        let bias = { (b: [Rational]?) in b.map { $0.map(Interval64.init) } }
        switch h.score {
        case .uniform: score = .uniform
        case .queryKey(let q, let k): score = .queryKey(SparseMatrix64(q), queryBias: bias(h.queryBias), SparseMatrix64(k), keyBias: bias(h.keyBias))
        case .bilinear(let a): score = .bilinear(SparseMatrix64(a))
        }
        (value, valueBias) = (SparseMatrix64(h.value), bias(h.valueBias))
        (output, outputBias) = (h.output.map(SparseMatrix64.init), bias(h.outputBias))
        switch h.scale {
        case .rational(let b): scale = Interval64(b)
        case .squareRoot(let q): scale = Interval64(try! Enclosure(q).squareRoot(precision: 128))   // q > 0: well formed
        }
    }

    /// The sides of the scores s(i, j) = left_i . right_j: (Q z + bq, K z + bk), or (z, A z); nil for
    /// a uniform head.
    private func sides(_ z: Rows64, _ block: FixedBlock) -> (Rows64, Rows64)? {
        switch score {
        case .uniform: return nil
        case .queryKey(let q, let qb, let k, let kb): return (z.mapped(q, plus: qb, block: block), z.mapped(k, plus: kb, block: block))
        case .bilinear(let a): return (z, z.mapped(a, plus: nil, block: block))
        }
    }

    /// Adds this head's term at every position to y; `block` is z in block fixed point.
    func add(_ z: Rows64, _ block: FixedBlock, causal: Bool, to y: inout Rows64) throws {
        let n = z.count
        let v = z.mapped(value, plus: valueBias, block: block)
        let values = FixedBlock(v.values)
        let dv = v.width
        // The scores s(i, j) = (beta left_i) . right_j, as exact sums over blocks.
        let sides = sides(z, block).map { left, right in
            (FixedBlock(left.values.map { $0 * scale }), FixedBlock(right.values), left.width)
        }
        var s = [Interval64](repeating: .zero, count: n)
        var exact = [(lower: Int128, upper: Int128)](repeating: (0, 0), count: n)
        var (low, high) = ([Int64](repeating: 0, count: n), [Int64](repeating: 0, count: n))
        var u = [Interval64](repeating: .zero, count: dv)
        var update: [Interval64] = []
        for i in 0..<n {
            let count = causal ? i + 1 : n
            // The weights e_j = exp(s_j - m), m >= every score (the same softmax), in block fixed point;
            // nil when every score is the same exact number (every weight exactly 1 / |J(i)|).
            var weights: FixedBlock?
            if let (left, right, w) = sides {
                if w <= ExactSum.exactTerms {
                    // Exact scores: s_j - max_l hi(s_l) is exact too, and goes to exp as it is.
                    var top = Int128.min
                    for j in 0..<count {
                        exact[j] = left.exactDot(from: i * w, right, from: j * w, count: w)
                        top = max(top, exact[j].upper)
                    }
                    let equal = (0..<count).allSatisfy { exact[$0].lower == top && exact[$0].upper == top }
                    if !equal {
                        let unit = left.exponent + right.exponent - 2
                        for j in 0..<count {
                            (low[j], high[j]) = Interval64.exponentialOnGrid(exact[j].lower &- top, exact[j].upper &- top,
                                                                              exponent: unit, fractionBits: Self.weightBits)
                        }
                        weights = FixedBlock(lower: Array(low[0..<count]), upper: Array(high[0..<count]), exponent: -Self.weightBits)
                    }
                } else {
                    for j in 0..<count { s[j] = left.dot(from: i * w, stride: 1, right, from: j * w, stride: 1, count: w) }
                    if !(s[0].isPoint && s[0..<count].allSatisfy { $0 == s[0] }) {
                        var m = s[0].upper
                        for j in 1..<max(count, 1) { m = Dyadic64.max(m, s[j].upper) }
                        weights = FixedBlock(try (0..<count).map { try (s[$0] - Interval64(m)).exp() })
                    }
                }
            }
            if let weights {
                // sum_j e_j v_j / sum_j e_j, one reciprocal.
                let inverse = try Interval64.one / weights.sum
                for c in 0..<dv { u[c] = weights.dot(from: 0, stride: 1, values, from: c, stride: dv, count: count) * inverse }
                y.irrational = true
            } else {
                let share = Interval64(Rational(1).divided(by: count))
                for c in u.indices {
                    var sum = Interval64.zero
                    for j in 0..<count { sum = sum + v[j, c] }
                    u[c] = sum * share
                }
            }
            update.removeAll(keepingCapacity: true)
            if let output { output.apply(FixedBlock(u), row: 0, plus: outputBias, into: &update) } else {
                update.append(contentsOf: outputBias.map { zip(u, $0).map { $0 + $1 } } ?? u)
            }
            let width = y.width
            y.values.withUnsafeMutableBufferPointer { out in
                for c in 0..<width { out[i * width + c] = out[i * width + c] + update[c] }
            }
        }
    }

    /// Fraction bits of the softmax weights' grid: every weight is at most 1 = 2^56 units.
    static let weightBits = 56
}
