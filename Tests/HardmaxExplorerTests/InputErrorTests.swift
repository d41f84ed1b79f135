import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxExplorer

@Suite struct InputErrorTests {
    let data = dataset([["1", "0"], ["0", "1"]])

    func error(_ body: () throws -> Void) -> InputError? {
        do {
            try body()
            return nil
        } catch let e as InputError {
            return e
        } catch {
            return nil
        }
    }

    @Test func badAlpha() {
        for text in ["0", "-1/2", "abc", "NaN", "1/0", "", "inf"] {
            #expect(error { _ = try ClusteringExplorer.parseAlpha(text) } != nil, "\(text)")
        }
        #expect((try? ClusteringExplorer.parseAlpha("0.25")) == q("1/4"))
        #expect((try? ClusteringExplorer.parseAlpha("0x1p-1")) == q("1/2"))
        for alpha in [q("0"), q("-1"), q("-3")] {
            #expect(error { _ = try ClusteringExplorer.explore(data, options: ClusteringOptions(alpha: alpha)) } != nil)
        }
    }

    @Test func badLayerCount() {
        for layers in [0, -1, ClusteringOptions.maxLayers + 1] {
            let e = error { _ = try ClusteringExplorer.explore(data, options: ClusteringOptions(layers: layers)) }
            #expect(e?.message.contains("layers") == true, "\(layers)")
        }
    }

    @Test func sequenceOutOfRange() {
        for j in [1, 5, -1] {
            let e = error { _ = try ClusteringExplorer.explore(data, options: ClusteringOptions(sequence: j)) }
            #expect(e?.message.contains("sequence \(j)") == true)
        }
    }

    @Test func badMatrixShapes() throws {
        let cases: [(String, String?)] = [
            ("[[1, 0], [0, 1], [0, 0]]", nil),     // 3 rows
            ("[[1, 0, 0], [0, 1, 0]]", "[0]"),     // 2 x 3
            ("[[1, 0], 7]", "[1]"),                // a row that is not an array
            ("[[1, 0], [0, \"abc\"]]", "[1][1]"),  // not a number
            ("[[1, 0], [0, \"NaN\"]]", "[1][1]"),
            ("[[1, 0], [0, null]]", "[1][1]"),
            ("{\"a\": 1}", nil),                   // not an array
        ]
        for (text, path) in cases {
            let json = try JSONReader.parse(Array(text.utf8))
            let e = error { _ = try ClusteringExplorer.matrix(from: json, dimension: 2, file: "A.json") }
            #expect(e != nil, "\(text)")
            #expect(e?.file == "A.json")
            #expect(e?.path == path, "\(text): \(e?.description ?? "")")
        }
        // A matrix of the wrong size given in memory.
        let wrong = Matrix(rowArrays: [[1]], columns: 1)
        #expect(error { _ = try ClusteringExplorer.explore(data, options: ClusteringOptions(matrix: wrong)) } != nil)
    }

    @Test func matrixFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explorer-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("A.json").path
        try FileIO.writeAtomically(Array("[[1, \"1/2\"], [\"0.25\", \"0x1p-2\"]]".utf8), to: good)
        let a = try ClusteringExplorer.readMatrix(file: good, dimension: 2)
        #expect(a == Matrix(rowArrays: [[1, q("1/2")], [q("1/4"), q("1/4")]], columns: 2))
        let bad = folder.appendingPathComponent("bad.json").path
        try FileIO.writeAtomically(Array("[[1, 2], [3,".utf8), to: bad)
        let e = error { _ = try ClusteringExplorer.readMatrix(file: bad, dimension: 2) }
        #expect(e?.file == bad)
        #expect(e?.line == 1)
        let missing = error { _ = try ClusteringExplorer.readMatrix(file: folder.appendingPathComponent("no.json").path,
                                                                     dimension: 2) }
        #expect(missing != nil)
    }

    /// A bit limit stops a run that would grow too large, naming the sequence and layer.
    @Test func bitLimit() {
        // alpha = 1/3: each layer multiplies the moving token's denominator by 4 (2 bits).
        let e = error {
            _ = try ClusteringExplorer.explore(dataset([["1"], ["2"], ["-3"]]),
                                              options: ClusteringOptions(alpha: q("1/3"), layers: 20, maxBits: 8))
        }
        #expect(e?.message.contains("sequence 0") == true)
        #expect(e?.path?.hasPrefix("layers[") == true)
    }
}
