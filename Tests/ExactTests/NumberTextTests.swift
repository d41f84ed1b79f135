import Testing
@testable import Exact

/// Number text per SPEC section 2. Expected values come from hand computation or from
/// Python's `fractions.Fraction` / `float.hex` (an independent implementation), as noted.
@Suite struct NumberTextTests {
    func parse(_ s: String, limits: NumberLimits = .standard) throws -> Rational {
        let v = try Rational(parsing: s, limits: limits)
        v.checkInvariants()
        return v
    }

    func q(_ n: String, _ d: String = "1") -> Rational {
        guard let nn = BigInt(decimal: n), let dd = BigInt(decimal: d), let r = try? Rational(nn, dd) else {
            Issue.record("bad literal \(n)/\(d)")
            return .zero
        }
        return r
    }

    func syntaxError(_ s: String, limits: NumberLimits = .standard) -> NumberSyntaxError? {
        do {
            _ = try Rational(parsing: s, limits: limits)
            return nil
        } catch let e as NumberSyntaxError {
            return e
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    @Test func specForms() throws {
        #expect(try parse("-12") == q("-12"))
        #expect(try parse("0") == .zero)
        #expect(try parse("-0") == .zero)
        #expect(try parse("007") == q("7"))
        #expect(try parse("-3/4") == q("-3", "4"))
        #expect(try parse("6/8") == q("3", "4"))
        #expect(try parse("0/5") == .zero)
        #expect(try parse("1.25") == q("5", "4"))
        #expect(try parse("-0.001") == q("-1", "1000"))
        #expect(try parse("6.02e23") == q("602000000000000000000000"))
        #expect(try parse("-8.3E-4") == q("-83", "100000"))
        #expect(try parse("1e+2") == q("100"))
        #expect(try parse("2.50e-1") == q("1", "4"))
        #expect(try parse("0.0e5") == .zero)
        // Fraction('1234567890123456789012345678901234567890.0987654321e-15') in Python.
        #expect(try parse("1234567890123456789012345678901234567890.0987654321e-15")
                == q("12345678901234567890123456789012345678900987654321", "10000000000000000000000000"))
        #expect(try parse("0x1.8p-3") == q("3", "16"))
        #expect(try parse("-0x1p+0") == q("-1"))
        #expect(try parse("0x0.0p+0") == .zero)
        #expect(try parse("0XA.8P1") == q("21"))
    }

    @Test func pythonFloatHex() throws {
        // float.hex of 0.1, 5e-324, the largest double, -2.5 and the smallest normal, in Python.
        #expect(try parse("-0x1.999999999999ap-4") == (try Rational(BigInt(-3602879701896397), BigInt(1) << 55)))
        #expect(try parse("0x0.0000000000001p-1022") == (try Rational(BigInt(1), BigInt(1) << 1074)))
        #expect(try parse("0x1.fffffffffffffp+1023") == q(
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368"))
        #expect(try parse("-0x1.4000000000000p+1") == q("-5", "2"))
        #expect(try parse("0x1.0000000000000p-1022") == (try Rational(BigInt(1), BigInt(1) << 1022)))
    }

    /// Each malformed form with the offset and a word of the message.
    @Test(arguments: [
        ("", 0, "expected a number"), ("1+000", 1, "unexpected '+'"), ("+5", 0, "plus"),
        (" 5", 0, "a space"), ("5 ", 1, "a space"), ("1.", 2, "after '.'"), (".5", 0, "expected a digit"),
        ("1e", 2, "after 'e'"), ("1e+", 3, "after 'e'"), ("1E-x", 3, "after 'E'"), ("0x", 2, "hexadecimal digit"),
        ("0x1.8", 5, "'p'"), ("0x1.p0", 4, "hexadecimal digit after '.'"), ("0x1p", 4, "after 'p'"),
        ("--1", 1, "expected a digit"), ("-", 1, "after '-'"), ("1/0", 2, "denominator is zero"),
        ("1/-2", 2, "no sign"), ("1/", 2, "after '/'"), ("1/2/3", 3, "unexpected '/'"), ("1.5/2", 3, "unexpected '/'"),
        ("NaN", 0, "NaN is not a number"), ("-nan", 1, "NaN is not a number"), ("Infinity", 0, "infinity"),
        ("inf", 0, "infinity"), ("-inf", 1, "infinity"), ("1_000", 1, "'_'"), ("1,5", 1, "','"),
        ("e5", 0, "expected a digit"), ("1e5.0", 3, "unexpected '.'"), ("0x1g", 3, "'p'"), ("١", 0, "byte 0xd9"),
    ])
    func malformed(text: String, offset: Int, message: String) {
        let e = syntaxError(text)
        #expect(e != nil, "accepted '\(text)'")
        #expect(e?.offset == offset, "'\(text)': offset \(String(describing: e?.offset))")
        #expect(e?.message.contains(message) == true, "'\(text)': message \(String(describing: e?.message))")
    }

    @Test func limits() throws {
        // Exponents: +-100000 accepted, beyond refused (at the exponent marker).
        // 10^100000 = 2^100000 5^100000; 5^100000 has 232193 bits (Python: (5**100000).bit_length()).
        let big = try parse("1e100000")
        #expect(big.isInteger && big.numerator.bitLength == 332193 && big.numerator.trailingZeroBitCount == 100000)
        let tiny = try parse("-7.5e-100000")  // -3 / (2^100001 5^99999)
        #expect(tiny.numerator == -3 && tiny.denominator.trailingZeroBitCount == 100001)
        #expect(tiny.denominator.bitLength == 100001 + 232191)
        #expect(syntaxError("1e100001")?.offset == 1)
        #expect(syntaxError("1e-100001")?.message.contains("exponent") == true)
        #expect(syntaxError("0x1p100001") != nil)
        #expect(syntaxError("1e99999999999999999999999999") != nil)
        // Text length: 100000 characters accepted, 100001 refused.
        let long = try parse("1" + String(repeating: "0", count: 99_999))
        #expect(long.numerator.bitLength == 332190 && long.numerator.trailingZeroBitCount == 99_999)
        #expect(syntaxError(String(repeating: "1", count: 100_001))?.message.contains("longer than") == true)
        // maxBits: refused both from the bound (before work) and from the exact size.
        let small = NumberLimits(maxBits: 64)
        #expect(try parse("18446744073709551615", limits: small) == q("18446744073709551615"))
        #expect(syntaxError("18446744073709551616", limits: small) != nil)
        #expect(syntaxError("1e20", limits: small) != nil)
        #expect(syntaxError("1e-20", limits: small) != nil)
        #expect(syntaxError("1/18446744073709551616", limits: small) != nil)
        #expect(try parse("2/18446744073709551616", limits: small) == (try Rational(BigInt(1), BigInt(1) << 63)))
        #expect(syntaxError("0x1p64", limits: small) != nil)
        #expect(syntaxError("0x1p-64", limits: small) != nil)
        #expect(try parse("1e19", limits: small) == Rational(BigInt(10).power(19)))
        #expect(try parse("0x1p63", limits: small) == Rational(BigInt(1) << 63))
        #expect(try parse("0x1p-63", limits: small) == (try Rational(BigInt(1), BigInt(1) << 63)))
        // A huge exponent with a tiny maxBits is refused without computing 10^e.
        #expect(syntaxError("1e100000", limits: NumberLimits(maxBits: 1000)) != nil)
        #expect(syntaxError("1e5", limits: NumberLimits(maxExponent: 4))?.offset == 1)
        #expect(syntaxError("12345", limits: NumberLimits(maxTextLength: 4)) != nil)
    }

    @Test func descriptionRoundTrip() throws {
        var g = TestGenerator(seed: 21)
        for i in 0..<300 {
            let x = g.rational(maxLimbs: 1 + i % 6)
            let text = x.description
            #expect(try parse(text) == x, "seed 21 case \(i): \(text)")
            #expect(text.contains("/") == !x.isInteger)
        }
    }

    /// Random decimal text against the value built through BigInt: m * 10^(e - fractionDigits).
    @Test func randomDecimals() throws {
        var g = TestGenerator(seed: 22)
        for i in 0..<300 {
            let intDigits = String((0..<(1 + g.below(30))).map { _ in Character(String(g.below(10))) })
            let fracDigits = g.below(2) == 0 ? "" : String((0..<(1 + g.below(30))).map { _ in Character(String(g.below(10))) })
            let e = g.below(3) == 0 ? 0 : g.below(81) - 40
            let negative = g.below(2) == 0
            var text = (negative ? "-" : "") + intDigits
            if !fracDigits.isEmpty { text += "." + fracDigits }
            if e != 0 || g.below(4) == 0 { text += (g.below(2) == 0 ? "e" : "E") + String(e) }
            let m = BigInt(decimal: intDigits + fracDigits) ?? 0
            let k = e - fracDigits.count
            let expected = k >= 0 ? Rational(m * BigInt(10).power(k)) : try Rational(m, BigInt(10).power(-k))
            #expect(try parse(text) == (negative ? -expected : expected), "seed 22 case \(i): \(text)")
        }
    }

    /// Python's float.hex format, written independently here: "[-]0x1.hhhhhhhhhhhhhp+e".
    func pythonHex(_ bits: UInt64) -> String {
        let sign = bits >> 63 == 1 ? "-" : ""
        let exponent = Int((bits >> 52) & 0x7FF), fraction = bits & ((1 << 52) - 1)
        if exponent == 0 && fraction == 0 { return sign + "0x0.0p+0" }
        let digits = String(fraction, radix: 16)
        let padded = String(repeating: "0", count: 13 - digits.count) + digits
        let e = exponent == 0 ? -1022 : exponent - 1023
        return sign + (exponent == 0 ? "0x0." : "0x1.") + padded + "p" + (e >= 0 ? "+" : "") + String(e)
    }

    @Test func hexFloatAgreesWithBitPatterns() throws {
        var g = TestGenerator(seed: 23)
        for i in 0..<500 {
            var bits = g.word()
            if i % 5 == 0 { bits &= 0x800F_FFFF_FFFF_FFFF }  // subnormals and zeros
            if (bits >> 52) & 0x7FF == 0x7FF { continue }
            let fromBits = Rational(float64Bits: bits)
            let text = pythonHex(bits)
            #expect(try parse(text) == fromBits, "seed 23 case \(i): \(text)")
        }
    }
}
