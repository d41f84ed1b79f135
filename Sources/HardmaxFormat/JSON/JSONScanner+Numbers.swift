import HardmaxModel
extension JSONScanner {
    /// Scans a JSON number (RFC 8259 section 6) starting at the cursor and returns its byte range.
    ///
    /// Grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. Leading zeros, a missing
    /// digit, `-Infinity` and hexadecimal numbers are errors that say what was expected; a lexeme longer
    /// than `limits.maxNumberLength` is refused. The value is not computed here.
    /// - Complexity: O(length of the lexeme).
    mutating func scanNumber() throws -> Range<Int> {
        let start = index
        if current == UInt8(ascii: "-") {
            index += 1
            if current == UInt8(ascii: "I") {
                throw error("-Infinity is not a number; hardmax reads exact rationals only", at: start)
            }
        }
        guard let first = current, isDigit(first) else {
            throw error("expected a digit after '-', found \(foundDescription)", at: index)
        }
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = current {
                if isDigit(next) {
                    throw error("leading zeros are not allowed in a JSON number", at: start)
                }
                if next == UInt8(ascii: "x") || next == UInt8(ascii: "X") {
                    throw error("a hexadecimal number must be written as a JSON string, e.g. \"0x1.8p-3\"",
                                at: start)
                }
            }
        } else {
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let d = current, isDigit(d) else {
                throw error("expected a digit after '.', found \(foundDescription)", at: index)
            }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let d = current, isDigit(d) else {
                throw error("expected a digit in the exponent, found \(foundDescription)", at: index)
            }
            skipDigits()
        }
        if index - start > limits.maxNumberLength {
            throw error("number is longer than \(limits.maxNumberLength) characters", at: start)
        }
        return start..<index
    }

    private mutating func skipDigits() {
        while index < end, isDigit(bytes[index]) { index += 1 }
    }

    @inline(__always)
    private func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
}
