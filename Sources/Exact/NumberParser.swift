/// The lexer and evaluator for exact number text (SPEC section 2).
///
/// Grammar (ASCII only; leading zeros are allowed, nothing else is):
///
///     number   = ["-"] (hexfloat | fraction | decimal)
///     fraction = digits "/" digits                       (denominator nonzero)
///     decimal  = digits ["." digits] [("e"|"E") ["+"|"-"] digits]
///     hexfloat = "0" ("x"|"X") hexdigits ["." hexdigits] ("p"|"P") ["+"|"-"] digits
///
/// So `.5`, `1.`, `+5`, `1e`, `0x1.8` (no exponent), spaces, `1/-2`, `NaN` and `inf` are errors.
/// Exponent magnitudes above `maxExponent` and texts longer than `maxTextLength` are refused
/// before any work; sizes of results are bounded from the digit and exponent counts before the
/// power of ten (or two) is computed, then checked exactly against `maxBits`.
@usableFromInline
internal struct NumberParser {
    let text: UnsafeBufferPointer<UInt8>
    let limits: NumberLimits
    var i = 0

    init(text: UnsafeBufferPointer<UInt8>, limits: NumberLimits) {
        self.text = text
        self.limits = limits
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    static func hexValue(_ c: UInt8) -> UInt64? {
        switch c {
        case 48...57: return UInt64(c - 48)
        case 97...102: return UInt64(c - 87)
        case 65...70: return UInt64(c - 55)
        default: return nil
        }
    }

    func error(_ offset: Int, _ message: String) -> NumberSyntaxError {
        NumberSyntaxError(offset: offset, message: message)
    }

    /// A short description of the byte at `offset` for messages.
    func found(_ offset: Int) -> String {
        guard offset < text.count else { return "end of text" }
        let c = text[offset]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        if c == 0x20 { return "a space" }
        return "byte 0x" + String(c, radix: 16)
    }

    /// The value of the whole text; `shortPath: false` forces the general path (for tests that
    /// compare the two).
    mutating func parse(shortPath: Bool = true) throws -> Rational {
        let n = text.count
        if n > limits.maxTextLength {
            throw error(limits.maxTextLength, "number text longer than \(limits.maxTextLength) characters")
        }
        if n == 0 { throw error(0, "expected a number, found empty text") }
        if shortPath, let value = NumberParser.shortValue(text, limits: limits) { return value }
        return try parseGeneral()
    }

    /// The general path: every form of the grammar, every error, any size.
    mutating func parseGeneral() throws -> Rational {
        let n = text.count
        var negative = false
        if text[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if text[0] == UInt8(ascii: "+") {
            throw error(0, "expected '-' or a digit, found '+' (no plus sign)")
        }
        guard i < n else { throw error(i, "expected a digit after '-'") }
        if !NumberParser.isDigit(text[i]) {
            try rejectWord()
            throw error(i, "expected a digit, found \(found(i))")
        }
        var value: Rational
        if text[i] == UInt8(ascii: "0") && i + 1 < n && (text[i + 1] | 0x20) == UInt8(ascii: "x") {
            i += 2
            value = try parseHexFloat()
        } else {
            value = try parseDecimalOrFraction()
        }
        if negative { value = -value }
        return value
    }

    /// Throws a specific message for NaN and infinity spellings.
    func rejectWord() throws {
        var j = i
        var word: [UInt8] = []
        while j < text.count && word.count <= 8, (text[j] | 0x20) >= 97 && (text[j] | 0x20) <= 122 {
            word.append(text[j] | 0x20)
            j += 1
        }
        let w = String(decoding: word, as: UTF8.self)
        if w == "nan" { throw error(i, "NaN is not a number") }
        if w == "inf" || w == "infinity" { throw error(i, "infinity is not a number") }
    }

    /// Consumes digits; returns the range.
    mutating func digits() -> Range<Int> {
        let start = i
        while i < text.count && NumberParser.isDigit(text[i]) { i += 1 }
        return start..<i
    }

    /// Parses `["+"|"-"] digits` after an exponent marker at `markerOffset`, bounded by maxExponent.
    mutating func exponent(marker: Character) throws -> Int {
        let markerOffset = i - 1
        var negative = false
        if i < text.count && (text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-")) {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        let r = digits()
        guard !r.isEmpty else { throw error(i, "expected a digit after '\(marker)', found \(found(i))") }
        var e = 0
        for k in r {
            let (t, o1) = e.multipliedReportingOverflow(by: 10)
            let (u, o2) = t.addingReportingOverflow(Int(text[k] - 48))
            if o1 || o2 || u > limits.maxExponent {
                throw error(markerOffset, "exponent beyond +-\(limits.maxExponent)")
            }
            e = u
        }
        return negative ? -e : e
    }

    func expectEnd() throws {
        if i < text.count { throw error(i, "unexpected \(found(i)) after the number") }
    }

    mutating func parseDecimalOrFraction() throws -> Rational {
        let intRange = digits()
        if i == text.count {
            if intRange.count <= 18, let v = smallDecimalValue(intRange, i..<i, 0), v.bitLength <= limits.maxBits {
                return v
            }
            return Rational(try integer(intRange))
        }
        let c = text[i]
        if c == UInt8(ascii: "/") {
            i += 1
            if i < text.count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
                throw error(i, "expected a digit after '/', found \(found(i)) (the denominator has no sign)")
            }
            let denStart = i
            let denRange = digits()
            guard !denRange.isEmpty else { throw error(i, "expected a digit after '/', found \(found(i))") }
            try expectEnd()
            // Sizes are checked on the reduced value (the parts are bounded by the text length).
            let p = try integer(intRange, checkSize: false)
            let q = try integer(denRange, checkSize: false)
            guard !q.isZero else { throw error(denStart, "the denominator is zero") }
            let value = Rational(unchecked: p, q)
            try checkBits(value, at: 0)
            return value
        }
        var fracRange = i..<i
        if c == UInt8(ascii: ".") {
            i += 1
            fracRange = digits()
            guard !fracRange.isEmpty else { throw error(i, "expected a digit after '.', found \(found(i))") }
        }
        var e = 0
        if i < text.count && (text[i] | 0x20) == UInt8(ascii: "e") {
            let marker = Character(Unicode.Scalar(text[i]))
            i += 1
            e = try exponent(marker: marker)
        }
        try expectEnd()
        return try decimalValue(intRange, fracRange, e)
    }
}
