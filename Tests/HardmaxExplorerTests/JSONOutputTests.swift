import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxExplorer

@Suite struct JSONOutputTests {
    /// Written, read back with the strict reader, every coordinate is the exact rational of the run,
    /// and attention sets, leaders and clusters are the run's.
    @Test func exactRoundTrip() throws {
        let a = Matrix(rowArrays: [[2, q("1/3")], [0, 1]], columns: 2)
        let report = try ClusteringExplorer.explore(dataset(sequences: [workedExampleTokens, [[1, 1], [2, -1]]]),
                                                   options: ClusteringOptions(alpha: q("2/3"), matrix: a, layers: 6))
        let json = try JSONReader.parse(Array(report.jsonText().utf8))
        #expect(json["format"] == .string("hardmax-clustering"))
        #expect(try json["alpha"]?.rational(path: "alpha") == q("2/3"))
        #expect(try json["residual"]?.rational(path: "residual") == q("3/5"))
        let matrix = try ClusteringExplorer.matrix(from: try #require(json["matrix"]), dimension: 2)
        #expect(matrix == a)
        let sequences = try #require(json["sequences"]?.arrayElements)
        #expect(sequences.count == 2)
        for (t, s) in zip(report.trajectories, sequences) {
            #expect(s["index"] == .number("\(t.index)"))
            #expect(try tokens(try #require(s["tokens"])) == t.initialTokens)
            let layers = try #require(s["trajectory"]?.arrayElements)
            #expect(layers.count == 6)
            for (record, layer) in zip(t.layers, layers) {
                #expect(layer["layer"] == .number("\(record.layer)"))
                #expect(try tokens(try #require(layer["tokens"])) == record.tokens)
                #expect(try integerLists(try #require(layer["attention"])) == record.pattern.sets)
                #expect(try integerList(try #require(layer["leaders"])) == record.pattern.leaders)
                let clusters = try #require(layer["clusters"]?.arrayElements)
                #expect(try clusters.map { try integerList(try #require($0["members"])) }
                        == record.pattern.clusters.map(\.members))
            }
            #expect(s["patternStableFromLayer"] == .number("\(t.patternStableFromLayer)"))
        }
    }

    /// Identity is written as "identity"; coordinates are strings in lowest terms.
    @Test func identityAndStrings() throws {
        let report = try ClusteringExplorer.explore(dataset([["1/2", "0"], ["0", "2"]]),
                                                   options: ClusteringOptions(layers: 1))
        let json = try JSONReader.parse(Array(report.jsonText(style: .compact).utf8))
        #expect(json["matrix"] == .string("identity"))
        let first = json["sequences"]?.arrayElements?.first?["tokens"]
        #expect(first == .array([.array([.string("1/2"), .string("0")]), .array([.string("0"), .string("2")])]))
    }

    func tokens(_ value: JSONValue) throws -> [[Rational]] {
        try (value.arrayElements ?? []).enumerated().map { t, row in
            try (row.arrayElements ?? []).enumerated().map { c, x in try x.rational(path: "[\(t)][\(c)]") }
        }
    }

    func integerList(_ value: JSONValue) throws -> [Int] {
        (value.arrayElements ?? []).map { element in
            if case .number(let lexeme) = element, let n = Int(lexeme) { return n }
            return -1
        }
    }

    func integerLists(_ value: JSONValue) throws -> [[Int]] { try (value.arrayElements ?? []).map(integerList) }
}
