import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// The reader's one-pass number path (`Rational.shortPrefix`): the values are those of
/// `Rational(parsing:)` on each lexeme, and texts it does not take keep the scanner's errors.
@Suite struct JSONLinesNumberTests {
    private func read(_ text: String) throws -> Dataset {
        try DatasetReader.read(.contents([("d.jsonl", Array(text.utf8))])).dataset
    }

    /// A JSON number lexeme (no leading zero) of awkward length, or, when `exact`, exact number text.
    static func numberText(_ g: inout TestRandom, exact: Bool) -> String {
        func digits(_ n: Int, leadingZeroAllowed: Bool) -> String {
            var s = ""
            for k in 0..<n {
                let d = k == 0 && !leadingZeroAllowed && n > 1 ? 1 + g.below(9) : g.below(10)
                s.append(Character(Unicode.Scalar(UInt8(48 + d))))
            }
            return s
        }
        let length = g.below(3) == 0 ? 17 + g.below(5) : 1 + g.below(6)
        var s = (g.below(3) == 0 ? "-" : "") + digits(length, leadingZeroAllowed: exact)
        switch g.below(5) {
        case 0 where exact: s += "/" + digits(1 + g.below(20), leadingZeroAllowed: true).replacingOccurrences(of: "/0", with: "/1")
        case 0, 1: s += "." + digits(1 + g.below(8), leadingZeroAllowed: true) + String(repeating: "0", count: g.below(3))
        case 2: s += "." + digits(1 + g.below(4), leadingZeroAllowed: true) + ["e", "E"][g.below(2)]
            + ["", "+", "-"][g.below(3)] + String(g.below(30))
        default: break
        }
        return s
    }

    @Test(arguments: 0..<4) func valuesAreThoseOfTheGeneralParser(seed: UInt64) throws {
        var g = TestRandom(seed: 0x4a53_4f4e + seed)
        for _ in 0..<200 {
            var texts: [String] = []
            var expected: [Rational] = []
            var fields: [String] = []
            for _ in 0..<8 {
                let quoted = g.below(2) == 0
                let text = Self.numberText(&g, exact: quoted)
                guard let value = try? Rational(parsing: text), !text.hasSuffix("/0") else { continue }
                texts.append(text)
                expected.append(value)
                fields.append(quoted ? "\"" + text + "\"" : text)
            }
            guard !fields.isEmpty else { continue }
            let line = "{\"label\": \"a\", \"tokens\": [[" + fields.joined(separator: [",", ", ", " ,"][g.below(3)]) + "]]}"
            let d = try read(line)
            #expect(d.sequences[0].values == expected, "seed \(seed): \(line)")
        }
    }

    @Test(arguments: [
        ("[[-01]]", 28, "leading zeros"), ("[[00.5]]", 28, "leading zeros"), ("[[0x10]]", 28, "hexadecimal"),
        ("[[1.5x]]", 31, "'x'"), ("[[1/2]]", 29, "'/'"), ("[[1.]]", 30, "after '.'"), ("[[2e]]", 30, "exponent"),
        ("[[\"1.5\\u0030\", 1e+]]", 44, "exponent"), ("[[\"1/2 \"]]", 32, "found \"1/2 \""),
    ])
    func theScannerStillReportsWhatTheShortPathDeclines(tokens: String, column: Int, phrase: String) {
        let text = "{\"label\": \"a\", \"tokens\": " + tokens + "}"
        do {
            _ = try read(text)
            Issue.record("\(text) was read")
        } catch let e as InputError {
            #expect(e.line == 1 && e.column == column && e.message.contains(phrase), "\(text): \(e)")
        } catch {
            Issue.record("\(text): \(error)")
        }
    }

    @Test func aNumberAtTheEndOfTheFileOrBeforeALineBreak() throws {
        #expect(try read("{\"label\": \"a\", \"tokens\": [[2.500]]}").sequences[0].values == [try Rational(5, 2)])
        let two = try read("{\"label\": \"a\", \"tokens\": [[-0.000, 1e-3]]}\r\n{\"label\": \"b\", \"tokens\": [[7, \"6/4\"]]}")
        #expect(two.sequences.map(\.values) == [[0, try Rational(1, 1000)], [7, try Rational(3, 2)]])
    }
}
