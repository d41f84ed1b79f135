import Exact
import HardmaxFormat

/// The tokens of one sequence during the fast replay: rows of equal width, each with a multiplicity.
///
/// Without the duplicates shortcut every row is one position, in order, with weight 1. With it, each
/// distinct input token is one row, weighted by how many positions hold it (SPEC.md section 8: when no
/// layer is causal and the pool is mean or every, equal tokens stay equal through every layer, and
/// every rule counts positions, so a weighted row stands exactly for its positions).
struct TokenTable {
    var width: Int
    /// Row-major: coordinate c of row r is `values[r * width + c]`.
    var values: [Rational]
    /// Number of positions each row stands for (>= 1).
    var weights: [Int]
    /// The first (0-based) position each row stands for; rows are in increasing order of it.
    var positions: [Int]
    /// n, the number of positions (sum of the weights).
    let length: Int
    /// The row that stands for each position.
    let rowOfPosition: [Int]

    var rows: Int { weights.count }

    init(_ s: LabelledSequence, positions: Positions, mergingDuplicates: Bool) {
        let d = s.dimension
        let w = positions == .index ? d + 1 : d
        width = w
        length = s.length
        var values: [Rational] = []
        values.reserveCapacity(s.length * w)
        var weights: [Int] = [], firsts: [Int] = []
        var rowOf: [ArraySlice<Rational>: Int] = [:]
        var rowOfPosition: [Int] = []
        rowOfPosition.reserveCapacity(s.length)
        for t in 0..<s.length {
            let token = s.values[(t * d)..<((t + 1) * d)]
            if mergingDuplicates && positions == .none {
                if let r = rowOf[token] {
                    weights[r] += 1
                    rowOfPosition.append(r)
                    continue
                }
                rowOf[token] = weights.count
            }
            rowOfPosition.append(weights.count)
            values.append(contentsOf: token)
            if positions == .index { values.append(Rational(t + 1)) }
            weights.append(1)
            firsts.append(t)
        }
        self.values = values
        self.weights = weights
        self.positions = firsts
        self.rowOfPosition = rowOfPosition
    }

    /// The tokens by position (rows repeated for merged duplicates).
    func tokensByPosition() -> [[Rational]] {
        rowOfPosition.map { r in Array(values[(r * width)..<((r + 1) * width)]) }
    }

    /// sum over `rows` of weight * x[row, c] for each c in `columns`, as a dense vector of width
    /// `width` (zero outside `columns`), and the total weight of those rows.
    func weightedSum<R: Sequence>(of columns: [Int], over rows: R) -> (sum: [Rational], count: Int)
    where R.Element == Int {
        var accs = [DotAccumulator](repeating: DotAccumulator(), count: columns.count)
        var count = 0
        for r in rows {
            let m = weights[r], base = r * width
            count += m
            for (k, c) in columns.enumerated() {
                if m == 1 { accs[k].add(values[base + c]) } else { accs[k].add(Rational(m), times: values[base + c]) }
            }
        }
        var sum = [Rational](repeating: .zero, count: width)
        for (k, c) in columns.enumerated() { sum[c] = accs[k].value }
        return (sum, count)
    }
}
