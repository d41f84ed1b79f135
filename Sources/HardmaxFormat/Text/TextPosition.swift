import HardmaxModel
/// Line and column of a byte offset in UTF-8 text, for error messages.
///
/// Lines are separated by `\n` (a `\r` before it is part of the line break); both numbers are 1-based.
/// The column counts Unicode scalars (UTF-8 lead bytes), so it matches what an editor shows for text
/// without combining characters; for ASCII it is the byte column.
enum TextPosition {
    /// - Complexity: O(offset).
    static func lineColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        let offset = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < offset {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, column(from: lineStart, to: offset, in: bytes))
    }

    /// 1-based column of `offset` on a line that starts at `lineStart`.
    static func column(from lineStart: Int, to offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    /// Same, for an array.
    static func lineColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        bytes.withUnsafeBufferPointer { lineColumn(of: offset, in: $0) }
    }

    /// How a byte reads in a message: `'x'` for printable ASCII, `byte 0xNN` otherwise.
    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        switch byte {
        case 0x20: return "a space"
        case 0x09: return "a tab"
        case 0x0A: return "a line break"
        case 0x0D: return "a carriage return"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x" + (hex.count < 2 ? "0" + hex : hex)
        }
    }
}
