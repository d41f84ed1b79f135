import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxKernel
import HardmaxModel

/// A small model that uses every field of SPEC.md section 10; the tests below break it one field at a
/// time. Every replaced text occurs once.
let compiledModelText = """
    {
      "format": "hardmax-transformer", "version": 1,
      "dimension": 2,
      "embedding": {"vocabulary": ["BOS", "a", 7], "table": [[1, 0], [0, 1], [1, 1]]},
      "positions": {"table": [[0, 0], [1, 0], [2, 0]]},
      "layers": [
        {"type": "attention", "heads": [
          {"query": [[1, 0]], "queryBias": [1], "key": [[0, 1]], "keyBias": [0], "value": [[1, 1]], "valueBias": [2], "output": [[1], [0]], "outputBias": [0, "1/2"], "scale": {"sqrt": "1/8"}},
          {"bilinear": [[1, 0], [0, 2]], "value": [[3, 0], [0, 1]], "scale": "1/2"}
        ]}
      ],
      "readout": {"pool": "every", "values": ["y"], "weight": [[1, 0]], "tolerance": "1/100"}
    }
    """

/// The kernel's well-formedness rules for the fields of section 10, through the model reader: each
/// error names the JSON path, the expected count and why, with the line and column of the value.
@Suite struct CompiledModelReaderTests {
    private func read(_ text: String) throws -> Model {
        try ModelReader.read(bytes: Array(text.utf8), file: "m.json")
    }

    @Test func everyFieldIsRead() throws {
        let m = try read(compiledModelText)
        let half = try Rational(1, 2), eighth = try Rational(1, 8), hundredth = try Rational(1, 100)
        #expect(m.embedding == Embedding(vocabulary: ["BOS", "a", "7"], table: Matrix(rows: 3, columns: 2, entries: [1, 0, 0, 1, 1, 1])))
        #expect(m.positions == .none && m.positionTable == Matrix(rows: 3, columns: 2, entries: [0, 0, 1, 0, 2, 0]))
        guard case .attention(let a) = m.layers[0] else { Issue.record("layer 0"); return }
        let h = a.heads[0]
        #expect(h.score == .queryKey(query: Matrix(rows: 1, columns: 2, entries: [1, 0]), key: Matrix(rows: 1, columns: 2, entries: [0, 1])))
        #expect(h.queryBias == [1] && h.keyBias == [0] && h.valueBias == [2] && h.outputBias == [0, half])
        #expect(h.value == Matrix(rows: 1, columns: 2, entries: [1, 1]) && h.output == Matrix(rows: 2, columns: 1, entries: [1, 0]))
        #expect(h.scale == .squareRoot(eighth))
        // Absent fields are nil (zeros, the identity output) and the scale 1.
        let b = a.heads[1]
        #expect(b.queryBias == nil && b.keyBias == nil && b.valueBias == nil && b.output == nil && b.outputBias == nil)
        #expect(b.scale == .rational(half))
        #expect(m.readout.classes.isEmpty && m.readout.bias == [0])
        #expect(m.readout.values == ValueOutput(names: ["y"], tolerance: hundredth))
        // Without a tolerance it is 0; without a scale it is 1.
        let plain = try read(compiledModelText.replacingOccurrences(of: ", \"tolerance\": \"1/100\"", with: "")
            .replacingOccurrences(of: ", \"scale\": \"1/2\"", with: ""))
        #expect(plain.readout.values?.tolerance == 0)
        guard case .attention(let p) = plain.layers[0] else { Issue.record("layer 0"); return }
        #expect(p.heads[1].scale == .rational(1))
    }

    /// Replacing `old` by `new` in the sample gives one error at `path` whose message contains `phrase`.
    @Test(arguments: [
        // Shapes of the head's new fields.
        ("\"output\": [[1], [0]]", "\"output\": [[1], [0], [2]]", "layers[0].heads[0].output",
         "expected 2 rows (the dimension), found 3"),
        ("\"output\": [[1], [0]]", "\"output\": [[1, 0], [0, 0]]", "layers[0].heads[0].output",
         "expected 1 column (the rows of value), found 2"),
        ("\"value\": [[1, 1]]", "\"value\": [[1, 1, 1]]", "layers[0].heads[0].value", "expected 2 columns (the dimension), found 3"),
        ("\"queryBias\": [1]", "\"queryBias\": [1, 2]", "layers[0].heads[0].queryBias",
         "expected 1 entry (the rows of query), found 2"),
        ("\"keyBias\": [0]", "\"keyBias\": []", "layers[0].heads[0].keyBias", "expected 1 entry (the rows of key), found 0"),
        ("\"valueBias\": [2]", "\"valueBias\": [2, 3]", "layers[0].heads[0].valueBias",
         "expected 1 entry (the rows of value), found 2"),
        ("\"outputBias\": [0, \"1/2\"]", "\"outputBias\": [0]", "layers[0].heads[0].outputBias",
         "expected 2 entries (the dimension), found 1"),
        // Without output, value is w x w: a value of k_v rows needs an output.
        ("\"output\": [[1], [0]], ", "", "layers[0].heads[0].value", "expected 2 rows (the dimension), found 1"),
        // Embedding and position tables.
        ("\"table\": [[1, 0], [0, 1], [1, 1]]", "\"table\": [[1, 0], [0, 1]]", "embedding.table",
         "expected 3 rows (the size of the vocabulary), found 2"),
        ("\"table\": [[1, 0], [0, 1], [1, 1]]", "\"table\": [[1, 0, 0], [0, 1, 0], [1, 1, 0]]", "embedding.table",
         "expected 2 columns (the dimension), found 3"),
        ("\"table\": [[0, 0], [1, 0], [2, 0]]", "\"table\": [[0], [1], [2]]", "positions.table",
         "expected 2 columns (the dimension), found 1"),
        ("\"table\": [[0, 0], [1, 0], [2, 0]]", "\"table\": []", "positions.table", "expected at least one row, found none"),
        ("\"vocabulary\": [\"BOS\", \"a\", 7]", "\"vocabulary\": []", "embedding.vocabulary",
         "expected at least one symbol, found none"),
        // Names.
        ("\"vocabulary\": [\"BOS\", \"a\", 7]", "\"vocabulary\": [\"BOS\", \"a\", \"a\"]", "embedding.vocabulary[2]",
         "duplicate symbol name \"a\" (also vocabulary[1])"),
        ("\"vocabulary\": [\"BOS\", \"a\", 7]", "\"vocabulary\": [\"BOS\", \"7\", 7]", "embedding.vocabulary[2]",
         "duplicate symbol name \"7\" (also vocabulary[1])"),
        ("\"values\": [\"y\"], \"weight\": [[1, 0]]", "\"values\": [\"y\", \"y\"], \"weight\": [[1, 0], [0, 1]]",
         "readout.values[1]", "duplicate value name \"y\" (also values[0])"),
        ("\"values\": [\"y\"]", "\"values\": []", "readout.values", "expected at least one value, found none"),
        ("\"values\": [\"y\"]", "\"values\": \"y\"", "readout.values", "found the string \"y\""),
        ("\"values\": [\"y\"]", "\"values\": [true]", "readout.values[0]", "expected a string (or an integer), found true"),
        // The readout of values.
        ("\"weight\": [[1, 0]]", "\"weight\": [[1, 0], [0, 1]]", "readout.weight", "expected 1 row (the number of values), found 2"),
        ("\"tolerance\": \"1/100\"", "\"tolerance\": \"1/100\", \"bias\": [0, 0]", "readout.bias",
         "expected 1 entry (the number of values), found 2"),
        ("\"tolerance\": \"1/100\"", "\"tolerance\": \"-1/100\"", "readout.tolerance",
         "expected a tolerance of at least 0, found -1/100"),
        ("\"values\": [\"y\"]", "\"classes\": [\"c\"], \"values\": [\"y\"]", "readout",
         "a readout has either \"classes\" or \"values\", not both"),
        // Scales.
        ("{\"sqrt\": \"1/8\"}", "{\"sqrt\": 0}", "layers[0].heads[0].scale", "expected a scale greater than 0, found 0"),
        ("{\"sqrt\": \"1/8\"}", "{\"sqrt\": \"-2\"}", "layers[0].heads[0].scale", "expected a scale greater than 0, found -2"),
        ("\"scale\": \"1/2\"", "\"scale\": \"-1/2\"", "layers[0].heads[1].scale", "expected a scale greater than 0, found -1/2"),
        ("\"scale\": \"1/2\"", "\"scale\": 0", "layers[0].heads[1].scale", "expected a scale greater than 0, found 0"),
        ("{\"sqrt\": \"1/8\"}", "{\"sqrt\": \"1/8\", \"pow\": 2}", "layers[0].heads[0].scale.pow", "unknown field \"pow\""),
        ("{\"sqrt\": \"1/8\"}", "{\"root\": 2}", "layers[0].heads[0].scale.root", "unknown field \"root\""),
        // Biases of the query and key need them.
        ("\"value\": [[3, 0], [0, 1]]", "\"value\": [[3, 0], [0, 1]], \"queryBias\": [1, 1]", "layers[0].heads[1]",
         "queryBias and keyBias need \"query\" and \"key\""),
        ("\"value\": [[3, 0], [0, 1]]", "\"value\": [[3, 0], [0, 1]], \"keyBias\": [1, 1]", "layers[0].heads[1]",
         "queryBias and keyBias need \"query\" and \"key\""),
        // Unknown or missing fields of the new objects.
        ("\"table\": [[0, 0], [1, 0], [2, 0]]", "\"table\": [[0, 0], [1, 0], [2, 0]], \"rows\": 3", "positions.rows",
         "unknown field \"rows\""),
        (", \"table\": [[1, 0], [0, 1], [1, 1]]", "", "embedding", "missing field \"table\""),
        ("\"vocabulary\": [\"BOS\", \"a\", 7]", "\"vocabulary\": [\"BOS\", \"a\", 1.5]", "embedding.vocabulary[2]",
         "a string (or an integer)"),
    ])
    func malformed(old: String, new: String, path: String, phrase: String) {
        #expect(compiledModelText.components(separatedBy: old).count == 2, "sample must hold \(old) once")
        let text = compiledModelText.replacingOccurrences(of: old, with: new)
        guard let e = inputError({ try read(text) }) else { return }
        #expect(e.file == "m.json")
        #expect(e.path == path, "\(new): \(e)")
        #expect(e.message.contains(phrase), "\(new): \(e)")
        #expect(e.line != nil && e.column != nil, "\(new): \(e)")
    }

    /// A position table with positions `index` cannot be written in one JSON object (one key), but can
    /// be built in memory: the kernel refuses it.
    @Test func positionTableWithPositionsIndexIsRefused() throws {
        let m = try read(compiledModelText)
        var indexed = m
        indexed.positions = .index
        #expect(throws: InputError(path: "positions", message: "a position table cannot be combined with positions \"index\"")) {
            try indexed.checkWellFormed()
        }
        // Without the table, positions index widens the input: the query must then have 3 columns.
        indexed.positionTable = nil
        #expect(throws: InputError(path: "layers[0].heads[0].query",
                                   message: "expected 3 columns (the dimension 2 plus 1 for positions \"index\"), found 2")) {
            try indexed.checkWellFormed()
        }
    }
}
