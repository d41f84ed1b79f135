import Exact
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxExplorer

/// The explorer replays each layer itself (to see the attention sets); the verifier is the one place
/// that says what a model computes. These tests check that the explorer's last layer equals the
/// verifier's replay of the whole model file, on the plain path and on the fast path with shortcuts.
@Suite struct VerifierCrossCheckTests {
    func check(_ data: Dataset, _ options: ClusteringOptions, _ what: String) throws {
        let report = try ClusteringExplorer.explore(data, options: options)
        for t in report.trajectories {
            let tokens = (0..<data.sequences[t.index].length).map { data.sequences[t.index].token($0) }
            for plain in [true, false] {
                let trusted = try TrustedReplay.finalTokens(report.model, tokens, plain: plain)
                #expect(trusted == t.finalTokens, "\(what), sequence \(t.index), plain \(plain)")
            }
        }
    }

    @Test func workedExample() throws {
        try check(dataset(sequences: [workedExampleTokens]), ClusteringOptions(alpha: 2, layers: 12),
                  "worked example")
    }

    /// Layer by layer: the tokens after layer l equal the verifier's replay of the first l layers.
    @Test func everyLayerOfTheWorkedExample() throws {
        let report = try ClusteringExplorer.explore(dataset(sequences: [workedExampleTokens]),
                                                   options: ClusteringOptions(alpha: 2, layers: 4))
        let t = try #require(report.trajectories.first)
        for l in 1...4 {
            var prefix = report.model
            prefix.layers = Array(prefix.layers.prefix(l))
            #expect(try TrustedReplay.finalTokens(prefix, t.initialTokens, plain: true) == t.tokens(after: l),
                    "layer \(l)")
        }
    }

    @Test func tiesDuplicatesAndNonSymmetricMatrix() throws {
        try check(dataset([["2", "0"], ["2", "0"], ["0", "2"], ["1", "1"]]), ClusteringOptions(layers: 5),
                  "duplicates")
        let a = Matrix(rowArrays: [[0, 1], [0, 0]], columns: 2)
        try check(dataset([["1", "0"], ["0", "1"], ["0", "2"]]), ClusteringOptions(matrix: a, layers: 4),
                  "non-symmetric A")
        try check(dataset([["1"], ["2"], ["-3"], ["2"]]), ClusteringOptions(alpha: q("1/3"), layers: 6), "d = 1")
    }

    /// Random small configurations with small integer coordinates (ties are frequent) and random
    /// matrices; seeds 0 ..< 12.
    @Test func randomConfigurations() throws {
        for seed in UInt64(0)..<12 {
            var g = TestRandom(seed: seed)
            let d = g.int(in: 1...3)
            let n = g.int(in: 2...5)
            let tokens = (0..<n).map { _ in (0..<d).map { _ in g.int(in: -2...2) } }
            let matrix = g.bool() ? nil
                : Matrix(rowArrays: (0..<d).map { _ in (0..<d).map { _ in Rational(g.int(in: -1...2)) } },
                         columns: d)
            let alpha = try Rational(g.int(in: 1...3), g.int(in: 1...3))
            try check(dataset(sequences: [tokens]), ClusteringOptions(alpha: alpha, matrix: matrix, layers: 4),
                      "seed \(seed)")
        }
    }
}
