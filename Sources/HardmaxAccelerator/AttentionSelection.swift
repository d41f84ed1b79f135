import Exact
import HardmaxModel
import HardmaxKernel

/// How a fast attention head finds C(i), the maximisers of its scores over J(i).
enum AttentionSelection {
    /// All scores 0: C(i) = J(i) (the uniform-scores shortcut).
    case uniform
    /// s(i, j) = (q.x_i)(k.x_j): C(i) is the argmax of k.x over J(i) when q.x_i > 0, the argmin
    /// when q.x_i < 0, and all of J(i) when q.x_i = 0 (the rank-1 scores shortcut). Exact: for a
    /// positive factor the order of s(i, .) is the order of k.x_j, for a negative one it is reversed.
    case rankOne(query: SparseVector, key: SparseVector)
    /// s(i, j) = (Q x_i).(K x_j): all pairs.
    case queryKey(query: [SparseVector], key: [SparseVector])
    /// s(i, j) = x_i^T A x_j: all pairs.
    case bilinear(SparseMatrix)

    init(_ score: AttentionScore, shortcuts: Shortcuts) {
        switch score {
        case .uniform:
            self = shortcuts.contains(.uniformScores) ? .uniform : .queryKey(query: [], key: [])
        case .queryKey(let q, let k):
            if shortcuts.contains(.rankOneScores) && q.rows == 1 {
                self = .rankOne(query: SparseVector(dense: q.row(0)), key: SparseVector(dense: k.row(0)))
            } else {
                self = .queryKey(query: (0..<q.rows).map { SparseVector(dense: q.row($0)) },
                                 key: (0..<k.rows).map { SparseVector(dense: k.row($0)) })
            }
        case .bilinear(let a):
            // A = c v^T (row r is c_r v) gives x_i^T A x_j = (c.x_i)(v.x_j).
            if shortcuts.contains(.rankOneScores), let f = RankOneFactor(a) {
                self = .rankOne(query: SparseVector(dense: f.coefficients), key: SparseVector(dense: f.direction))
            } else {
                self = .bilinear(SparseMatrix(a))
            }
        }
    }

    /// For every row i, the index of its group in the returned list, the groups (C(i) as rows), and
    /// the least gap between the maximal score and the largest score outside C(i) (nil: none).
    /// Under `causal` the rows must be the positions in order (no merged duplicates).
    func groups(_ t: TokenTable, causal: Bool) -> (assignment: [Int], groups: [RowGroup], gap: Rational?) {
        let n = t.rows
        precondition(!causal || n == t.length, "causal attention on merged duplicates")
        switch self {
        case .uniform:
            return causal ? prefixGroups(t)
                          : (Array(repeating: 0, count: n), [.rows(Array(0..<n))], nil)
        case .rankOne(let q, let k):
            let a = (0..<n).map { q.dot(t.values, base: $0 * t.width) }
            let b = (0..<n).map { k.dot(t.values, base: $0 * t.width) }
            return causal ? rankOneCausal(t, a, b) : rankOne(a, b)
        case .queryKey(let qm, let km):
            let qx = (0..<n).map { i in qm.map { $0.dot(t.values, base: i * t.width) } }
            let kx = (0..<n).map { j in km.map { $0.dot(t.values, base: j * t.width) } }
            return allPairs(n, causal: causal) { i, j in Self.dot(qx[i], kx[j]) }
        case .bilinear(let m):
            let mx = (0..<n).map { j in m.rows.map { $0.dot(t.values, base: j * t.width) } }
            return allPairs(n, causal: causal) { i, j in
                Self.dot(Array(t.values[(i * t.width)..<((i + 1) * t.width)]), mx[j])
            }
        }
    }

    /// Non-causal rank-1: three candidate groups (argmax, argmin, all), made only when used. The gap
    /// at i is a_i (hi - the largest b below hi) when a_i > 0, |a_i| (the least b above lo - lo) when
    /// a_i < 0, and none when a_i = 0 or every b is equal.
    private func rankOne(_ a: [Rational], _ b: [Rational]) -> ([Int], [RowGroup], Rational?) {
        let n = a.count
        guard let hi = b.max(), let lo = b.min() else { return ([], [], nil) }
        let belowHi = b.filter { $0 < hi }.max(), aboveLo = b.filter { $0 > lo }.min()
        var gap: Rational?
        func note(_ g: Rational) { gap = min(gap ?? g, g) }
        var assignment = [Int](repeating: 0, count: n)
        var groups: [RowGroup] = []
        var slot: [Int: Int] = [:]   // sign -> group index
        for i in 0..<n {
            let sign = a[i].signum
            if sign > 0, let next = belowHi { note(a[i] * (hi - next)) }
            if sign < 0, let next = aboveLo { note(a[i] * (lo - next)) }
            if let g = slot[sign] { assignment[i] = g; continue }
            let rows: [Int]
            switch sign {
            case 1: rows = (0..<n).filter { b[$0] == hi }
            case -1: rows = (0..<n).filter { b[$0] == lo }
            default: rows = Array(0..<n)
            }
            slot[sign] = groups.count
            assignment[i] = groups.count
            groups.append(.rows(rows))
        }
        return (assignment, groups, gap)
    }

    /// Causal rank-1: running argmax, argmin (each with the next distinct value, for the gap) and
    /// prefix sums over positions 0...i.
    private func rankOneCausal(_ t: TokenTable, _ a: [Rational], _ b: [Rational]) -> ([Int], [RowGroup], Rational?) {
        let n = a.count, w = t.width
        var hiSum = [Rational](repeating: .zero, count: w), loSum = hiSum, allSum = hiSum
        var hiCount = 0, loCount = 0
        var hi = Rational.zero, lo = Rational.zero
        var belowHi: Rational?, aboveLo: Rational?
        var gap: Rational?
        var groups: [RowGroup] = []
        for i in 0..<n {
            let row = Array(t.values[(i * w)..<((i + 1) * w)])
            for c in 0..<w { allSum[c] += row[c] }
            if i == 0 || b[i] > hi {
                if i > 0 { belowHi = hi }
                hi = b[i]; hiSum = row; hiCount = 1
            } else if b[i] == hi { for c in 0..<w { hiSum[c] += row[c] }; hiCount += 1 }
            else if belowHi.map({ b[i] > $0 }) ?? true { belowHi = b[i] }
            if i == 0 || b[i] < lo {
                if i > 0 { aboveLo = lo }
                lo = b[i]; loSum = row; loCount = 1
            } else if b[i] == lo { for c in 0..<w { loSum[c] += row[c] }; loCount += 1 }
            else if aboveLo.map({ b[i] < $0 }) ?? true { aboveLo = b[i] }
            switch a[i].signum {
            case 1:
                groups.append(.sum(hiSum, hiCount))
                if let next = belowHi { gap = min(gap ?? a[i] * (hi - next), a[i] * (hi - next)) }
            case -1:
                groups.append(.sum(loSum, loCount))
                if let next = aboveLo { gap = min(gap ?? a[i] * (lo - next), a[i] * (lo - next)) }
            default: groups.append(.sum(allSum, i + 1))
            }
        }
        return (Array(0..<n), groups, gap)
    }

    /// Causal uniform: prefix sums over positions 0...i.
    private func prefixGroups(_ t: TokenTable) -> ([Int], [RowGroup], Rational?) {
        let w = t.width
        var sum = [Rational](repeating: .zero, count: w)
        var groups: [RowGroup] = []
        for i in 0..<t.rows {
            for c in 0..<w { sum[c] += t.values[i * w + c] }
            groups.append(.sum(sum, i + 1))
        }
        return (Array(0..<t.rows), groups, nil)
    }

    /// General scores: for each i, the rows of J(i) with the maximal score.
    private func allPairs(_ n: Int, causal: Bool, _ score: (Int, Int) -> Rational) -> ([Int], [RowGroup], Rational?) {
        var groups: [RowGroup] = []
        var gap: Rational?
        for i in 0..<n {
            let allowed = causal ? (0...i).map { $0 } : Array(0..<n)
            let s = allowed.map { score(i, $0) }
            let best = s.max() ?? .zero  // J(i) holds i, so the maximum exists
            groups.append(.rows(allowed.indices.filter { s[$0] == best }.map { allowed[$0] }))
            if let next = s.filter({ $0 < best }).max() { gap = min(gap ?? best - next, best - next) }
        }
        return (Array(0..<n), groups, gap)
    }

    private static func dot(_ a: [Rational], _ b: [Rational]) -> Rational {
        var sum = DotAccumulator()
        for c in a.indices where !a[c].isZero && !b[c].isZero { sum.add(a[c], times: b[c]) }
        return sum.value
    }
}
