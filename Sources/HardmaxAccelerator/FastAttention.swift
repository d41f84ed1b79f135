import Exact
import HardmaxModel
import HardmaxKernel

/// An attention layer on the fast path.
///
/// For each head, every row i is assigned a group G (its set C(i) of maximisers, as rows); the
/// head's update for i is V (sum_{j in G} m_j x_j) / (sum_{j in G} m_j), where m_j is the row's
/// weight, so |C| counts positions. Rows that share a group share the update, which is computed once
/// (V applied to the weighted sum of the few coordinates V reads). All updates are computed from the
/// layer's input before any row is written. How C(i) is found is the head's ``AttentionSelection``.
final class FastAttention: Sendable {
    struct Head {
        let selection: AttentionSelection
        let value: SparseMatrix
    }

    let heads: [Head]
    let residual: Rational
    let causal: Bool
    /// Coordinates that may change: the non-zero rows of the values (all when the residual is not 1).
    let written: [Int]

    init(_ a: Attention, width: Int, shortcuts: Shortcuts) {
        heads = a.heads.map { Head(selection: AttentionSelection($0.score, shortcuts: shortcuts),
                                   value: SparseMatrix($0.value)) }
        residual = a.residual
        causal = a.causal
        written = a.residual == .one ? Array(Set(heads.flatMap(\.value.nonzeroRows))).sorted() : Array(0..<width)
    }

    /// Replaces the rows of `t` by the layer's output; returns each head's least attention gap.
    func apply(_ t: inout TokenTable) -> [Rational?] {
        // 1. Every head's groups and updates, from the input.
        var updates: [(assignment: [Int], vectors: [[Rational]], rows: [Int])] = []
        var gaps: [Rational?] = []
        for head in heads {
            let (assignment, groups, gap) = head.selection.groups(t, causal: causal)
            gaps.append(gap)
            if head.value.nonzeroRows.isEmpty { continue }
            let vectors = groups.map { g -> [Rational] in
                let (sum, count) = g.sum(t, columns: head.value.readColumns)
                return head.value.nonzeroRows.map { r in
                    head.value.rows[r].dot(sum, base: 0).divided(by: count)
                }
            }
            updates.append((assignment, vectors, head.value.nonzeroRows))
        }
        // 2. y = r x + sum of the updates.
        let w = t.width
        if residual != .one {
            for k in t.values.indices { t.values[k] = residual * t.values[k] }
        }
        for (assignment, vectors, rows) in updates {
            for i in 0..<t.rows {
                let v = vectors[assignment[i]]
                for (k, c) in rows.enumerated() where !v[k].isZero { t.values[i * w + c] += v[k] }
            }
        }
        return gaps
    }
}

/// A set of rows whose weighted coordinate sums an attention head averages.
enum RowGroup {
    /// The listed rows.
    case rows([Int])
    /// A sum already formed (dense, width of the table; exact only on the columns it was formed for)
    /// with its total weight.
    case sum([Rational], Int)

    func sum(_ t: TokenTable, columns: [Int]) -> (sum: [Rational], count: Int) {
        switch self {
        case .rows(let r): return t.weightedSum(of: columns, over: r)
        case .sum(let s, let n): return (s, n)
        }
    }
}
