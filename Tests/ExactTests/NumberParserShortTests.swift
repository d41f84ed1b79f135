import Testing
@testable import Exact

/// The one-pass short path (`NumberParser+Short.swift`) against the general path, which is itself
/// tested against mathematics (`NumberTextTests`, `RationalReferenceTests`): on every text the short
/// path either declines or gives the same `Rational`, in the same (small) form.
@Suite struct NumberParserShortTests {
    /// The general path's value, or nil when it refuses the text.
    func general(_ s: String, limits: NumberLimits = .standard) -> Rational? {
        var text = s
        return text.withUTF8 { p in
            var parser = NumberParser(text: p, limits: limits)
            return try? parser.parse(shortPath: false)
        }
    }

    func short(_ s: String, limits: NumberLimits = .standard) -> Rational? {
        var text = s
        return text.withUTF8 { NumberParser.shortValue($0, limits: limits) }
    }

    /// Records a failure unless the short path declines or agrees bit for bit; returns whether it answered.
    @discardableResult
    func agree(_ s: String, limits: NumberLimits = .standard) -> Bool {
        guard let fast = short(s, limits: limits) else { return false }
        fast.checkInvariants()
        guard let slow = general(s, limits: limits) else {
            Issue.record("short path accepted \"\(s)\" = \(fast), the general path refuses it")
            return true
        }
        #expect(fast == slow, "\"\(s)\": short \(fast), general \(slow)")
        #expect(fast.smallParts != nil && slow.smallParts != nil, "\"\(s)\": not both in the small form")
        #expect(fast.num.word == slow.num.word && fast.den.word == slow.den.word, "\"\(s)\": different words")
        #expect((try? Rational(parsing: s, limits: limits)) == slow, "\"\(s)\": parse differs from the general path")
        return true
    }

    @Test func handComputedValues() throws {
        let cases: [(String, Int64, Int64)] = [
            ("2.500", 5, 2), ("-0.000", 0, 1), ("0", 0, 1), ("-0", 0, 1), ("1e-3", 1, 1000), ("0.125", 1, 8),
            ("-000123.4500", -2469, 20), ("12.3400e2", 1234, 1), ("6/4", 3, 2), ("-0/7", 0, 1),
            ("1.5e-18", 3, 2_000_000_000_000_000_000), ("9223372036854775807", Int64.max, 1),
            ("-9223372036854775808", Int64.min, 1), ("0.001", 1, 1000), ("3.000", 3, 1), ("-1.375", -11, 8),
            ("2E+3", 2000, 1), ("7/0010", 7, 10), ("0.0000000000000000005", 1, 2_000_000_000_000_000_000),
            ("7450580596923828125e-27", 1, 134_217_728), ("-1490116119384765625e-27", -1, 671_088_640),
            ("0.0000000000000000000000000001e28", 1, 1), ("0.625", 5, 8), ("12e-1", 6, 5),
        ]
        for (text, n, d) in cases {
            let v = try #require(short(text), "\"\(text)\" should take the short path")
            #expect(v == Rational(smallNumerator: n, denominator: d), "\"\(text)\" = \(v), expected \(n)/\(d)")
            agree(text)
        }
    }

    @Test func declinesWhatItDoesNotCover() {
        for text in ["", "-", "+5", ".5", "1.", "1e", "1e+", "0x1p0", "1/0", "1/-2", "1 ", "NaN", "1.5/2",
                     "9223372036854775808", "-9223372036854775809", "12345678901234567890", "1e41",
                     "0.00000000000000000001", "1/12345678901234567890", "123456789012345678901/1",
                     "1.0000000000000000000", "99999999999999999999e-5"] {
            if let v = short(text) {
                Issue.record("short path took \"\(text)\" = \(v)")
            }
            #expect((try? Rational(parsing: text)) == general(text))
        }
    }

    @Test func boundaries() {
        // 18, 19 and 20 significant digits; Int64 bounds; scales 10^18 and 10^19.
        for text in ["999999999999999999", "9999999999999999999", "99999999999999999999", "9223372036854775806",
                     "-9223372036854775807", "0.9223372036854775807", "-0.9223372036854775808",
                     "1000000000000000000", "10000000000000000000", "1000000000000000000.0", "0.000000000000000001",
                     "0.0000000000000000001", "5e-19", "25e-20", "922337203685477580.7", "1e18", "1e19", "10e17",
                     "00000000000000000000000001", "0000000000000000000000.5", "4611686018427387904e-62",
                     "-922337203685477580/922337203685477581", "999999999999999999/999999999999999998"] {
            agree(text)
            #expect((try? Rational(parsing: text)) == general(text), "\"\(text)\"")
        }
    }

    @Test(arguments: 0..<8) func generatedTextsAgree(seed: UInt64) {
        var g = TestGenerator(seed: 0x5eed_0000 + seed)
        var answered = 0
        let count = 4000
        for _ in 0..<count {
            let text = Self.numberText(&g)
            if agree(text) { answered += 1 }
            #expect((try? Rational(parsing: text)) == general(text), "seed \(seed): \"\(text)\"")
        }
        #expect(answered > count / 4, "seed \(seed): the short path answered only \(answered) of \(count)")
    }

    @Test func smallBitLimitsDecline() {
        let limits = NumberLimits(maxTextLength: 100, maxExponent: 5, maxBits: 8)
        for text in ["255", "256", "0.5", "1/255", "1/256", "1e5", "1e6", "2.5e-2"] {
            agree(text, limits: limits)
            #expect((try? Rational(parsing: text, limits: limits)) == general(text, limits: limits), "\"\(text)\"")
        }
    }

    /// A random text near the short grammar: digits of awkward lengths, leading and trailing zeros,
    /// exponents, fractions, and now and then a stray character.
    static func numberText(_ g: inout TestGenerator) -> String {
        func digits(_ n: Int, _ g: inout TestGenerator) -> String {
            var s = ""
            let zeros = g.below(4) == 0 ? g.below(n + 1) : 0  // leading zeros
            for k in 0..<n { s.append(k < zeros ? "0" : Character(Unicode.Scalar(UInt8(48 + g.below(10))))) }
            if g.below(4) == 0 { s += String(repeating: "0", count: g.below(4)) }  // trailing zeros
            return s
        }
        func length(_ g: inout TestGenerator) -> Int { g.below(3) == 0 ? 17 + g.below(5) : 1 + g.below(12) }
        var s = g.below(3) == 0 ? "-" : ""
        s += digits(length(&g), &g)
        switch g.below(6) {
        case 0: s += "/" + digits(length(&g), &g)
        case 1, 2: s += "." + digits(length(&g), &g)
        case 3:
            s += "." + digits(length(&g), &g) + (g.below(2) == 0 ? "e" : "E")
            s += ["", "+", "-"][g.below(3)] + String(g.below(45))
        case 4: s += "e" + ["", "+", "-"][g.below(3)] + String(g.below(25))
        default: break
        }
        if g.below(50) == 0 { s.insert([".", "e", "/", " ", "x"][g.below(5)], at: s.index(s.startIndex, offsetBy: g.below(s.count))) }
        return s
    }
}
