import HardmaxModel
/// A strict RFC 8259 JSON reader that keeps numbers as their exact lexeme.
///
/// Refused, each with `FILE:LINE:COLUMN` and what was expected: NaN, Infinity, `+1`, leading zeros,
/// hexadecimal numbers, trailing commas, comments, single quotes, raw control characters in strings,
/// invalid escapes, lone surrogate escapes, invalid UTF-8, duplicate object keys, anything after the
/// value, nesting deeper than `limits.maxDepth`, input larger than `limits.maxBytes`. A leading UTF-8
/// byte order mark is ignored (RFC 8259 section 8.1 allows this).
///
/// Numbers are checked against the JSON number grammar and stored as `.number(lexeme)`; nothing is
/// converted to a binary floating-point value.
public enum JSONReader {
    /// Parses one JSON text.
    /// - Throws: ``InputError`` with file, line and column.
    /// - Complexity: O(bytes.count); stack depth O(limits.maxDepth).
    public static func parse(_ bytes: [UInt8], file: String? = nil, limits: JSONLimits = .standard) throws
        -> JSONValue
    {
        try bytes.withUnsafeBufferPointer { try parse($0, file: file, limits: limits) }
    }

    /// As ``parse(_:file:limits:)``; with `deferral`, matrices of the simplest form are left in the text
    /// and recorded there (``MatrixDeferral``), and the errors are the same.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, file: String?, limits: JSONLimits,
                      deferral: MatrixDeferral? = nil) throws -> JSONValue {
        if buffer.count > limits.maxBytes {
            throw InputError(file: file, message: "JSON text is larger than \(limits.maxBytes) bytes")
        }
        var scanner = JSONScanner(bytes: buffer, start: byteOrderMarkLength(buffer), file: file, limits: limits)
        scanner.matrixDeferral = deferral
        let value = try scanner.parseValue(depth: 0)
        scanner.skipWhitespace()
        if !scanner.isAtEnd {
            throw scanner.error("unexpected \(scanner.foundDescription) after the JSON value", at: scanner.index)
        }
        return value
    }

    /// 3 when the text starts with a UTF-8 byte order mark, else 0.
    static func byteOrderMarkLength(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
    }
}
