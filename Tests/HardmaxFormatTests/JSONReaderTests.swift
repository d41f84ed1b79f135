import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

@Suite struct JSONReaderTests {
    @Test func scalarsAndStructure() throws {
        #expect(try json("null") == .null)
        #expect(try json(" true ") == .bool(true))
        #expect(try json("false") == .bool(false))
        #expect(try json("\"hi\"") == .string("hi"))
        #expect(try json("[]") == .array([]))
        #expect(try json("{}") == .object([]))
        let v = try json("{\"a\": [1, -2.5e+3, {\"b\": null}], \"c\": \"x\"}")
        #expect(v == .object([
            JSONMember(key: "a", value: .array([.number("1"), .number("-2.5e+3"),
                                                .object([JSONMember(key: "b", value: .null)])])),
            JSONMember(key: "c", value: .string("x")),
        ]))
    }

    @Test func numbersKeepTheirLexeme() throws {
        for lexeme in ["0", "-0", "12", "-12", "1.25", "-0.001", "6.02e23", "-8.3E-4", "1e+0", "0.0e0",
                       "123456789012345678901234567890.000000000000000000001"] {
            #expect(try json("[\(lexeme)]") == .array([.number(lexeme)]), "lexeme \(lexeme)")
        }
    }

    @Test func membersKeepOrderAndPosition() throws {
        let v = try json("{\"z\": 1,\n  \"a\": 2,\n\t\"é\": 3, \"m\": 4}")
        guard case .object(let members) = v else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["z", "a", "é", "m"])
        #expect(members.map(\.line) == [1, 2, 3, 3])
        #expect(members.map(\.column) == [2, 3, 2, 10])
    }

    @Test func stringEscapesAndUnicode() throws {
        #expect(try json(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try json(#""\u0041\u00e9\u20AC\ud83d\ude00""#) == .string("Aé€😀"))
        #expect(try json("\"héllo €😀\"") == .string("héllo €😀"))
        #expect(try json(#""\u0000""#) == .string("\u{0}"))
        #expect(try json("\u{FEFF}[1]") == .array([.number("1")]))  // a byte order mark is ignored
    }

    /// Each malformed text gives one error at the stated line:column whose message contains `phrase`.
    @Test(arguments: [
        ("", 1, 1, "found end of input"),
        ("[1,]", 1, 3, "trailing comma"),
        ("{\"a\": 1,}", 1, 8, "trailing comma"),
        ("[NaN]", 1, 2, "NaN"),
        ("[Infinity]", 1, 2, "Infinity"),
        ("[-Infinity]", 1, 2, "-Infinity"),
        ("[01]", 1, 2, "leading zeros"),
        ("[-01]", 1, 2, "leading zeros"),
        ("[+1]", 1, 2, "'+'"),
        ("[.5]", 1, 2, "digit before '.'"),
        ("[1.]", 1, 4, "digit after '.'"),
        ("[1e]", 1, 4, "exponent"),
        ("[1e+]", 1, 5, "exponent"),
        ("[-]", 1, 3, "digit after '-'"),
        ("[0x10]", 1, 2, "hexadecimal"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("{a: 1}", 1, 2, "string key"),
        ("['a']", 1, 2, "double quotes"),
        ("// c\n[1]", 1, 1, "comments"),
        ("[1] /* c */", 1, 5, "after the JSON value"),
        ("[1]\n\n  x", 3, 3, "after the JSON value"),
        ("\n[\"a\tb\"]", 2, 4, "control character U+0009"),
        ("[\"a\nb\"]", 1, 4, "control character U+000A"),
        ("[\"abc", 1, 2, "unterminated string"),
        (#"["\x"]"#, 1, 3, "invalid escape \\x"),
        (#"["\u12"]"#, 1, 3, "4 hex digits"),
        (#"["\ud83d"]"#, 1, 3, "lone surrogate \\uD83D"),
        (#"["\ud83dx"]"#, 1, 3, "lone surrogate"),
        (#"["\ud83d\u0041"]"#, 1, 3, "not a low surrogate"),
        (#"["\ude00"]"#, 1, 3, "low surrogate without a high"),
        ("{\"a\": 1,\n \"a\": 2}", 2, 2, "duplicate key \"a\" (first at line 1, column 2)"),
        ("[tru]", 1, 2, "expected a value"),
        ("[True]", 1, 2, "expected a value"),
        ("[nul", 1, 2, "expected a value"),
        ("[1", 1, 3, "found end of input"),
        ("{\"a\": 1", 1, 8, "found end of input"),
        ("{", 1, 2, "string key"),
        ("é", 1, 1, "byte 0xC3"),
    ])
    func malformed(text: String, line: Int, column: Int, phrase: String) {
        guard let e = inputError({ try json(text) }) else { return }
        #expect(e.file == "t.json")
        #expect(e.line == line && e.column == column, "\(text.debugDescription): \(e)")
        #expect(e.message.contains(phrase), "\(text.debugDescription): \(e)")
    }

    @Test func invalidUTF8IsRefused() throws {
        let cases: [[UInt8]] = [
            [0x22, 0x80, 0x22],              // stray continuation byte
            [0x22, 0xC0, 0xAF, 0x22],        // overlong '/'
            [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong three-byte
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8 encoded surrogate U+D800
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xE2, 0x82, 0x22],        // truncated sequence
            [0x22, 0x61, 0xFF, 0x22],        // never valid
        ]
        for bytes in cases {
            guard let e = inputError({ try JSONReader.parse(bytes) }) else { continue }
            #expect(e.message.contains("invalid UTF-8"), "\(bytes): \(e)")
            #expect(e.line == 1 && e.column == (bytes[1] == 0x61 ? 3 : 2), "\(bytes): \(e)")
        }
        // Valid multi-byte edge cases are accepted: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF.
        let good: [UInt8] = [0x22, 0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF,
                             0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]
        #expect(try JSONReader.parse(good) == .string("\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"))
    }

    @Test func depthLimit() throws {
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        _ = try json(ok)
        let deep = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        let e = inputError { try json(deep) }
        #expect(e?.message.contains("deeper than 256") == true)
        #expect(e?.column == 257)
        // A hostile depth far beyond the limit is refused without exhausting the stack.
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        #expect(inputError { try json(hostile) }?.message.contains("deeper") == true)
    }

    @Test func sizeAndNumberLengthLimits() throws {
        let limits = JSONLimits(maxDepth: 256, maxBytes: 10, maxNumberLength: 5)
        let big = inputError { try JSONReader.parse(Array("[1, 2, 3, 4, 5]".utf8), file: "f", limits: limits) }
        #expect(big?.message == "JSON text is larger than 10 bytes")
        let long = inputError { try JSONReader.parse(Array("[123456]".utf8), limits: limits) }
        #expect(long?.message.contains("longer than 5") == true && long?.column == 2)
        #expect(try JSONReader.parse(Array("[12345]".utf8), limits: limits) == .array([.number("12345")]))
        // A text its reader already bounded (a model or certificate file under --max-file-bytes) gets
        // room for its size: the file limit decides, not a second 1 GiB bound.
        #expect(JSONLimits.standard(forTextOf: 10).maxBytes == JSONLimits.standard.maxBytes)
        #expect(JSONLimits.standard(forTextOf: 3 << 30).maxBytes == 3 << 30)
        #expect(JSONLimits.standard(forTextOf: 3 << 30).maxDepth == JSONLimits.standard.maxDepth)
    }

    @Test func largeObjectsDetectDuplicates() {
        var text = "{"
        for k in 0..<40 { text += "\"k\(k)\": \(k), " }
        text += "\"k7\": 0}"
        let e = inputError { try json(text) }
        #expect(e?.message.contains("duplicate key \"k7\"") == true)
    }
}
