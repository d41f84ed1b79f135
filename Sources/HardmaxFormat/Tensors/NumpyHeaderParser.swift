import HardmaxModel
/// The header of a NumPy `.npy` file: `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
struct NumpyHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]
}

/// A strict parser for exactly the Python literal dict that NumPy writes as an `.npy` header.
///
/// Grammar (whitespace is space, tab, `\n`, `\r` between tokens):
///
///     dict   = "{" [ entry { "," entry } [ "," ] ] "}"
///     entry  = string ":" value
///     value  = string | "True" | "False" | tuple
///     tuple  = "(" ")" | "(" int "," { int "," } [ int ] ")"     (a 1-tuple needs its comma)
///     string = "'" { any ASCII but "'" and "\" } "'"   (or the same with double quotes)
///     int    = "0" | [1-9] { [0-9] }
///
/// The keys must be exactly `descr`, `fortran_order` and `shape`, each once (as NumPy requires);
/// `descr` a string, `fortran_order` a boolean, `shape` a tuple. Escapes, non-ASCII bytes, `+`,
/// `_` digit separators, Python 2 `3L` longs and nested structures are refused.
struct NumpyHeaderParser {
    private let bytes: [UInt8]
    private var index: Int
    /// Byte offset of `bytes[0]` in the file, for messages.
    private let base: Int

    /// Parses `bytes` (the header text, trailing spaces and newline included).
    /// - Throws: ``NumpyHeaderParser/Failure`` with the file offset of the problem.
    /// - Complexity: O(bytes.count).
    static func parse(_ bytes: [UInt8], fileOffset: Int) throws -> NumpyHeader {
        var parser = NumpyHeaderParser(bytes: bytes, index: 0, base: fileOffset)
        return try parser.parseHeader()
    }

    struct Failure: Error {
        var offset: Int
        var message: String
    }

    private enum Value {
        case string(String)
        case bool(Bool)
        case tuple([Int])
    }

    private mutating func parseHeader() throws -> NumpyHeader {
        skipSpace()
        try expect("{")
        var fields: [String: (value: Value, offset: Int)] = [:]
        skipSpace()
        while peek != UInt8(ascii: "}") {
            let keyOffset = index
            let key = try parseString()
            guard ["descr", "fortran_order", "shape"].contains(key) else {
                throw failure(at: keyOffset, "unknown key '\(key)'; the header has exactly 'descr', "
                              + "'fortran_order' and 'shape'")
            }
            guard fields[key] == nil else { throw failure(at: keyOffset, "duplicate key '\(key)'") }
            skipSpace()
            try expect(":")
            skipSpace()
            let valueOffset = index
            fields[key] = (try parseValue(), valueOffset)
            skipSpace()
            if peek == UInt8(ascii: ",") {
                index += 1
                skipSpace()
            } else if peek != UInt8(ascii: "}") {
                throw failure(at: index, "expected ',' or '}', found \(found)")
            }
        }
        index += 1
        skipSpace()
        guard index == bytes.count else {
            throw failure(at: index, "unexpected \(found) after the header dict")
        }
        guard let descr = fields["descr"], let order = fields["fortran_order"], let shape = fields["shape"] else {
            let missing = ["descr", "fortran_order", "shape"].filter { fields[$0] == nil }
            throw failure(at: index, "the header has no '\(missing[0])'")
        }
        guard case .string(let d) = descr.value else {
            throw failure(at: descr.offset, "'descr' must be a dtype string such as '<f8' "
                          + "(structured dtypes are not supported)")
        }
        guard case .bool(let f) = order.value else {
            throw failure(at: order.offset, "'fortran_order' must be True or False")
        }
        guard case .tuple(let s) = shape.value else {
            throw failure(at: shape.offset, "'shape' must be a tuple of integers such as (3, 4) or (3,)")
        }
        return NumpyHeader(descr: d, fortranOrder: f, shape: s)
    }

    private mutating func parseValue() throws -> Value {
        switch peek {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "("):
            return .tuple(try parseTuple())
        case UInt8(ascii: "T"):
            try expectWord("True")
            return .bool(true)
        case UInt8(ascii: "F"):
            try expectWord("False")
            return .bool(false)
        case UInt8(ascii: "["):
            throw failure(at: index, "a list here means a structured dtype, which is not supported")
        default:
            throw failure(at: index, "expected a string, True, False or a tuple, found \(found)")
        }
    }

    private mutating func parseTuple() throws -> [Int] {
        try expect("(")
        skipSpace()
        var items: [Int] = []
        var sawComma = false
        while peek != UInt8(ascii: ")") {
            items.append(try parseInt())
            skipSpace()
            sawComma = false
            if peek == UInt8(ascii: ",") {
                index += 1
                sawComma = true
                skipSpace()
            } else if peek != UInt8(ascii: ")") {
                throw failure(at: index, "expected ',' or ')' in the shape tuple, found \(found)")
            }
        }
        if items.count == 1 && !sawComma {
            throw failure(at: index, "(n) is not a tuple in Python; a 1-dimensional shape is written (n,)")
        }
        index += 1
        return items
    }

    private mutating func parseInt() throws -> Int {
        let start = index
        var value = 0
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            if index > start && bytes[start] == UInt8(ascii: "0") {
                throw failure(at: start, "leading zeros are not allowed in a dimension")
            }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if o1 || o2 { throw failure(at: start, "dimension too large") }
            value = sum
            index += 1
        }
        guard index > start else {
            throw failure(at: index, "expected a non-negative integer dimension, found \(found)")
        }
        return value
    }

    private mutating func parseString() throws -> String {
        guard let quote = peek, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw failure(at: index, "expected a quoted string, found \(found)")
        }
        let start = index
        index += 1
        var text = ""
        while let byte = peek, byte != quote {
            guard byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") else {
                throw failure(at: index, "unexpected \(found) in a string (escapes and non-ASCII are not used "
                              + "by NumPy headers)")
            }
            text.unicodeScalars.append(Unicode.Scalar(byte))
            index += 1
        }
        guard peek == quote else { throw failure(at: start, "unterminated string") }
        index += 1
        return text
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private var found: String {
        guard let byte = peek else { return "the end of the header" }
        if byte > 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x" + (hex.count < 2 ? "0" : "") + hex
    }

    private mutating func skipSpace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func expect(_ character: Unicode.Scalar) throws {
        guard peek == UInt8(ascii: character) else {
            throw failure(at: index, "expected '\(character)', found \(found)")
        }
        index += 1
    }

    private mutating func expectWord(_ word: String) throws {
        let start = index
        for byte in word.utf8 {
            guard peek == byte else { throw failure(at: start, "expected True or False") }
            index += 1
        }
        if let next = peek, (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z"))
            || (next >= UInt8(ascii: "A") && next <= UInt8(ascii: "Z")) || next == UInt8(ascii: "_")
            || (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9")) {
            throw failure(at: start, "expected True or False")
        }
    }

    private func failure(at offset: Int, _ message: String) -> Failure {
        Failure(offset: base + offset, message: message)
    }
}
