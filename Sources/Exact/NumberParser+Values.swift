extension NumberParser {
    /// An unsigned integer from a digit range, refused beyond maxBits when `checkSize`.
    func integer(_ r: Range<Int>, checkSize: Bool = true) throws -> BigInt {
        // Leading zeros do not count towards the size.
        var s = r.lowerBound
        while s < r.upperBound && text[s] == 48 { s += 1 }
        let count = r.upperBound - s
        if checkSize && NumberParser.bitsLowerBound(decimalDigits: count) > limits.maxBits {
            throw error(r.lowerBound, "number larger than 2^\(limits.maxBits)")
        }
        let v = DecimalRadix.value(ofDigits: UnsafeBufferPointer(rebasing: text[s..<r.upperBound]))
        if checkSize && v.bitLength > limits.maxBits {
            throw error(r.lowerBound, "number larger than 2^\(limits.maxBits)")
        }
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

    /// 10^0 ... 10^18.
    static let powersOfTen: [UInt64] = (0...18).map { k in (0..<k).reduce(UInt64(1)) { p, _ in p * 10 } }

    /// The common short case in machine words: at most 18 significant digits and a scale
    /// 10^k with |k| <= 18; nil when the text is longer or the value does not fit.
    func smallDecimalValue(_ intRange: Range<Int>, _ fracRange: Range<Int>, _ e: Int) -> Rational? {
        var m: UInt64 = 0
        var count = 0
        for pass in 0..<2 {
            for k in pass == 0 ? intRange : fracRange {
                let d = UInt64(text[k] &- 48)
                if count == 0 && d == 0 { continue }
                count += 1
                if count > 18 { return nil }
                m = m * 10 + d
            }
        }
        if m == 0 { return .zero }
        let k = e - fracRange.count
        if k >= 0 {
            guard k <= 18 else { return nil }
            let (p, o) = m.multipliedReportingOverflow(by: NumberParser.powersOfTen[k])
            guard !o, p <= UInt64(Int64.max) else { return nil }
            return Rational(smallNumerator: Int64(p), denominator: 1)
        }
        guard k >= -18 else { return nil }
        return Rational.reducedSmall(Int64(m), Int64(NumberParser.powersOfTen[-k]))
    }

    /// digits(int) digits(frac) * 10^(e - fracCount), exactly and reduced.
    func decimalValue(_ intRange: Range<Int>, _ fracRange: Range<Int>, _ e: Int) throws -> Rational {
        if let v = smallDecimalValue(intRange, fracRange, e) {
            if v.bitLength > limits.maxBits {
                throw error(0, "number larger than 2^\(limits.maxBits) in numerator or denominator")
            }
            return v
        }
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
