import Exact
import HardmaxFormat
import HardmaxModel

/// One pure-attention clustering layer, replayed exactly:
///
///     s(i, j) = z_i^T A z_j,   C_i = { j : s(i, j) = max_l s(i, l) },
///     y_i     = r z_i + v (1/|C_i|) sum_{j in C_i} z_j,     r = 1/(1+alpha), v = alpha/(1+alpha).
///
/// This is SPEC.md section 4 for an attention layer with one `bilinear` head, value V = v I, residual r
/// and no mask, written out so that the attention sets are visible. Tests check that a run of these
/// steps ends on the same tokens as the verifier's replay of the whole model.
///
/// The scores are compared in integers: with z_j = N_j / D_j (N_j an integer vector, D_j > 0 the least
/// common denominator of z_j) and A = M / D_A (M an integer matrix, D_A > 0),
/// s(i, j) = (N_i^T M N_j) / (D_A D_i D_j). For a fixed i the factor 1/(D_A D_i) > 0 is common to every
/// j, so C_i is the set of maximisers of P_ij / D_j with P_ij = N_i^T M N_j, compared exactly by cross
/// multiplication. This is the same set as comparing the rationals, without a gcd per product.
struct ClusteringLayerStep: Sendable {
    /// M = D_A A as integers, or nil for the identity.
    let scoreMatrix: [[BigInt]]?
    let residual: Rational
    let valueScale: Rational

    init(matrix: Matrix?, residual: Rational, valueScale: Rational) {
        scoreMatrix = matrix.map(Self.integerRows)
        self.residual = residual
        self.valueScale = valueScale
    }

    /// The attention sets of `tokens` and the tokens after the layer.
    /// - Complexity: O(n^2 d) integer products for the scores (plus O(n d^2) when A is not the
    ///   identity), O(n^2) cross multiplications, and O(sum |C_i| d) rational operations for the means.
    func apply(_ tokens: [[Rational]]) -> (pattern: AttentionPattern, output: [[Rational]]) {
        let integers = tokens.map(IntegerToken.init)
        let queries = integers.map { query($0.numerators) }
        var sets: [[Int]] = []
        sets.reserveCapacity(tokens.count)
        var output: [[Rational]] = []
        output.reserveCapacity(tokens.count)
        for i in tokens.indices {
            let set = maximisers(queries[i], integers)
            sets.append(set)
            output.append(update(tokens[i], mean: mean(of: set, tokens)))
        }
        return (AttentionPattern(sets: sets), output)
    }

    /// M^T N (or N for the identity), so that P_ij = query_i . N_j.
    func query(_ n: [BigInt]) -> [BigInt] {
        guard let m = scoreMatrix else { return n }
        return (0..<n.count).map { c in
            var sum = BigInt(0)
            for r in 0..<n.count where !m[r][c].isZero && !n[r].isZero { sum += n[r] * m[r][c] }
            return sum
        }
    }

    /// All j maximising (u . N_j) / D_j, increasing.
    func maximisers(_ u: [BigInt], _ tokens: [IntegerToken]) -> [Int] {
        var best: (numerator: BigInt, denominator: BigInt)? = nil
        var set: [Int] = []
        for (j, z) in tokens.enumerated() {
            var p = BigInt(0)
            for c in 0..<u.count where !u[c].isZero && !z.numerators[c].isZero { p += u[c] * z.numerators[c] }
            guard let b = best else {
                best = (p, z.denominator)
                set = [j]
                continue
            }
            // p / D_j against b.numerator / b.denominator; both denominators are positive.
            let left = p * b.denominator, right = b.numerator * z.denominator
            if left == right {
                set.append(j)
            } else if left > right {
                best = (p, z.denominator)
                set = [j]
            }
        }
        return set
    }

    /// (1/|C|) sum_{j in C} z_j.
    func mean(of set: [Int], _ tokens: [[Rational]]) -> [Rational] {
        (0..<tokens[set[0]].count).map { c in
            var sum = Rational.zero
            for j in set { sum += tokens[j][c] }
            return sum.divided(by: set.count)
        }
    }

    /// r z + v m.
    func update(_ z: [Rational], mean m: [Rational]) -> [Rational] {
        zip(z, m).map { residual * $0 + valueScale * $1 }
    }

    /// The rows of D_A A, D_A the least common denominator of A's entries.
    static func integerRows(_ a: Matrix) -> [[BigInt]] {
        let common = IntegerToken(a.entries)
        return (0..<a.rows).map { r in Array(common.numerators[(r * a.columns)..<((r + 1) * a.columns)]) }
    }
}

/// A vector of rationals as N / D: integer numerators over one positive common denominator.
struct IntegerToken: Sendable, Equatable {
    let numerators: [BigInt]
    /// The least common denominator, > 0.
    let denominator: BigInt

    init(_ values: [Rational]) {
        var common = BigInt(1)
        for x in values where x.denominator != common {
            common = common / BigInt.gcd(common, x.denominator) * x.denominator
        }
        numerators = values.map { $0.numerator * (common / $0.denominator) }
        denominator = common
    }
}
