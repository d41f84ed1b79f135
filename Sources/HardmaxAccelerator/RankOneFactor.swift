import Exact
import HardmaxModel
import HardmaxKernel

/// A factorisation M = a v^T of a matrix whose rows are all multiples of one vector:
/// row u of M equals `coefficients[u] * direction` exactly.
///
/// `direction` is the first non-zero row (zero when M is zero, with all coefficients zero). Used by
/// the rank-1 feedforward shortcut (M = W1) and the rank-1 score shortcut (M = A).
struct RankOneFactor {
    let direction: [Rational]
    let coefficients: [Rational]

    /// nil when two rows are not proportional. - Complexity: O(rows x columns).
    init?(_ m: Matrix) {
        let nonZeroRow = (0..<m.rows).first { r in (0..<m.columns).contains { !m[r, $0].isZero } }
        guard let first = nonZeroRow else {
            direction = Array(repeating: .zero, count: m.columns)
            coefficients = Array(repeating: .zero, count: m.rows)
            return
        }
        let v = m.row(first)
        // v has a non-zero entry, so the pivot exists and the divisions below cannot fail.
        guard let p = v.firstIndex(where: { !$0.isZero }) else { return nil }
        var a: [Rational] = []
        a.reserveCapacity(m.rows)
        for r in 0..<m.rows {
            guard let alpha = v[p] == .one ? m[r, p] : try? m[r, p] / v[p] else { return nil }
            for c in 0..<m.columns {
                let entry = m[r, c]
                let proportional = v[c].isZero ? entry.isZero : v[c] == .one ? entry == alpha : entry == alpha * v[c]
                guard proportional else { return nil }
            }
            a.append(alpha)
        }
        direction = v
        coefficients = a
    }
}
