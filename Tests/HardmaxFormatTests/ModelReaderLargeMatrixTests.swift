import Exact
import Testing
@testable import HardmaxFormat
import HardmaxModel

/// Matrices past `ModelParser.parallelEntries` are converted in row bands on every processor: the
/// entries land where the text puts them, and of several errors the first in row-major order is the
/// one reported, as when the rows are converted in turn.
@Suite struct ModelReaderLargeMatrixTests {
    /// A one-layer model whose feedforward W1 has `rows` rows of `dimension` entries, entry (r, c)
    /// written by `entry(r, c)`.
    private func modelText(rows: Int, dimension: Int, entry: (Int, Int) -> String) -> String {
        let w1 = (0..<rows).map { r in "[" + (0..<dimension).map { entry(r, $0) }.joined(separator: ",") + "]" }
        let w2 = (0..<dimension).map { _ in "[" + Array(repeating: "0", count: rows).joined(separator: ",") + "]" }
        return """
            {"format": "hardmax-transformer", "version": 1, "dimension": \(dimension),
             "layers": [{"type": "feedforward", "w1": [\(w1.joined(separator: ","))],
                         "b1": [\(Array(repeating: "0", count: rows).joined(separator: ","))],
                         "w2": [\(w2.joined(separator: ","))]}],
             "readout": {"pool": "mean", "classes": ["a"], "weight": [[\(Array(repeating: "1", count: dimension).joined(separator: ","))]]}}
            """
    }

    @Test func everyEntryLandsInItsPlace() throws {
        let rows = 9001, dimension = 8   // 72,008 entries: converted in bands
        #expect(rows * dimension >= ModelParser.parallelEntries)
        let text = modelText(rows: rows, dimension: dimension) { r, c in "\"\(r - 4000)/\(c + 1)\"" }
        let model = try ModelReader.read(bytes: Array(text.utf8), file: "m.json")
        guard case .feedforward(let f) = model.layers[0] else { Issue.record("layer 0"); return }
        #expect(f.w1.rows == rows && f.w1.columns == dimension)
        for r in stride(from: 0, to: rows, by: 97) {
            for c in 0..<dimension { #expect(f.w1[r, c] == (try Rational(r - 4000, c + 1))) }
        }
        #expect(f.w1[rows - 1, dimension - 1] == (try Rational(rows - 1 - 4000, dimension)))
    }

    @Test func theFirstErrorInRowOrderIsReported() {
        let rows = 9001, dimension = 8
        // Bad numbers near the end (the last band) and in the first band, and in between.
        let bad: Set<[Int]> = [[8990, 3], [12, 5], [4500, 0]]
        let text = modelText(rows: rows, dimension: dimension) { r, c in bad.contains([r, c]) ? "\"1/0\"" : "1" }
        #expect {
            try ModelReader.read(bytes: Array(text.utf8), file: "m.json")
        } throws: { error in
            (error as? InputError)?.path == "layers[0].w1[12][5]"
        }
    }

    @Test func aRaggedLargeMatrixNamesItsFirstShortRow() {
        let rows = 9001, dimension = 8
        var text = modelText(rows: rows, dimension: dimension) { _, _ in "1" }
        // Row 7000 loses an entry: the matrix is no longer rectangular.
        let w1Start = text.range(of: "\"w1\": [")!.upperBound
        var rowStart = w1Start
        for _ in 0..<7000 { rowStart = text.range(of: "],[", range: rowStart..<text.endIndex)!.upperBound }
        text.replaceSubrange(rowStart..<text.index(rowStart, offsetBy: 2), with: "")   // drop "1,"
        #expect {
            try ModelReader.read(bytes: Array(text.utf8), file: "m.json")
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.path == "layers[0].w1[7000]" && e.message.contains("expected 8 columns")
        }
    }
}
