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
        let rows = (0..<m.rows).map { m.row($0) }
        guard let v = rows.first(where: { row in row.contains { !$0.isZero } }) else {
            direction = Array(repeating: .zero, count: m.columns)
            coefficients = Array(repeating: .zero, count: m.rows)
            return
        }
        // v has a non-zero entry, so the pivot exists and the divisions below cannot fail.
        guard let p = v.firstIndex(where: { !$0.isZero }) else { return nil }
        var a: [Rational] = []
        for row in rows {
            guard let alpha = try? row[p] / v[p] else { return nil }
            for c in row.indices where row[c] != alpha * v[c] { return nil }
            a.append(alpha)
        }
        direction = v
        coefficients = a
    }
}
