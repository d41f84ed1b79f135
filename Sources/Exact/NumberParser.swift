/// The lexer and evaluator for exact number text (SPEC section 2).
///
/// Grammar (ASCII only):
///
///     number   = ["-"] (hexfloat | fraction | decimal)
///     fraction = digits "/" digits                       (denominator nonzero)
///     decimal  = digits ["." digits] [("e"|"E") ["+"|"-"] digits]
///     hexfloat = "0" ("x"|"X") hexdigits ["." hexdigits] ("p"|"P") ["+"|"-"] digits
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

    mutating func parse() throws -> Rational {
        let n = text.count
        if n > limits.maxTextLength {
            throw error(limits.maxTextLength, "number text longer than \(limits.maxTextLength) characters")
        }
        if n == 0 { throw error(0, "expected a number, found empty text") }
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
            e = e * 10 + Int(text[k] - 48)
            if e > limits.maxExponent {
                throw error(markerOffset, "exponent beyond +-\(limits.maxExponent)")
            }
        }
        return negative ? -e : e
    }

    func expectEnd() throws {
        if i < text.count { throw error(i, "unexpected \(found(i)) after the number") }
    }

    mutating func parseDecimalOrFraction() throws -> Rational {
        let intRange = digits()
        if i == text.count {
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
            let p = try integer(intRange)
            let q = try integer(denRange)
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

    /// An unsigned integer from a digit range, refused beyond maxBits.
    func integer(_ r: Range<Int>) throws -> BigInt {
        // Leading zeros do not count towards the size.
        var s = r.lowerBound
        while s < r.upperBound && text[s] == 48 { s += 1 }
        let count = r.upperBound - s
        if NumberParser.bitsLowerBound(decimalDigits: count) > limits.maxBits {
            throw error(r.lowerBound, "number larger than 2^\(limits.maxBits)")
        }
        let v = DecimalRadix.value(ofDigits: UnsafeBufferPointer(rebasing: text[s..<r.upperBound]))
        if v.bitLength > limits.maxBits { throw error(r.lowerBound, "number larger than 2^\(limits.maxBits)") }
        return v
    }

    /// A lower bound on the bit length of a number with `d` significant decimal digits:
    /// 10^(d-1) has more than (d-1) * 3.321928 bits.
    static func bitsLowerBound(decimalDigits d: Int) -> Int {
        d <= 0 ? 0 : (d - 1) / 1000 * 3321 + ((d - 1) % 1000) * 3321 / 1000 + 1
    }

    func checkBits(_ v: Rational, at offset: Int) throws {
        if v.numerator.bitLength > limits.maxBits || v.denominator.bitLength > limits.maxBits {
            throw error(offset, "number larger than 2^\(limits.maxBits) in numerator or denominator")
        }
    }

    /// digits(int) digits(frac) * 10^(e - fracCount), exactly and reduced.
    func decimalValue(_ intRange: Range<Int>, _ fracRange: Range<Int>, _ e: Int) throws -> Rational {
        // Collect significant digits without leading zeros and without trailing zeros.
        var digitBuffer: [UInt8] = []
        digitBuffer.reserveCapacity(intRange.count + fracRange.count)
        for k in intRange where !(digitBuffer.isEmpty && text[k] == 48) { digitBuffer.append(text[k]) }
        for k in fracRange where !(digitBuffer.isEmpty && text[k] == 48) { digitBuffer.append(text[k]) }
        var exp10 = e - fracRange.count
        while let last = digitBuffer.last, last == 48 {
            digitBuffer.removeLast()
            exp10 += 1
        }
        if digitBuffer.isEmpty { return .zero }
        let tooLarge = "number larger than 2^\(limits.maxBits) in numerator or denominator"
        if exp10 >= 0 {
            if NumberParser.bitsLowerBound(decimalDigits: digitBuffer.count + exp10) > limits.maxBits {
                throw error(0, tooLarge)
            }
            let mantissa = digitBuffer.withUnsafeBufferPointer { DecimalRadix.value(ofDigits: $0) }
            let n = (mantissa * BigInt(5).power(exp10)) << exp10
            if n.bitLength > limits.maxBits { throw error(0, tooLarge) }
            return Rational(reducedNumerator: n, denominator: BigInt(1))
        }
        let k = -exp10
        // The mantissa is not divisible by 10, so the reduced denominator keeps 2^k or 5^k whole.
        if k + 1 > limits.maxBits { throw error(0, tooLarge) }
        var n = digitBuffer.withUnsafeBufferPointer { DecimalRadix.value(ofDigits: $0) }
        if n.bitLength > limits.maxBits { throw error(0, tooLarge) }
        var twos = k, fives = k
        if n.magnitudeModulo(2) == 0 {
            let t = Swift.min(n.trailingZeroBitCount, k)
            n = n >> t
            twos -= t
        } else {
            // Cancel factors of 5, 27 at a time (5^27 < 2^64) while possible, then one at a time.
            let five27: UInt64 = 7_450_580_596_923_828_125
            while fives >= 27 && n.magnitudeModulo(five27) == 0 {
                n = n.dividedExactly(by: BigInt(five27))
                fives -= 27
            }
            while fives > 0 && n.magnitudeModulo(5) == 0 {
                n = n.dividedExactly(by: BigInt(5))
                fives -= 1
            }
        }
        let d = BigInt(5).power(fives) << twos
        if d.bitLength > limits.maxBits { throw error(0, tooLarge) }
        return Rational(reducedNumerator: n, denominator: d)
    }

    mutating func parseHexFloat() throws -> Rational {
        let intStart = i
        while i < text.count && NumberParser.hexValue(text[i]) != nil { i += 1 }
        let intRange = intStart..<i
        guard !intRange.isEmpty else {
            throw error(i, "expected a hexadecimal digit after '0x', found \(found(i))")
        }
        var fracRange = i..<i
        if i < text.count && text[i] == UInt8(ascii: ".") {
            i += 1
            let s = i
            while i < text.count && NumberParser.hexValue(text[i]) != nil { i += 1 }
            fracRange = s..<i
            guard !fracRange.isEmpty else {
                throw error(i, "expected a hexadecimal digit after '.', found \(found(i))")
            }
        }
        guard i < text.count && (text[i] | 0x20) == UInt8(ascii: "p") else {
            throw error(i, "expected 'p' and a binary exponent in a hexadecimal float, found \(found(i))")
        }
        let marker = Character(Unicode.Scalar(text[i]))
        i += 1
        let e = try exponent(marker: marker)
        try expectEnd()
        // Mantissa from hex digits, most significant first.
        var nibbles: [UInt8] = []
        nibbles.reserveCapacity(intRange.count + fracRange.count)
        for k in intRange { nibbles.append(UInt8(NumberParser.hexValue(text[k]) ?? 0)) }
        for k in fracRange { nibbles.append(UInt8(NumberParser.hexValue(text[k]) ?? 0)) }
        var limbs = [UInt64](repeating: 0, count: (nibbles.count + 15) / 16)
        for (index, nib) in nibbles.reversed().enumerated() {
            limbs[index / 16] |= UInt64(nib) << UInt64(4 * (index % 16))
        }
        var n = BigInt(magnitude: limbs, negative: false)
        if n.isZero { return .zero }
        var exp2 = e - 4 * fracRange.count
        let tooLarge = "number larger than 2^\(limits.maxBits) in numerator or denominator"
        if exp2 >= 0 {
            if n.bitLength + exp2 > limits.maxBits { throw error(0, tooLarge) }
            return Rational(reducedNumerator: n << exp2, denominator: BigInt(1))
        }
        let t = Swift.min(n.trailingZeroBitCount, -exp2)
        n = n >> t
        exp2 += t
        if n.bitLength > limits.maxBits || -exp2 + 1 > limits.maxBits { throw error(0, tooLarge) }
        return Rational(reducedNumerator: n, denominator: BigInt(1) << (-exp2))
    }
}
