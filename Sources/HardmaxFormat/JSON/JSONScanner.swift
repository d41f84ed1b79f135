import HardmaxModel
/// A cursor over UTF-8 JSON text: the lexical layer shared by ``JSONReader`` (whole documents) and the
/// JSON Lines dataset reader (one value per line, read straight into exact numbers).
///
/// The scanner never walks Swift `Character`s: it reads bytes through an unsafe buffer that the caller
/// keeps alive for the scanner's lifetime. Positions in errors are byte offsets turned into 1-based
/// line:column (see ``TextPosition``). Text beyond `end` is invisible, so a JSON Lines reader can confine
/// a value to one line.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Current byte offset.
    var index: Int
    /// One past the last byte the scanner may read.
    let end: Int
    let file: String?
    let limits: JSONLimits
    /// How the end of the visible text is called in messages ("end of input", or "end of line").
    var endName = "end of input"
    /// When set, matrices of the simplest form are skipped and recorded there (see ``MatrixDeferral``).
    var matrixDeferral: MatrixDeferral?

    /// Line bookkeeping for member positions: newlines occur only in whitespace (strings cannot hold a
    /// raw line break), so `skipWhitespace` keeps them current.
    private(set) var line = 1
    private(set) var lineStart = 0
    private var columnCacheOffset = 0
    private var columnCacheValue = 1

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int = 0, end: Int? = nil, line: Int = 1,
         file: String?, limits: JSONLimits) {
        self.bytes = bytes
        self.index = start
        self.end = end ?? bytes.count
        self.file = file
        self.limits = limits
        self.line = line
        self.lineStart = start
        self.columnCacheOffset = start
    }

    // MARK: Errors and positions

    /// An error at byte `offset`, with its line and column.
    func error(_ message: String, at offset: Int) -> InputError {
        let (line, column) = TextPosition.lineColumn(of: offset, in: bytes)
        return InputError(file: file, line: line, column: column, message: message)
    }

    /// Line and column of `offset` on the current line, amortised O(1) for increasing offsets.
    mutating func currentLinePosition(of offset: Int) -> (line: Int, column: Int) {
        if columnCacheOffset < lineStart || columnCacheOffset > offset {
            columnCacheOffset = lineStart
            columnCacheValue = 1
        }
        columnCacheValue += TextPosition.column(from: columnCacheOffset, to: offset, in: bytes) - 1
        columnCacheOffset = offset
        return (line, columnCacheValue)
    }

    /// What the next byte is, for "found ..." in messages.
    var foundDescription: String {
        index < end ? TextPosition.describe(bytes[index]) : endName
    }

    // MARK: Cursor

    var isAtEnd: Bool { index >= end }

    /// The current byte, or nil at the end.
    var current: UInt8? { index < end ? bytes[index] : nil }

    /// Skips JSON whitespace (space, tab, line feed, carriage return), counting lines.
    mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    /// Moves the cursor forward to `offset` over text whose line breaks are all whitespace, counting
    /// them as ``skipWhitespace()`` does.
    mutating func advance(to offset: Int) {
        while index < offset {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
    }

    /// Consumes `byte` or throws "expected WHAT, found ...".
    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard index < end, bytes[index] == byte else {
            throw error("expected \(what), found \(foundDescription)", at: index)
        }
        index += 1
    }

    /// Consumes the ASCII word `literal` (e.g. `true`) or throws.
    mutating func expectLiteral(_ literal: StaticString) throws {
        let start = index
        let count = literal.utf8CodeUnitCount
        var ok = index + count <= end
        if ok {
            literal.withUTF8Buffer { word in
                for k in 0..<count where bytes[start + k] != word[k] {
                    ok = false
                    break
                }
            }
        }
        guard ok else { throw error("expected a value, found \(foundDescription)", at: start) }
        index += count
    }

    /// The bytes in `range` as a buffer (no copy).
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// The bytes in `range` as a String; the caller has validated them as UTF-8.
    func string(_ range: Range<Int>) -> String {
        String(decoding: slice(range), as: UTF8.self)
    }
}
