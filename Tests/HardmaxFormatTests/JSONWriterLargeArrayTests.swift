import Exact
import Testing
@testable import HardmaxFormat
import HardmaxModel

/// Arrays past `JSONWriter.parallelElements` are written in pieces on every processor and joined, and
/// large model matrices are turned into JSON values in bands: the text is the one the format defines,
/// element by element in order, and it reads back to the same model.
@Suite struct JSONWriterLargeArrayTests {
    private let count = JSONWriter.parallelElements * 2 + 3

    @Test func aLongRowIsEveryElementInOrderOnOneLine() {
        let value = JSONValue.array((0..<count).map { .string("\($0 - 7)/\($0 % 5 + 1)") })
        let expected = "[" + (0..<count).map { "\"\($0 - 7)/\($0 % 5 + 1)\"" }.joined(separator: ", ") + "]"
        #expect(JSONWriter.write(value, style: .pretty) == expected)
        #expect(JSONWriter.write(value, style: .compact) == expected)
    }

    @Test func manyRowsAreOneLineEachInOrder() {
        let value = JSONValue.array((0..<count).map { .array([.number("\($0)"), .string("x\u{1}\($0)")]) })
        let rows = (0..<count).map { "  [\($0), \"x\\u0001\($0)\"]" }
        #expect(JSONWriter.write(value, style: .pretty) == "[\n" + rows.joined(separator: ",\n") + "\n]")
        let compact = (0..<count).map { "[\($0), \"x\\u0001\($0)\"]" }
        #expect(JSONWriter.write(value, style: .compact) == "[" + compact.joined(separator: ", ") + "]")
    }

    @Test func concurrentMapIsMap() {
        for n in [0, 1, 99, 100, 101, 1000] {
            #expect([Int].concurrentMap(count: n, parallelFrom: 100) { $0 * $0 - 3 } == (0..<n).map { $0 * $0 - 3 })
        }
        let strings = [String].concurrentMap(count: 5000, parallelFrom: 16) { "s\($0)" }
        #expect(strings == (0..<5000).map { "s\($0)" })
    }

    /// A tall W1 (many rows) and a wide W2 (long rows), both past every parallel threshold.
    @Test func aLargeModelReadsBackEqual() throws {
        let units = 20_000, d = 4
        let w1 = Matrix(rows: units, columns: d, entries: (0..<(units * d)).map { i in
            (try? Rational(i % 17 - 8, i % 7 + 1)) ?? .zero
        })
        let w2 = Matrix(rows: d, columns: units, entries: (0..<(units * d)).map { i in Rational(i % 3 - 1) })
        let f = FeedForward(w1: w1, b1: Array(repeating: .zero, count: units), w2: w2,
                            b2: Array(repeating: .zero, count: d))
        let model = Model(dimension: d, layers: [.feedforward(f)],
                          readout: Readout(pool: .mean, classes: ["a", "b"],
                                           weight: Matrix(rows: 2, columns: d, entries: Array(repeating: .one, count: 2 * d)),
                                           bias: [.zero, .zero]))
        let bytes = ModelWriter.bytes(model)
        #expect(try ModelReader.read(bytes: bytes, file: nil) == model)
        let text = String(decoding: bytes, as: UTF8.self)
        // One W1 row per line, in order; each W2 row on one line.
        #expect(text.contains("\n        [\"-8\", \"-7/2\", \"-2\", \"-5/4\"],\n        [\"-4/5\", \"-1/2\", \"-2/7\", \"-1\"],\n"))
        let w2Row0 = "[" + (0..<units).map { "\"\($0 % 3 - 1)\"" }.joined(separator: ", ") + "]"
        #expect(text.contains("\"w2\": [\n        " + w2Row0 + ",\n"))
    }
}
