import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// A small model that uses every feature; the tests below break it one field at a time.
let sampleModelText = """
    {
      "format": "hardmax-transformer", "version": 1,
      "dimension": 2,
      "positions": "index",
      "layers": [
        {"type": "attention", "heads": [{"query": [[1, 0, 0]], "key": [[0, 1, 0]], "value": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}, {"bilinear": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "value": [[0, 0, 0], [0, 0, 0], [0, 0, 2]]}, {"value": [[0, 0, 0], [0, 0, 0], [1, 0, 0]]}], "residual": "1/2", "mask": "causal"},
        {"type": "feedforward", "w1": [[1, 2, 3], [4, 5, 6]], "b1": [0, "-1/3"], "w2": [[1, 0], [0, 1], [1, 1]]},
        {"type": "affine", "weight": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], "bias": [0, 0, 0, "0x1p-1"]},
        {"type": "feedforward", "w1": [[1, 1, 1, 1]], "b1": [5], "w2": [[1], [0], [0], [0]], "b2": [1, 2, 3, 4], "residual": 0}
      ],
      "readout": {"pool": "every", "classes": ["a", "b"], "weight": [[1, 0, 0, 0], [0, 1, 0, 0]]},
      "metadata": {"note": [1.5, null]}
    }
    """

@Suite struct ModelReaderTests {
    private func read(_ text: String) throws -> Model {
        try ModelReader.read(bytes: Array(text.utf8), file: "m.json")
    }

    @Test func sampleModelReadsWithDefaults() throws {
        let m = try read(sampleModelText)
        let half = try Rational(1, 2), minusThird = try Rational(-1, 3)
        #expect(m.dimension == 2 && m.positions == .index && m.inputWidth == 3 && m.layers.count == 4)
        guard case .attention(let a) = m.layers[0] else { Issue.record("layer 0"); return }
        #expect(a.heads.count == 3 && a.causal && a.residual == half)
        #expect(a.heads[0].score == .queryKey(query: Matrix(rows: 1, columns: 3, entries: [1, 0, 0]),
                                              key: Matrix(rows: 1, columns: 3, entries: [0, 1, 0])))
        guard case .bilinear(let b) = a.heads[1].score else { Issue.record("head 1"); return }
        #expect(b.rows == 3 && b[1, 1] == 1 && b[0, 1] == 0)
        #expect(a.heads[1].value[2, 2] == 2)
        #expect(a.heads[2].score == .uniform && a.heads[2].value[2, 0] == 1)
        guard case .feedforward(let f) = m.layers[1] else { Issue.record("layer 1"); return }
        #expect(f.hiddenWidth == 2 && f.w1.row(1) == [4, 5, 6] && f.b1 == [0, minusThird])
        #expect(f.w2.rows == 3 && f.w2.columns == 2 && f.b2 == [0, 0, 0] && f.residual == 1)
        guard case .affine(let g) = m.layers[2] else { Issue.record("layer 2"); return }
        #expect(g.weight.rows == 4 && g.bias == [0, 0, 0, half])
        guard case .feedforward(let h) = m.layers[3] else { Issue.record("layer 3"); return }
        #expect(h.residual == 0 && h.b2 == [1, 2, 3, 4])
        #expect(m.readout.pool == .every && m.readout.classes == ["a", "b"] && m.readout.bias == [0, 0])
        #expect(m.readout.weight.columns == 4)
        #expect(m.metadata == .object([JSONMember(key: "note", value: .array([.number("1.5"), .null]))]))
    }

    @Test func minimalModelGetsDefaults() throws {
        let m = try read("""
            {"format": "hardmax-transformer", "version": "1", "dimension": 1, "layers": [],
             "readout": {"pool": "mean", "classes": ["only"], "weight": [["2/4"]]}}
            """)
        #expect(m.positions == .none && m.layers.isEmpty && m.metadata == .object([]))
        #expect(m.readout.weight[0, 0] == (try Rational(1, 2)) && m.readout.bias == [0])
    }

    /// Replacing `old` by `new` in the sample gives one error at `path` whose message contains `phrase`.
    @Test(arguments: [
        ("\"hardmax-transformer\"", "\"hardmax\"", "format", "expected \"hardmax-transformer\""),
        ("\"version\": 1", "\"version\": 2", "version", "expected version 1"),
        ("\"dimension\": 2", "\"dimension\": 0", "dimension", "positive integer"),
        ("\"dimension\": 2", "\"dimension\": \"2.5\"", "dimension", "positive integer"),
        ("\"dimension\": 2", "\"dimension\": 3", "layers[0].heads[0].query",
         "expected 4 columns (the dimension 3 plus 1 for positions \"index\"), found 3"),
        ("\"positions\": \"index\"", "\"positions\": \"none\"", "layers[0].heads[0].query",
         "expected 2 columns (the dimension), found 3"),
        ("\"positions\": \"index\"", "\"positions\": \"time\"", "positions", "expected \"none\" or \"index\""),
        ("\"metadata\": {\"note\": [1.5, null]}", "\"metadata\": []", "metadata", "expected an object"),
        ("\"format\"", "\"fromat\"", "fromat", "unknown field \"fromat\" in a model"),
        ("\"key\": [[0, 1, 0]]", "\"key\": [[0, 1, 0], [1, 1, 1]]", "layers[0].heads[0].key",
         "expected 1 row (the rows of query), found 2"),
        ("\"key\": [[0, 1, 0]], ", "", "layers[0].heads[0]", "missing field \"key\""),
        ("{\"bilinear\"", "{\"query\": [[1, 0, 0]], \"bilinear\"", "layers[0].heads[1]", "not both"),
        ("[[0, 0, 0], [0, 0, 0], [0, 0, 2]]", "[[0, 0, 0], [0, 0, 0]]", "layers[0].heads[1].value",
         "expected 3 rows (the dimension 2 plus 1 for positions \"index\"), found 2"),
        ("{\"value\": [[0, 0, 0], [0, 0, 0], [1, 0, 0]]}", "{}", "layers[0].heads[2]", "missing field \"value\""),
        ("{\"value\": [[0, 0, 0], [0, 0, 0], [1, 0, 0]]}", "{\"value\": [[0, 0, 0], [0, 0, 0], [1, 0, 0]], \"v\": 1}",
         "layers[0].heads[2].v", "unknown field \"v\" in an attention head"),
        ("\"mask\": \"causal\"", "\"mask\": \"future\"", "layers[0].mask", "expected \"none\" or \"causal\""),
        ("\"residual\": \"1/2\"", "\"residual\": \"half\"", "layers[0].residual", "found \"half\""),
        ("\"residual\": \"1/2\"", "\"residual\": [1]", "layers[0].residual", "found an array"),
        ("{\"type\": \"attention\", \"heads\": [{\"query\"",
         "{\"type\": \"attention\", \"heads\": [], \"x\": [{\"query\"", "layers[0].x", "unknown field \"x\""),
        ("{\"type\": \"affine\"", "{\"type\": \"conv\"", "layers[2].type",
         "expected \"attention\", \"feedforward\", \"affine\" or \"layernorm\", found the string \"conv\""),
        ("{\"type\": \"affine\", ", "{", "layers[2]", "missing field \"type\""),
        ("\"b1\": [0, \"-1/3\"]", "\"b1\": [0]", "layers[1].b1", "expected 2 entries (the rows of w1), found 1"),
        ("\"b1\": [0, \"-1/3\"]", "\"b1\": [0, \"-1/0\"]", "layers[1].b1[1]", "found \"-1/0\""),
        ("\"b1\": [0, \"-1/3\"], ", "", "layers[1]", "missing field \"b1\""),
        ("\"w1\": [[1, 2, 3], [4, 5, 6]]", "\"w1\": [[1, 2, 3], [4, 5]]", "layers[1].w1[1]",
         "expected 3 columns"),
        ("\"w1\": [[1, 2, 3], [4, 5, 6]]", "\"w1\": []", "layers[1].w1", "at least one row"),
        ("\"w1\": [[1, 2, 3], [4, 5, 6]]", "\"w1\": [1, 2]", "layers[1].w1[0]", "expected a row"),
        ("\"w1\": [[1, 2, 3], [4, 5, 6]]", "\"w1\": {\"shape\": 2}", "layers[1].w1.shape",
         "unknown field \"shape\" in a tensor reference"),
        ("\"w2\": [[1, 0], [0, 1], [1, 1]]", "\"w2\": [[1, 0], [0, 1], [1, 1, 1]]", "layers[1].w2[2]",
         "expected 2 columns (as row 0: a matrix is rectangular), found 3"),
        ("\"w2\": [[1, 0], [0, 1], [1, 1]]", "\"w2\": [[1, 0, 1], [0, 1, 1], [1, 1, 1]]", "layers[1].w2",
         "expected 2 columns (the rows of w1), found 3"),
        ("\"bias\": [0, 0, 0, \"0x1p-1\"]", "\"bias\": [0, 0, 0]", "layers[2].bias",
         "expected 4 entries (the rows of weight), found 3"),
        ("\"w1\": [[1, 1, 1, 1]]", "\"w1\": [[1, 1, 1]]", "layers[3].w1",
         "expected 4 columns (the width after layers[2] (affine)), found 3"),
        ("\"b2\": [1, 2, 3, 4]", "\"b2\": [1, 2, 3, true]", "layers[3].b2[3]", "found true"),
        ("\"pool\": \"every\"", "\"pool\": \"max\"", "readout.pool", "\"mean\" or \"first\" or \"last\" or \"every\""),
        ("\"pool\": \"every\", ", "", "readout", "missing field \"pool\""),
        ("\"classes\": [\"a\", \"b\"]", "\"classes\": [\"a\", \"a\"]", "readout.classes[1]",
         "duplicate class name \"a\""),
        ("\"classes\": [\"a\", \"b\"]", "\"classes\": []", "readout.classes", "at least one class"),
        ("\"classes\": [\"a\", \"b\"]", "\"classes\": [\"a\", 2]", "readout.classes[1]", "expected a class name"),
        ("\"weight\": [[1, 0, 0, 0], [0, 1, 0, 0]]}", "\"weight\": [[1, 0, 0, 0]]}", "readout.weight",
         "expected 2 rows (the number of classes), found 1"),
        ("\"weight\": [[1, 0, 0, 0], [0, 1, 0, 0]]}", "\"weight\": [[1, 0, 0, 0], [0, 1, 0, 0]], \"bias\": [1]}",
         "readout.bias", "expected 2 entries (the number of classes), found 1"),
    ])
    func malformed(old: String, new: String, path: String, phrase: String) {
        #expect(sampleModelText.contains(old), "sample lacks \(old)")
        let text = sampleModelText.replacingOccurrences(of: old, with: new)
        guard let e = inputError({ try read(text) }) else { return }
        #expect(e.file == "m.json")
        #expect(e.path == path, "\(new): \(e)")
        #expect(e.message.contains(phrase), "\(new): \(e)")
        #expect(e.line != nil && e.column != nil, "\(new): \(e)")
    }

    @Test func errorsGiveTheLineAndColumnOfTheValue() {
        let text = sampleModelText.replacingOccurrences(of: "\"b1\": [0, \"-1/3\"]", with: "\"b1\": [0, \"x\"]")
        let e = inputError { try read(text) }
        // Line 7 of the sample: `    {"type": "feedforward", "w1": [[1, 2, 3], [4, 5, 6]], "b1": [0, "x"], ...`; "x" at column 69
        #expect(e?.path == "layers[1].b1[1]" && e?.line == 7 && e?.column == 69, "\(String(describing: e))")
        #expect(e?.description.hasPrefix("m.json:7:69: layers[1].b1[1]: error: expected a number") == true)
        let missing = inputError { try read(sampleModelText.replacingOccurrences(of: "\"pool\": \"every\", ", with: "")) }
        #expect(missing?.path == "readout" && missing?.line == 11 && missing?.column == 14)
    }

    @Test func malformedJSONIsReportedByTheJSONReader() {
        let e = inputError { try read("{\"format\": \"hardmax-transformer\",}") }
        #expect(e?.message.contains("trailing comma") == true && e?.line == 1 && e?.column == 33)
    }

    @Test func parseOfInMemoryValueNamesThePath() throws {
        let json = try JSONReader.parse(Array(sampleModelText.utf8))
        guard case .object(var members) = json else { Issue.record("not an object"); return }
        members.removeAll { $0.key == "readout" }
        let e = inputError { try ModelReader.parse(.object(members), file: nil) }
        #expect(e?.path == "" && e?.message == "missing field \"readout\"" && e?.line == nil)
        if let i = members.firstIndex(where: { $0.key == "layers" }) { members[i].value = .string("none") }
        let f = inputError { try ModelReader.parse(.object(members), file: "x.json") }
        #expect(f?.file == "x.json" && f?.path == "layers")
        #expect(f?.message == "expected an array of layers, found the string \"none\"")
    }
}
