import HardmaxModel
import Exact

/// Exact numbers read from text: the one place that turns SPEC.md section 2 number text into a
/// `Rational` and a syntax error into an ``InputError`` that quotes the offending text.
enum NumberText {
    /// What a number field or element may hold, for `expected ..., found ...` messages.
    static let expectedNumber = "a number (a JSON number or a string such as \"3/4\")"

    /// The number in `range` of `bytes` (a JSON number lexeme, the inside of a JSON string, or a `.ts`
    /// value). A syntax error points at the offending character.
    /// - Complexity: that of `Rational(parsingUTF8:)`, near-linear in the text length for short numbers.
    static func rational(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, file: String?,
                         limits: NumberLimits) throws -> Rational {
        do {
            return try Rational(parsingUTF8: UnsafeBufferPointer(rebasing: bytes[range]), limits: limits)
        } catch {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            var offset = range.lowerBound
            if let syntax = error as? NumberSyntaxError {
                offset += min(max(syntax.offset, 0), range.count)
            }
            let (line, column) = TextPosition.lineColumn(of: offset, in: bytes)
            throw InputError(file: file, line: line, column: column, message: message(for: error, text: text))
        }
    }

    /// The message for a number that did not parse: what was found, and why.
    static func message(for error: Error, text: String) -> String {
        let reason: String
        if let syntax = error as? NumberSyntaxError {
            reason = syntax.message
        } else if let exact = error as? ExactError, exact == .divisionByZero {
            reason = "the denominator is zero"
        } else {
            reason = "\(error)"
        }
        return "expected a number (integer, p/q, decimal or hex float), found \(quoted(text)): \(reason)"
    }

    /// `text` in double quotes, cut to 40 characters with an ellipsis.
    static func quoted(_ text: String) -> String {
        let limit = 40
        var shown = text.count > limit ? String(text.prefix(limit)) + "..." : text
        shown = shown.replacingControlCharacters()
        return "\"" + shown + "\""
    }
}

private extension String {
    /// Control characters written as `\u{..}`, so a message stays on one line.
    func replacingControlCharacters() -> String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
