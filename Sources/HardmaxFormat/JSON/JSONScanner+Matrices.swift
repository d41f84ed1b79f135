import HardmaxModel

/// Matrices a model reader leaves unparsed: the rows of one are converted later straight from the text,
/// on every processor, instead of becoming millions of ``JSONValue``s first.
///
/// Only the simplest text is left: an array of one or more non-empty rows of equal length, each an array
/// of strings of printable ASCII without escapes, as the value of a member named in `keys` (outside the top-level
/// `metadata`). The value put in its place is a `.number` whose lexeme is no JSON number
/// (``placeholder(_:)``), so nothing can mistake it for input. Whoever converts a matrix must convert
/// every one; a reader that finds one left over, or any error, reads the text again without deferring.
final class MatrixDeferral {
    /// One deferred matrix: where each row's `[` is, in order, and how many entries every row has.
    struct Matrix {
        let rowStarts: [Int]
        let columns: Int
    }

    let keys: Set<String>
    private(set) var matrices: [Int: Matrix] = [:]
    private var converted: Set<Int> = []

    init(keys: Set<String>) { self.keys = keys }

    /// The placeholder of the matrix whose text starts at `offset`.
    static func placeholder(_ offset: Int) -> String { "\u{0}matrix \(offset)" }

    func record(_ m: Matrix, at offset: Int) -> JSONValue {
        matrices[offset] = m
        return .number(Self.placeholder(offset))
    }

    /// The matrix `value` stands for (marked converted), or nil when it is not a placeholder.
    func take(_ value: JSONValue) -> Matrix? {
        guard case .number(let lexeme) = value, lexeme.hasPrefix("\u{0}matrix "),
              let offset = Int(lexeme.dropFirst(8)), let m = matrices[offset] else { return nil }
        converted.insert(offset)
        return m
    }

    /// Whether every deferred matrix was converted.
    var isComplete: Bool { converted.count == matrices.count }
}

extension JSONScanner {
    /// At a `[`: when the text is a matrix of the simplest form (see ``MatrixDeferral``), skips it and
    /// returns its rows' starts; otherwise returns nil with the cursor unmoved (the normal parse decides,
    /// errors included). Rows go two levels below `depth`, so only where the depth limit allows them.
    /// - Complexity: O(length of the matrix text), one pass.
    mutating func skipSimpleMatrix(depth: Int) -> MatrixDeferral.Matrix? {
        guard depth + 2 <= limits.maxDepth, current == UInt8(ascii: "[") else { return nil }
        var i = index + 1
        func skipSpace() { while i < end, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 } }
        /// After an element: true past the closing `]`, false past a `,` and the space after it, nil else.
        func afterElement() -> Bool? {
            skipSpace()
            guard i < end else { return nil }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return true
            }
            guard bytes[i] == UInt8(ascii: ",") else { return nil }
            i += 1
            skipSpace()
            return false
        }
        var rowStarts: [Int] = [], columns = 0
        skipSpace()
        while true {
            guard i < end, bytes[i] == UInt8(ascii: "[") else { return nil }
            rowStarts.append(i)
            i += 1
            skipSpace()
            var entries = 0
            while true {
                entries += 1
                guard i < end, bytes[i] == UInt8(ascii: "\"") else { return nil }
                i += 1
                while i < end, case let b = bytes[i], b != UInt8(ascii: "\"") {
                    guard b >= 0x20, b < 0x7F, b != UInt8(ascii: "\\") else { return nil }
                    i += 1
                }
                guard i < end else { return nil }
                i += 1
                guard let rowClosed = afterElement() else { return nil }
                if rowClosed { break }
            }
            // Rows of one length only: the matrix then holds no more entries than its text has strings.
            if rowStarts.count == 1 { columns = entries } else if entries != columns { return nil }
            guard let matrixClosed = afterElement() else { return nil }
            if matrixClosed { break }
        }
        advance(to: i)   // strings hold no raw line break: every one skipped was whitespace
        return MatrixDeferral.Matrix(rowStarts: rowStarts, columns: columns)
    }
}
