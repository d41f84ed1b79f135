import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxExplorer

/// The README's worked example, read from JSON Lines as the command line reads it.
///
/// `HARDMAX_EXAMPLE_SVG=certificates/clustering-example/clustering-example.svg swift test --filter WorkedExampleTests` rewrites
/// the committed figure; without the variable the test checks that the committed figure is current.
@Suite struct WorkedExampleTests {
    static let jsonLines = """
        {"id": "tie-demo", "label": "demo", "tokens": [[3, -1], [-3, 3], [1, -2], [-4, 2], [4, 1], [-3, 3], [-5, -4], [-2, -1]]}

        """

    func report() throws -> ClusteringReport {
        let data = try DatasetReader.read(.contents([("tie-demo.jsonl", Array(Self.jsonLines.utf8))])).dataset
        return try ClusteringExplorer.explore(data, options: ClusteringOptions(alpha: 2, layers: 30))
    }

    @Test func sameTokensAsTheHandComputedCase() throws {
        let t = try #require(try report().trajectories.first)
        #expect(t.initialTokens == workedExampleTokens.map { $0.map { Rational($0) } })
        #expect(t.id == "tie-demo")
        #expect(t.finalPattern.leaders == [3, 4, 6])
    }

    @Test func committedFigureIsCurrent() throws {
        let svg = try report().svg()
        if let out = ProcessInfo.processInfo.environment["HARDMAX_EXAMPLE_SVG"] {
            try FileIO.writeAtomically(Array(svg.utf8), to: out)
            return
        }
        let committed = TestEnvironment.packageRoot + "/certificates/clustering-example/clustering-example.svg"
        try #require(FileManager.default.fileExists(atPath: committed), "the committed figure \(committed) is missing")
        let bytes = try FileIO.read(committed, maxBytes: 1 << 24)
        #expect(String(decoding: bytes, as: UTF8.self) == svg,
                "certificates/clustering-example/clustering-example.svg is stale: regenerate it (see this suite's comment)")
    }
}

@Suite struct SummaryTests {
    @Test func summaryOfTheWorkedExample() throws {
        let report = try ClusteringExplorer.explore(dataset(sequences: [workedExampleTokens]),
                                                   options: ClusteringOptions(alpha: 2, layers: 30))
        let lines = report.summaryText().split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == "alpha = 2, A = I, 30 layers (residual 1/3, value 2/3 I), exact rational replay")
        #expect(lines[2] == "  leaders after layer 30: 3, 4, 6")
        #expect(lines[3] == "  clusters: {1, 3, 5} led by 3; {0, 2, 4} led by 4; {6, 7} led by 6")
        // Ties: layer 1 tokens 1, 2, 5 and layer 2 token 2 (see DynamicsTests.workedExampleByHand).
        #expect(lines[4].hasPrefix("  attention pattern fixed from layer 3; 4 exact ties; "))
    }
}
