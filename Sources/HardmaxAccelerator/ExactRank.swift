import Exact
import HardmaxModel
import HardmaxKernel

/// The exact rank of a rational matrix by fraction-free Gaussian elimination (Bareiss, 1968).
///
/// Each row is first scaled by the lcm of its denominators (rank unchanged), then eliminated in
/// BigInt arithmetic: after a pivot p at (r, c) every entry below becomes
/// (a_ij p - a_ic a_rj) / p_prev, an exact division (the entries are minors of the original matrix).
/// - Complexity: O(rank x rows x columns) BigInt operations.
package enum ExactRank {
    package static func of(_ m: Matrix) -> Int {
        var a: [[BigInt]] = (0..<m.rows).map { integerRow(m.row($0)) }
        let rows = m.rows, columns = m.columns
        var rank = 0
        var previous = BigInt(1)
        for c in 0..<columns where rank < rows {
            guard let p = (rank..<rows).first(where: { !a[$0][c].isZero }) else { continue }
            a.swapAt(rank, p)
            let pivot = a[rank][c]
            for i in (rank + 1)..<rows {
                let factor = a[i][c]
                for j in (c + 1)..<columns {
                    let (q, r) = (a[i][j] * pivot - factor * a[rank][j]).quotientAndRemainder(dividingBy: previous)
                    precondition(r.isZero, "Bareiss elimination: inexact division")
                    a[i][j] = q
                }
                a[i][c] = BigInt(0)
            }
            previous = pivot
            rank += 1
        }
        return rank
    }

    /// The row times the lcm of its denominators: integers with the same span.
    private static func integerRow(_ row: [Rational]) -> [BigInt] {
        var l = BigInt(1)
        for x in row where !x.isInteger { l = l * x.denominator / BigInt.gcd(l, x.denominator) }
        return row.map { $0.numerator * (l / $0.denominator) }
    }

    /// Q^T K (w x w), whose rank is the rank of the score form x_i^T Q^T K x_j.
    package static func product(transposing q: Matrix, _ k: Matrix) -> Matrix {
        var out = Matrix(zeros: q.columns, k.columns)
        for r in 0..<q.columns {
            for c in 0..<k.columns {
                var acc = DotAccumulator()
                for t in 0..<q.rows { acc.add(q[t, r], times: k[t, c]) }
                out[r, c] = acc.value
            }
        }
        return out
    }

    /// A B (a.rows x b.columns), e.g. Wo Wv, the w x w value map of a factored head.
    /// - Precondition: `a.columns == b.rows`.
    package static func product(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "ExactRank.product: \(a.columns) columns times \(b.rows) rows")
        var out = Matrix(zeros: a.rows, b.columns)
        for r in 0..<a.rows {
            for c in 0..<b.columns {
                var acc = DotAccumulator()
                for t in 0..<a.columns { acc.add(a[r, t], times: b[t, c]) }
                out[r, c] = acc.value
            }
        }
        return out
    }
}
