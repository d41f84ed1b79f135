import Exact
import Foundation
import HardmaxFormat
import Testing
@testable import HardmaxExplorer

@Suite struct WorkedExampleTests {
    @Test func workedExampleFigure() throws {
        let report = try ClusteringExplorer.explore(dataset(sequences: [workedExampleTokens]),
                                                   options: ClusteringOptions(alpha: 2, layers: 30))
        let svg = try report.svg()
        if let out = ProcessInfo.processInfo.environment["HARDMAX_EXAMPLE_SVG"] {
            try FileIO.writeAtomically(Array(svg.utf8), to: out)
        }
    }
}
