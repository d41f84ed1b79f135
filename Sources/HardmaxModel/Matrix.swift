import Exact

/// A dense matrix of exact rationals, stored row-major.
///
/// Invariant: `entries.count == rows * columns`. Rows may be 0 only where a layer allows it; the
/// kernel's `checkWellFormed()` states each layer's shape rules.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major: entry (r, c) is `entries[r * columns + c]`.
    public private(set) var entries: [Rational]

    public init(rows: Int, columns: Int, entries: [Rational]) {
        precondition(rows >= 0 && columns >= 0 && entries.count == rows * columns,
                     "Matrix: \(entries.count) entries for \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.entries = entries
    }

    /// A rows x columns matrix of zeros.
    public init(zeros rows: Int, _ columns: Int) {
        self.init(rows: rows, columns: columns, entries: Array(repeating: 0, count: rows * columns))
    }

    /// Builds from an array of rows; all rows must have `columns` entries.
    public init(rowArrays: [[Rational]], columns: Int) {
        precondition(rowArrays.allSatisfy { $0.count == columns }, "Matrix: ragged rows")
        var entries: [Rational] = []
        entries.reserveCapacity(rowArrays.count * columns)   // exactly: no doubling copies of a large matrix
        for row in rowArrays { entries.append(contentsOf: row) }
        self.init(rows: rowArrays.count, columns: columns, entries: entries)
    }

    public subscript(row: Int, column: Int) -> Rational {
        get { entries[row * columns + column] }
        set { entries[row * columns + column] = newValue }
    }

    /// Row r as a fresh array.
    public func row(_ r: Int) -> [Rational] { Array(entries[(r * columns)..<((r + 1) * columns)]) }
}
