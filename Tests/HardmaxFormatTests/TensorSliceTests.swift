import Exact
import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// Sliced tensor references (SPEC.md section 10): `rows` and `columns` are half-open ranges of the
/// (transposed) matrix, `rows` of a vector its elements. Weight files written byte by byte, as in
/// ``TensorArchitectureTests``.
@Suite struct TensorSliceTests {
    typealias F = TensorTestFiles

    /// I8 tensors, laid out as Tracr's fused Haiku kernels (in x out) with d = 2, H = 2 heads, k = 2:
    /// q  [2, 4] = [[1, 2, 3, 4], [5, 6, 7, 8]]   (transposed: [[1, 5], [2, 6], [3, 7], [4, 8]])
    /// qb [4]    = [10, 20, 30, 40]
    /// o  [4, 2] = [[1, 0], [0, 1], [2, 0], [0, 2]]  (transposed: [[1, 0, 2, 0], [0, 1, 0, 2]])
    /// m  [3, 3] = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    let store: TensorStore = {
        let data: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8] + [10, 20, 30, 40] + [1, 0, 0, 1, 2, 0, 0, 2] + [1, 2, 3, 4, 5, 6, 7, 8, 9]
        let header = "{\"q\":{\"dtype\":\"I8\",\"shape\":[2,4],\"data_offsets\":[0,8]},"
            + "\"qb\":{\"dtype\":\"I8\",\"shape\":[4],\"data_offsets\":[8,12]},"
            + "\"o\":{\"dtype\":\"I8\",\"shape\":[4,2],\"data_offsets\":[12,20]},"
            + "\"m\":{\"dtype\":\"I8\",\"shape\":[3,3],\"data_offsets\":[20,29]}}"
        // A fixture built in code: a failure here is a bug in the test itself.
        let tensors = (try? TensorFileReader.read(bytes: F.safetensors(header, data), file: "w.safetensors")) ?? []
        return (try? TensorStore(tensors: tensors.map { ("w.safetensors", $0) }))
            ?? (try! TensorStore(tensors: []))  // an empty store cannot hold duplicates
    }()

    /// Head h of the fused tensors, as Tracr's export writes it.
    static func head(_ h: Int) -> String {
        let rows = "[\(2 * h), \(2 * h + 2)]"
        return """
            {"query": {"tensor": "q", "transpose": true, "rows": \(rows)},
             "queryBias": {"tensor": "qb", "rows": \(rows)},
             "key": {"tensor": "q", "transpose": true, "rows": \(rows)},
             "value": {"tensor": "q", "transpose": true, "rows": \(rows)},
             "valueBias": {"tensor": "qb", "rows": \(rows)},
             "output": {"tensor": "o", "transpose": true, "columns": \(rows)}}
            """
    }

    static let architecture = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 2,
         "layers": [
           {"type": "attention", "heads": [\(head(0)), \(head(1))]},
           {"type": "feedforward", "w1": {"tensor": "m", "rows": [1, 3], "columns": [0, 2]}, "b1": [0, 0],
            "w2": {"tensor": "m", "transpose": true, "rows": [0, 2], "columns": [1, 3]}}
         ],
         "readout": {"pool": "every", "classes": ["a"], "weight": [[0, 0]]}}
        """

    func read(_ text: String) throws -> Model {
        try ModelReader.read(bytes: Array(text.utf8), file: "arch.json", tensors: store)
    }

    func matrix(_ rows: [[Int]]) -> Matrix {
        Matrix(rowArrays: rows.map { $0.map { Rational($0) } }, columns: rows[0].count)
    }

    @Test func fusedHeadsSplitByRowsAndColumns() throws {
        let model = try read(Self.architecture)
        guard case .attention(let a) = model.layers[0], case .feedforward(let f) = model.layers[1] else {
            Issue.record("layer types"); return
        }
        let (h0, h1) = (a.heads[0], a.heads[1])
        #expect(h0.score == .queryKey(query: matrix([[1, 5], [2, 6]]), key: matrix([[1, 5], [2, 6]])))
        #expect(h1.score == .queryKey(query: matrix([[3, 7], [4, 8]]), key: matrix([[3, 7], [4, 8]])))
        #expect(h0.queryBias == [10, 20] && h1.queryBias == [30, 40])
        #expect(h0.valueBias == [10, 20] && h1.valueBias == [30, 40] && h0.keyBias == nil)
        #expect(h0.value == matrix([[1, 5], [2, 6]]) && h1.value == matrix([[3, 7], [4, 8]]))
        #expect(h0.output == matrix([[1, 0], [0, 1]]) && h1.output == matrix([[2, 0], [0, 2]]))
        // Without transpose, rows 1..<3 and columns 0..<2 of m; transposed, the slices apply afterwards:
        // m^T = [[1, 4, 7], [2, 5, 8], [3, 6, 9]], rows 0..<2, columns 1..<3.
        #expect(f.w1 == matrix([[4, 5], [7, 8]]))
        #expect(f.w2 == matrix([[4, 7], [5, 8]]))
    }

    /// Replacing `old` by `new` in the architecture gives one error at `path` whose message is `message`.
    @Test(arguments: [
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}",
         "\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [2, 5]}", "layers[0].heads[0].query.rows",
         "expected [a, b] with 0 <= a < b <= 4 (the rows of tensor \"q\"), found [2, 5]"),
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}",
         "\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [2, 0]}", "layers[0].heads[0].query.rows",
         "expected [a, b] with 0 <= a < b <= 4 (the rows of tensor \"q\"), found [2, 0]"),
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}",
         "\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [1, 1]}", "layers[0].heads[0].query.rows",
         "expected [a, b] with 0 <= a < b <= 4 (the rows of tensor \"q\"), found [1, 1]"),
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}",
         "\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 1, 2]}", "layers[0].heads[0].query.rows",
         "expected [a, b] with 0 <= a < b <= 4 (the rows of tensor \"q\"), found [0, 1, 2]"),
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}",
         "\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [2]}", "layers[0].heads[0].query.rows",
         "expected [a, b] with 0 <= a < b <= 4 (the rows of tensor \"q\"), found [2]"),
        // Untransposed, q has 2 rows.
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}",
         "\"query\": {\"tensor\": \"q\", \"rows\": [2, 4]}", "layers[0].heads[0].query.rows",
         "expected [a, b] with 0 <= a < b <= 2 (the rows of tensor \"q\"), found [2, 4]"),
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}",
         "\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2], \"columns\": [0, 3]}",
         "layers[0].heads[0].query.columns",
         "expected [a, b] with 0 <= a < b <= 2 (the columns of tensor \"q\"), found [0, 3]"),
        ("\"output\": {\"tensor\": \"o\", \"transpose\": true, \"columns\": [2, 4]}",
         "\"output\": {\"tensor\": \"o\", \"transpose\": true, \"columns\": [4, 6]}", "layers[0].heads[1].output.columns",
         "expected [a, b] with 0 <= a < b <= 4 (the columns of tensor \"o\"), found [4, 6]"),
        ("\"queryBias\": {\"tensor\": \"qb\", \"rows\": [2, 4]}", "\"queryBias\": {\"tensor\": \"qb\", \"rows\": [3, 5]}",
         "layers[0].heads[1].queryBias.rows", "expected [a, b] with 0 <= a < b <= 4 (the rows of tensor \"qb\"), found [3, 5]"),
        // A 1-D tensor takes no transpose or columns; a 2-D tensor is not a vector, a 1-D one not a matrix.
        ("\"queryBias\": {\"tensor\": \"qb\", \"rows\": [2, 4]}", "\"queryBias\": {\"tensor\": \"qb\", \"transpose\": true}",
         "layers[0].heads[1].queryBias",
         "expected a vector from tensor \"qb\" (a 1-D tensor takes no \"transpose\" or \"columns\"), found shape [4] transposed"),
        ("\"queryBias\": {\"tensor\": \"qb\", \"rows\": [2, 4]}",
         "\"queryBias\": {\"tensor\": \"qb\", \"rows\": [2, 4], \"columns\": [0, 1]}", "layers[0].heads[1].queryBias",
         "expected a vector from tensor \"qb\" (a 1-D tensor takes no \"transpose\" or \"columns\"), found shape [4] with columns"),
        ("\"queryBias\": {\"tensor\": \"qb\", \"rows\": [2, 4]}", "\"queryBias\": {\"tensor\": \"q\", \"rows\": [0, 2]}",
         "layers[0].heads[1].queryBias",
         "expected a vector from tensor \"q\" (a 1-D tensor takes no \"transpose\" or \"columns\"), found shape [2, 4]"),
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}", "\"query\": {\"tensor\": \"qb\"}",
         "layers[0].heads[0].query", "expected a matrix (2 dimensions) from tensor \"qb\", found shape [4]"),
        // Slices that fit the tensor but not the layer: the kernel's message, then the tensor and slice.
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}",
         "\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 3]}", "layers[0].heads[0].key",
         "expected 3 rows (the rows of query), found 2 (tensor \"q\" transposed, rows 0..<2)"),
        ("\"query\": {\"tensor\": \"q\", \"transpose\": true, \"rows\": [0, 2]}",
         "\"query\": {\"tensor\": \"m\", \"transpose\": true, \"rows\": [0, 2]}", "layers[0].heads[0].query",
         "expected 2 columns (the dimension), found 3 (tensor \"m\" transposed, rows 0..<2)"),
        ("\"valueBias\": {\"tensor\": \"qb\", \"rows\": [0, 2]}", "\"valueBias\": {\"tensor\": \"qb\", \"rows\": [0, 3]}",
         "layers[0].heads[0].valueBias", "expected 2 entries (the rows of value), found 3 (tensor \"qb\", rows 0..<3)"),
        ("\"output\": {\"tensor\": \"o\", \"transpose\": true, \"columns\": [0, 2]}",
         "\"output\": {\"tensor\": \"o\", \"transpose\": true, \"columns\": [0, 3]}", "layers[0].heads[0].output",
         "expected 2 columns (the rows of value), found 3 (tensor \"o\" transposed, columns 0..<3)"),
        ("\"valueBias\": {\"tensor\": \"qb\", \"rows\": [0, 2]}", "\"valueBias\": {\"tensor\": \"qb\"}",
         "layers[0].heads[0].valueBias", "expected 2 entries (the rows of value), found 4 (tensor \"qb\")"),
    ])
    func refused(old: String, new: String, path: String, message: String) {
        #expect(Self.architecture.components(separatedBy: old).count == 2, "architecture must hold \(old) once")
        let e = inputError { try read(Self.architecture.replacingOccurrences(of: old, with: new)) }
        #expect(e?.path == path, "\(new): \(String(describing: e))")
        #expect(e?.message == message, "\(new): \(String(describing: e))")
        #expect(e?.file == "arch.json" && e?.line != nil, "\(new): \(String(describing: e))")
    }

    @Test func aSliceBoundMustBeACount() {
        for bad in ["[-1, 2]", "[0, \"2\"]", "[0.5, 2]", "\"0:2\""] {
            let text = Self.architecture.replacingOccurrences(of: "\"queryBias\": {\"tensor\": \"qb\", \"rows\": [2, 4]}",
                                                              with: "\"queryBias\": {\"tensor\": \"qb\", \"rows\": \(bad)}")
            let e = inputError { try read(text) }
            #expect(e?.path?.hasPrefix("layers[0].heads[1].queryBias.rows") == true, "\(bad): \(String(describing: e))")
            #expect(e?.message.contains("non-negative integer") == true || e?.message.contains("array") == true,
                    "\(bad): \(String(describing: e))")
        }
    }
}
