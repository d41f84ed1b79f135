import HardmaxModel
/// A scanned JSON string: either a range of the input that needs no decoding (no escapes), or the
/// decoded UTF-8 bytes.
enum ScannedString {
    case raw(Range<Int>)
    case decoded([UInt8])
}

extension JSONScanner {
    /// Reads a JSON string at the cursor (which must be at `"`).
    mutating func readString() throws -> String {
        switch try scanString() {
        case .raw(let range): return string(range)
        case .decoded(let utf8): return String(decoding: utf8, as: UTF8.self)
        }
    }

    /// Scans a JSON string at the cursor (which must be at `"`), validating it strictly: no raw control
    /// characters, only the escapes of RFC 8259, surrogate escapes only in valid pairs, and well-formed
    /// UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF).
    /// - Complexity: O(length of the string).
    mutating func scanString() throws -> ScannedString {
        let open = index
        try expect(UInt8(ascii: "\""), "'\"'")
        let start = index
        // Fast path: no escapes.
        while index < end {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return .raw(start..<(index - 1))
            }
            if b == UInt8(ascii: "\\") { break }
            try stepCharacter(b)
        }
        guard index < end else { throw unterminated(open) }
        var utf8 = Array(slice(start..<index))
        while index < end {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return .decoded(utf8)
            }
            if b == UInt8(ascii: "\\") {
                try decodeEscape(into: &utf8)
            } else {
                let from = index
                try stepCharacter(b)
                utf8.append(contentsOf: slice(from..<index))
            }
        }
        throw unterminated(open)
    }

    private func unterminated(_ open: Int) -> InputError {
        error("unterminated string (no closing '\"')", at: open)
    }

    /// Advances over one unescaped character starting with byte `b`, validating it.
    @inline(__always)
    private mutating func stepCharacter(_ b: UInt8) throws {
        if b >= 0x20 && b < 0x80 {
            index += 1
        } else if b < 0x20 {
            throw error("control character U+00\(hex2(b)) must be escaped in a string", at: index)
        } else {
            guard let length = utf8SequenceLength(at: index) else {
                throw error("invalid UTF-8 in a string (\(TextPosition.describe(b)))", at: index)
            }
            index += length
        }
    }

    /// Length of the well-formed UTF-8 sequence at `i` (lead byte >= 0x80), or nil (Unicode table 3-7).
    private func utf8SequenceLength(at i: Int) -> Int? {
        func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < end && bytes[i + k] >= low && bytes[i + k] <= high
        }
        let b = bytes[i]
        switch b {
        case 0xC2...0xDF: return cont(1) ? 2 : nil
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : nil
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : nil
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : nil
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : nil
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : nil
        default: return nil
        }
    }

    /// Decodes the escape at the cursor (at `\`) and appends its UTF-8.
    private mutating func decodeEscape(into utf8: inout [UInt8]) throws {
        let start = index
        index += 1
        guard index < end else { throw error("unterminated escape at the \(endName)", at: start) }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): utf8.append(0x22)
        case UInt8(ascii: "\\"): utf8.append(0x5C)
        case UInt8(ascii: "/"): utf8.append(0x2F)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(escapeAt: start)
            var scalarValue = UInt32(unit)
            if unit >= 0xD800 && unit <= 0xDBFF {
                let lowStart = index
                guard index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw error("lone surrogate \\u\(hex4String(unit)): a high surrogate must be followed "
                                + "by a low surrogate escape \\uDC00-\\uDFFF", at: start)
                }
                index += 2
                let low = try hex4(escapeAt: lowStart)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw error("lone surrogate \\u\(hex4String(unit)): followed by \\u\(hex4String(low)), "
                                + "not a low surrogate", at: start)
                }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw error("lone surrogate \\u\(hex4String(unit)): a low surrogate without a high one", at: start)
            }
            // Every value reaching here is a valid scalar (surrogates were handled above).
            if let scalar = Unicode.Scalar(scalarValue) {
                UTF8.encode(scalar) { utf8.append($0) }
            }
        default:
            throw error("invalid escape \\\(Character(Unicode.Scalar(e))) in a string "
                        + "(allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", at: start)
        }
    }

    /// Four hex digits at the cursor.
    private mutating func hex4(escapeAt start: Int) throws -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard index < end else { throw error("expected 4 hex digits after \\u", at: start) }
            let b = bytes[index]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw error("expected 4 hex digits after \\u, found \(TextPosition.describe(b))", at: start)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private func hex2(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return s.count < 2 ? "0" + s : s
    }

    private func hex4String(_ v: UInt16) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - s.count) + s
    }
}
