import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

@Suite struct JSONLinesReaderTests {
    private func read(_ text: String) throws -> Dataset {
        try DatasetReader.read(.contents([("d.jsonl", Array(text.utf8))])).dataset
    }

    @Test func readsRecordsExactly() throws {
        let text = """
            {"id": "a", "label": "cat", "tokens": [[1, "1/2"], ["0.25", -3]]}

            {"tokens": [["0x1.8p-3", 6.02e2], [-8.3E-4, "-3/4"]], "label": 7}\r
              {"label": "\\u00e9t\\u00e9", "tokens": [[0, "1e-2"]]}  
            """
        let d = try read(text)
        #expect(d.dimension == 2 && d.sequences.count == 3)
        let s0 = d.sequences[0]
        #expect(s0.id == "a" && s0.label == "cat" && s0.length == 2)
        #expect(s0.values == [1, try Rational(1, 2), try Rational(1, 4), -3])
        let s1 = d.sequences[1]
        #expect(s1.id == nil && s1.label == "7")
        // 0x1.8p-3 = 1.5/8 = 3/16; 6.02e2 = 602; -8.3E-4 = -83/100000.
        #expect(s1.values == [try Rational(3, 16), 602, try Rational(-83, 100_000), try Rational(-3, 4)])
        #expect(d.sequences[2].label == "été")
        #expect(d.sequences[2].values == [0, try Rational(1, 100)])
    }

    /// Each malformed file gives one error at line:column whose message contains `phrase`.
    @Test(arguments: [
        ("[1, 2]", 1, 1, "expected '{'"),
        ("{\"label\": \"a\", \"tokens\": [[1]]}\n{\"label\": \"b\",\n \"tokens\": [[1]]}", 2, 15, "found end of line"),
        ("{\"label\": \"a\", \"tokens\": [[1]], \"extra\": 1}", 1, 33,
         "unknown field \"extra\" in a record (allowed: id, label, labels, tokens)"),
        ("{\"label\": \"a\", \"label\": \"b\", \"tokens\": [[1]]}", 1, 16, "duplicate field \"label\" in a record"),
        ("{\"tokens\": [[1]]}", 1, 1, "missing field \"label\""),
        ("{\"label\": \"a\"}", 1, 1, "missing field \"tokens\""),
        ("{\"label\": true, \"tokens\": [[1]]}", 1, 11, "a string, a number or an array of numbers"),
        ("{\"label\": null, \"tokens\": [[1]]}", 1, 11, "found null"),
        ("{\"label\": \"a\", \"id\": 3, \"tokens\": [[1]]}", 1, 22, "\"id\" must be a string"),
        ("{\"label\": \"a\", \"tokens\": []}", 1, 26, "at least one token"),
        ("{\"label\": \"a\", \"tokens\": [[]]}", 1, 27, "at least one coordinate"),
        ("{\"label\": \"a\", \"tokens\": [true, 2]}", 1, 27, "expected a token"),
        ("{\"label\": \"a\", \"tokens\": {\"x\": 1}}", 1, 26, "must be an array of tokens"),
        ("{\"label\": \"a\", \"tokens\": [[1, 2], [3]]}", 1, 35, "token has 1 coordinate, expected 2"),
        ("{\"label\": \"a\", \"tokens\": [[1, 2]]}\n\n{\"label\": \"b\", \"tokens\": [[1, 2, 3]]}", 3, 27,
         "expected 2 (the dimension of the first token, on line 1)"),
        ("{\"label\": \"a\", \"tokens\": [[1, NaN]]}", 1, 31, "NaN"),
        ("{\"label\": \"a\", \"tokens\": [[1, \"NaN\"]]}", 1, 32, "found \"NaN\""),
        ("{\"label\": \"a\", \"tokens\": [[1, \"1/0\"]]}", 1, 34, "found \"1/0\""),
        ("{\"label\": \"a\", \"tokens\": [[\"1.5x\"]]}", 1, 32, "found \"1.5x\""),
        ("{\"label\": \"a\", \"tokens\": [[1, [2]]]}", 1, 31, "expected a number"),
        ("{\"label\": \"a\", \"tokens\": [[1, true]]}", 1, 31, "found true"),
        ("{\"label\": \"a\", \"tokens\": [[1,]]}", 1, 29, "trailing comma"),
        ("{\"label\": \"a\", \"tokens\": [[01]]}", 1, 28, "leading zeros"),
        ("{\"label\": \"a\", \"tokens\": [[1]]} x", 1, 33, "after the object"),
        ("{\"label\": \"a\", \"tokens\": [[1]]} {}", 1, 33, "after the object"),
        ("{\"label\": \"a\\q\", \"tokens\": [[1]]}", 1, 13, "invalid escape"),
        ("{\"label\": \"a\", \"tokens\": [[1e100001]]}", 1, 29, "exponent"),
    ])
    func malformed(text: String, line: Int, column: Int, phrase: String) {
        guard let e = inputError({ try read(text) }) else { return }
        #expect(e.file == "d.jsonl")
        #expect(e.line == line && e.column == column, "\(text.debugDescription): \(e)")
        #expect(e.message.contains(phrase), "\(text.debugDescription): \(e)")
    }

    @Test func escapedNumberStringErrorPointsAtTheString() {
        let e = inputError { try read("{\"label\": \"a\", \"tokens\": [[\"1\\u002F0\"]]}") }
        #expect(e?.line == 1 && e?.column == 28)
        #expect(e?.message.contains("found \"1/0\"") == true)
    }
}
