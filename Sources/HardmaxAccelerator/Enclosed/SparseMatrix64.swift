import Exact
import HardmaxModel

/// A matrix of a model with its non-zero entries as ``Interval64``s (points for 64-bit dyadics, such
/// as every float weight; the two 64-bit dyadics around any other rational), row by row.
struct SparseMatrix64: Sendable {
    let rows: Int
    let columns: Int
    /// Row r's entries are at start[r]..<start[r + 1] of `column` and `weight`.
    private let start: [Int]
    private let column: [Int]
    private let weight: FixedBlock

    init(_ m: Matrix) {
        var start = [0], column: [Int] = [], weight: [Interval64] = []
        for r in 0..<m.rows {
            for c in 0..<m.columns where !m[r, c].isZero {
                column.append(c)
                weight.append(Interval64(m[r, c]))
            }
            start.append(column.count)
        }
        (rows, columns, self.start, self.column, self.weight) = (m.rows, m.columns, start, column, FixedBlock(weight))
    }

    /// M x_i + b for the i-th row x_i of `x` (rows of `columns` intervals; b nil: zeros), appended to `y`.
    func apply(_ x: FixedBlock, row i: Int, plus b: [Interval64]?, into y: inout [Interval64]) {
        column.withUnsafeBufferPointer { columns in
            for r in 0..<rows {
                let count = start[r + 1] - start[r]
                if count == 0 { y.append(b?[r] ?? .zero); continue }
                // A full row reads x in order: no column lookup.
                let sum = count == self.columns
                    ? weight.dot(from: start[r], stride: 1, x, from: i * self.columns, stride: 1, count: count)
                    : weight.dot(from: start[r], count: count, x, at: i * self.columns, columns: columns)
                y.append(b.map { sum + $0[r] } ?? sum)
            }
        }
    }
}

/// Rows of n vectors of one width, stored one after another.
struct Rows64: Sendable {
    var width: Int
    var values: [Interval64]
    /// An irrational operation (exp of unequal scores, a square root, erf, tanh) reached these values;
    /// until then the kernel keeps them exact.
    var irrational = false

    var count: Int { width == 0 ? 0 : values.count / width }

    init(width: Int, values: [Interval64]) { (self.width, self.values) = (width, values) }

    /// M x_i + b for every row x_i; `block`: these rows in block fixed point, when already made.
    func mapped(_ m: SparseMatrix64, plus b: [Interval64]?, block: FixedBlock? = nil) -> Rows64 {
        let x = block ?? FixedBlock(values)
        var y: [Interval64] = []
        y.reserveCapacity(count * m.rows)
        for i in 0..<count { m.apply(x, row: i, plus: b, into: &y) }
        var rows = Rows64(width: m.rows, values: y)
        rows.irrational = irrational
        return rows
    }

    subscript(i: Int, c: Int) -> Interval64 {
        get { values[i * width + c] }
        set { values[i * width + c] = newValue }
    }
}
