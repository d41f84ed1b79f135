import Exact
import HardmaxModel
import HardmaxKernel

/// A vector that stores only its non-zero entries (the fast path skips zeros; SPEC.md section 8).
struct SparseVector: Sendable {
    /// Increasing coordinates of the non-zero entries.
    let indices: [Int]
    let values: [Rational]
    /// The values as words when every one is an integer that fits `Int64` (then ``dot(_:base:plus:)``
    /// first tries the word path, ``WordDot``).
    let wordValues: [Int64]?

    init(dense: [Rational]) {
        var i: [Int] = [], v: [Rational] = []
        for (c, x) in dense.enumerated() where !x.isZero {
            i.append(c)
            v.append(x)
        }
        indices = i
        values = v
        let words = v.compactMap(\.integerWord)
        wordValues = words.count == v.count ? words : nil
    }

    var isZero: Bool { indices.isEmpty }

    /// sum_k values[k] * x[base + indices[k]] + constant, normalised once.
    @inline(__always)
    func dot(_ x: [Rational], base: Int, plus constant: Rational = .zero) -> Rational {
        if let words = wordValues {
            var sum = WordDot()
            var fits = true
            for k in indices.indices where fits { fits = sum.add(words[k], times: x[base + indices[k]]) }
            if fits, let v = sum.value { return constant.isZero ? v : v + constant }
        }
        var sum = DotAccumulator(constant)
        for k in indices.indices {
            let a = values[k], b = x[base + indices[k]]
            if a == .one { sum.add(b) } else { sum.add(a, times: b) }
        }
        return sum.value
    }
}

/// A matrix as sparse rows, with the coordinates it reads and writes.
struct SparseMatrix: Sendable {
    let rows: [SparseVector]
    let columns: Int
    /// Rows with a non-zero entry (the coordinates a product M x can make non-zero), increasing.
    let nonzeroRows: [Int]
    /// Columns with a non-zero entry (the coordinates a product M x depends on), increasing.
    let readColumns: [Int]

    init(_ m: Matrix) {
        let sparse = (0..<m.rows).map { SparseVector(dense: m.row($0)) }
        rows = sparse
        columns = m.columns
        nonzeroRows = sparse.indices.filter { !sparse[$0].isZero }
        readColumns = Array(Set(sparse.flatMap(\.indices))).sorted()
    }
}
