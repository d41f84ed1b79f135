import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// JSON Lines datasets of SPEC.md section 10: symbol tokens, per-token labels with null, labels that
/// are numbers or arrays of numbers, and the checks against the model's vocabulary or width.
@Suite struct SymbolDatasetTests {
    private func read(_ text: String, vocabulary: Set<Label>? = nil, width: Int? = nil) throws -> Dataset {
        var tokens = TokenLimits(width: width)
        tokens.vocabulary = vocabulary
        return try DatasetReader.read(.contents([("d.jsonl", Array(text.utf8))]), limits: InputLimits(tokens: tokens)).dataset
    }

    @Test func symbolsAndPerTokenLabels() throws {
        let d = try read("""
            {"id": "s", "tokens": ["BOS", "a", 7, -3], "labels": [null, "1", 2, "x"]}
            {"tokens": ["b"], "label": "y"}
            {"tokens": ["a", "a"], "labels": [null, null]}
            {"tokens": ["a", "b"], "labels": [[0.5, "6/2"], -0.25]}
            """)
        #expect(d.dimension == 0 && d.sequences.count == 4 && d.tokenCount == 9)
        let s = d.sequences[0]
        #expect(s.isSymbolic && s.symbols == ["BOS", "a", "7", "-3"] && s.values.isEmpty && s.length == 4)
        #expect(s.labels == .perToken([nil, "1", "2", "x"]) && s.label == nil && s.id == "s")
        #expect(d.sequences[1].labels == .whole("y") && d.sequences[1].symbols == ["b"])
        #expect(d.sequences[2].labels == .perToken([nil, nil]))
        // An array of numbers becomes the label [a, b] in lowest terms; a number keeps its text.
        #expect(d.sequences[3].labels == .perToken(["[1/2, 3]", "-0.25"]))
        let one = try read("{\"tokens\": [[1]], \"label\": [\"0x1p-1\", 2, \"4/6\"]}")
        #expect(one.sequences[0].labels == .whole("[1/2, 2, 2/3]") && one.dimension == 1)
        // Per-token labels on vector tokens.
        let vectors = try read("{\"tokens\": [[1, 2], [3, 4]], \"labels\": [\"a\", null]}")
        #expect(vectors.sequences[0].labels == .perToken(["a", nil]) && vectors.sequences[0].values == [1, 2, 3, 4])
    }

    /// Each malformed file gives one error at line:column whose message contains `phrase`.
    @Test(arguments: [
        // Symbols and vectors mixed, within a record or across lines.
        ("{\"tokens\": [\"a\", [1]], \"label\": \"x\"}", 1, 18, "expected a token (a symbol or an array of numbers)"),
        ("{\"tokens\": [[1], \"a\"], \"label\": \"x\"}", 1, 18, "expected a token (an array of numbers)"),
        ("{\"tokens\": [\"a\"], \"label\": \"x\"}\n{\"tokens\": [[1]], \"label\": \"x\"}", 2, 13,
         "found a vector token, but the file's tokens are symbols (since line 1)"),
        ("{\"tokens\": [[1]], \"label\": \"x\"}\n\n{\"tokens\": [\"a\"], \"label\": \"x\"}", 3, 13,
         "found a symbol token, but the file's tokens are vectors (since line 1)"),
        // Symbols are strings or integers.
        ("{\"tokens\": [\"a\", 1.5], \"label\": \"x\"}", 1, 18, "a symbol must be a string or an integer, found the number 1.5"),
        ("{\"tokens\": [\"a\", true], \"label\": \"x\"}", 1, 18, "expected a token (a symbol or an array of numbers), found true"),
        ("{\"tokens\": [\"a\", null], \"label\": \"x\"}", 1, 18, "found null"),
        // Labels: one per token, not both forms, not neither.
        ("{\"tokens\": [\"a\", \"b\"], \"labels\": [null]}", 1, 24, "\"labels\" has 1 entry, expected one per token (2)"),
        ("{\"tokens\": [\"a\"], \"labels\": [\"1\", \"2\"]}", 1, 19, "\"labels\" has 2 entries, expected one per token (1)"),
        ("{\"labels\": [], \"tokens\": [\"a\"]}", 1, 2, "\"labels\" has 0 entries, expected one per token (1)"),
        ("{\"tokens\": [\"a\"], \"label\": \"x\", \"labels\": [\"x\"]}", 1, 33, "either \"label\" or \"labels\", not both"),
        ("{\"tokens\": [\"a\"]}", 1, 1, "missing field \"label\" (or \"labels\", one per token)"),
        ("{\"tokens\": [\"a\"], \"labels\": \"x\"}", 1, 29, "\"labels\" must be an array with one label (or null) per token"),
        ("{\"tokens\": [\"a\"], \"labels\": [true]}", 1, 30, "a label must be a string, a number or an array of numbers"),
        ("{\"tokens\": [\"a\"], \"label\": null}", 1, 28, "found null"),
        // A label that is an array holds numbers.
        ("{\"tokens\": [\"a\"], \"label\": []}", 1, 28, "a label that is an array needs at least one number, found []"),
        ("{\"tokens\": [\"a\"], \"labels\": [[1, \"x\"]]}", 1, 35, "found \"x\""),
        ("{\"tokens\": [\"a\"], \"labels\": [[1, [2]]]}", 1, 34, "expected a number"),
    ])
    func malformed(text: String, line: Int, column: Int, phrase: String) {
        guard let e = inputError({ try read(text) }) else { return }
        #expect(e.file == "d.jsonl")
        #expect(e.line == line && e.column == column, "\(text.debugDescription): \(e)")
        #expect(e.message.contains(phrase), "\(text.debugDescription): \(e)")
    }

    @Test func theModelsVocabularyOrWidthDecidesWhatIsRead() throws {
        let vocabulary: Set<Label> = ["BOS", "a", "7"]
        let ok = try read("{\"tokens\": [\"BOS\", \"a\", 7], \"label\": \"x\"}", vocabulary: vocabulary)
        #expect(ok.sequences[0].symbols == ["BOS", "a", "7"])
        let cases: [(String, Set<Label>?, Int?, Int, Int, String)] = [
            ("{\"tokens\": [\"a\"], \"label\": \"x\"}\n{\"tokens\": [\"a\", \"b\"], \"label\": \"x\"}", vocabulary, nil, 2, 18,
             "symbol \"b\" is not in the model's vocabulary"),
            // Symbols compare by their exact text.
            ("{\"tokens\": [\"A\"], \"label\": \"x\"}", vocabulary, nil, 1, 13, "symbol \"A\" is not in the model's vocabulary"),
            ("{\"tokens\": [\"a\", 8], \"label\": \"x\"}", vocabulary, nil, 1, 18, "symbol \"8\" is not in the model's vocabulary"),
            ("{\"tokens\": [[1]], \"label\": \"x\"}", vocabulary, nil, 1, 13,
             "expected a symbol (the model reads symbol tokens: it has an embedding), found a vector"),
            ("{\"tokens\": [\"a\"], \"label\": \"x\"}", nil, 2, 1, 13,
             "expected a token (an array of numbers): the model has no embedding, so it reads vectors, not symbols"),
        ]
        for (text, vocabulary, width, line, column, phrase) in cases {
            let e = inputError { try read(text, vocabulary: vocabulary, width: width) }
            #expect(e?.line == line && e?.column == column, "\(text.debugDescription): \(String(describing: e))")
            #expect(e?.message.contains(phrase) == true, "\(text.debugDescription): \(String(describing: e))")
        }
    }

    @Test func writerRoundTripsSymbolsAndPerTokenLabels() throws {
        let d = Dataset(dimension: 0, sequences: [
            LabelledSequence(id: "first", labels: .perToken([nil, "1/2", "[1/2, 3]"]), symbols: ["BOS", "a", "7"]),
            LabelledSequence(labels: .whole("yes"), symbols: ["a"]),
            LabelledSequence(id: "q\"uote", labels: .perToken([nil, nil]), symbols: ["BOS", "\u{e9}t\u{e9}"]),
        ])
        let text = DatasetWriter.jsonLines(d)
        #expect(String(decoding: text, as: UTF8.self).hasPrefix(
            "{\"id\": \"first\", \"labels\": [null, \"1/2\", \"[1/2, 3]\"], \"tokens\": [\"BOS\", \"a\", \"7\"]}\n"))
        let back = try DatasetReader.read(.contents([("d.jsonl", text)])).dataset
        #expect(back == d)
        // Vector tokens with per-token labels too.
        let v = Dataset(dimension: 2, sequences: [
            LabelledSequence(labels: .perToken(["a", nil]), dimension: 2, values: [1, try Rational(-1, 3), 0, 5]),
        ])
        #expect(try DatasetReader.read(.contents([("v.jsonl", DatasetWriter.jsonLines(v))])).dataset == v)
    }
}
