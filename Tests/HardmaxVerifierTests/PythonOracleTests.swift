import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Cross-check with the independent Python oracle /work/shared/bench/pyreplay.py (plain replay in
/// Python's Fraction): random small models and JSON Lines datasets written to a temporary folder,
/// replayed by both; predicted class, margin and pass must agree for every sequence. Skipped without
/// the script or python3, except under CI.
@Suite struct PythonOracleTests {
    @Test(.sharedFiles("bench/pyreplay.py"), .python3(requiredUnderCI: true))
    func randomModelsAgreeWithPyreplay() throws {
        let script = try sharedFile("bench/pyreplay.py")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for seed in UInt64(1001)...1024 {
            var r = RandomCase(seed: seed)
            let model = r.model(dimension: r.int(1...3))
            let data = r.dataset(dimension: model.dimension, classes: model.readout.classes.count)
            let m = folder + "/model-\(seed).json", d = folder + "/data-\(seed).jsonl", out = folder + "/out-\(seed).json"
            try writeText(ModelWriter.text(model), to: m)
            try writeText(jsonLines(data), to: d)
            guard let status = run(ExternalPrograms.python + [script, m, d, "--json=" + out, "--quiet"]) else {
                Issue.record("python3 could not be started")
                return
            }
            #expect(status == 0 || status == 1, "seed \(seed): pyreplay exited with \(status)")
            let ours = try Verifier(model: model).verify(data)
            let theirs = try JSONReader.parse(FileIO.read(out, maxBytes: 1 << 24))
            for result in ours.results {
                guard case .array(let row)? = theirs["\(result.index)"], row.count == 3 else {
                    Issue.record("seed \(seed): no pyreplay row for sequence \(result.index)")
                    continue
                }
                let predicted: String? = row[0].stringValue
                let margin: Rational? = row[1].stringValue.flatMap { try? Rational(parsing: $0) }
                #expect(predicted == result.predictedLabel?.text, "seed \(seed), sequence \(result.index): predicted")
                #expect(margin == result.margin, "seed \(seed), sequence \(result.index): margin")
                #expect(row[2] == .bool(result.passed), "seed \(seed), sequence \(result.index): pass")
            }
        }
    }

    /// Runs a command and returns its exit status (nil when it cannot be started).
    func run(_ arguments: [String]) -> Int32? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
