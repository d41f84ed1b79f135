import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxKernel

/// Cross-check with the independent replay of SPEC.md sections 10 and 11 in ../shared/bench/softreplay.py
/// (exact rationals, then arb balls of python-flint). Two sound replays may differ only where one of them
/// is undecided: on every sequence both decide, the statuses must be equal and the margin (or error)
/// intervals must meet, since both hold the real value.
///
/// The interpreter is `$HARDMAX_PYTHON` (else python3), e.g.
/// `HARDMAX_PYTHON=/tmp/tracr-venv/bin/python swift test --filter SoftreplayOracleTests`. Without
/// python-flint the tests are skipped; under CI a missing softreplay.py is a failure.
@Suite struct SoftreplayOracleTests {
    /// softreplay's row: status, margin or error interval (nil ends when there is none), precision.
    struct Row {
        var status: EnclosedStatus
        var bounds: Bounds?
        var precision: Int?
    }

    /// Runs softreplay.py and returns its rows by sequence number.
    func softreplay(_ arguments: [String], output: String) throws -> [Int: Row] {
        let script = try sharedFile("bench/softreplay.py")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ExternalPrograms.python + [script] + arguments + ["--json", output, "--quiet"]
        let errors = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = errors
        try p.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 || p.terminationStatus == 1 else {
            Issue.record("softreplay exited with \(p.terminationStatus): \(message)")
            return [:]
        }
        guard case .object(let members) = try JSONReader.parse(FileIO.read(output, maxBytes: 1 << 26)) else { return [:] }
        var rows: [Int: Row] = [:]
        for member in members {
            guard let index = Int(member.key), case .array(let v) = member.value, v.count == 4,
                  let status = v[0].stringValue.flatMap(EnclosedStatus.init(rawValue:)) else {
                Issue.record("softreplay row \(member.key): \(member.value)")
                continue
            }
            var bounds: Bounds?
            if let lo = v[1].stringValue, let hi = v[2].stringValue {
                bounds = Bounds(lower: try Rational(parsing: lo), upper: try Rational(parsing: hi))
            }
            let precision: Int? = if case .number(let n) = v[3] { Int(n) } else { nil }
            rows[index] = Row(status: status, bounds: bounds, precision: precision)
        }
        return rows
    }

    /// What the comparison of one data set found.
    struct Tally {
        var compared = 0, bothDecided = 0, bothPass = 0, oursUndecided = 0, theirsUndecided = 0, irrational = 0
    }

    /// Compares hardmax's rows with softreplay's; returns the tally.
    func compare(_ ours: Verification, _ theirs: [Int: Row], _ what: String) -> Tally {
        var tally = Tally()
        for r in ours.results {
            guard let o = r.enclosed, let t = theirs[r.index] else {
                Issue.record("\(what), sequence \(r.index): a row is missing")
                continue
            }
            tally.compared += 1
            if o.precision != nil { tally.irrational += 1 }
            if o.status == .undecided { tally.oursUndecided += 1 }
            if t.status == .undecided { tally.theirsUndecided += 1 }
            let at = "\(what), sequence \(r.index)"
            // Intervals holding one real value meet, decided or not, when both have one.
            if let a = o.margin ?? o.error, let b = t.bounds {
                #expect(a.meets(b), "\(at): hardmax [\(a.lower), \(a.upper)], softreplay [\(b.lower), \(b.upper)]")
            }
            guard o.status != .undecided && t.status != .undecided else { continue }
            tally.bothDecided += 1
            if o.status == .pass && t.status == .pass { tally.bothPass += 1 }
            #expect(o.status == t.status, "\(at): hardmax \(o.status), softreplay \(t.status)")
            #expect((o.margin ?? o.error == nil) == (t.bounds == nil), "\(at): one replay has no interval")
        }
        return tally
    }

    @Test(.sharedFiles("bench/softreplay.py"), .python3(importing: "flint", requiredUnderCI: false))
    func randomSoftmaxLayerNormGeluModelsAgree() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var options = VerifierOptions.standard
        options.maxPrecision = 256
        var total = Tally(), softmax = 0
        for seed in UInt64(9000)..<9060 {
            var r = RandomCase(seed: seed)
            let (model, data) = r.compiledCase(enclosures: true)
            guard model.needsEnclosures else { continue }
            if model.semantics == .softmax { softmax += 1 }
            let m = folder + "/model-\(seed).json", d = folder + "/data-\(seed).jsonl", out = folder + "/out-\(seed).json"
            try writeText(ModelWriter.text(model), to: m)
            try writeText(jsonLinesForOracles(data), to: d)
            // The model replayed here is the one in memory: the file softreplay reads must say the same.
            #expect(try ModelReader.read(file: m) == model, "seed \(seed): the written model reads back otherwise")
            let ours = try Verifier(model: model, options: options).verify(data)
            let t = compare(ours, try softreplay([m, d, "--max-prec", "256"], output: out), "seed \(seed)")
            total.compared += t.compared
            total.bothDecided += t.bothDecided
            total.bothPass += t.bothPass
            total.oursUndecided += t.oursUndecided
            total.theirsUndecided += t.theirsUndecided
            total.irrational += t.irrational
        }
        // The cases cover what they should: softmax models, irrational rows, rows both decide.
        #expect(softmax >= 15 && total.irrational >= 40 && total.bothDecided >= 80, "\(softmax) softmax, \(total)")
        #expect(total.bothPass >= 20 && total.bothDecided - total.bothPass >= 20, "\(total)")
    }

    /// certificates/tracr/sort under softmax with Tracr's score scale 1/sqrt 22, on a sample of its data
    /// (the first 30 sequences and every 40th after, up to the longest).
    @Test(.sharedFiles("bench/softreplay.py"), .python3(importing: "flint", "numpy", "safetensors", requiredUnderCI: false))
    func tracrSortUnderSoftmaxAgrees() throws {
        let source = TestEnvironment.packageRoot + "/certificates/tracr/sort"
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: source + "/model.json", encoding: .utf8)
        let marker = "\"version\": 1,"
        #expect(text.contains(marker) && !text.contains("\"semantics\""))
        try writeText(text.replacingOccurrences(of: marker, with: marker + " \"semantics\": \"softmax\","), to: folder + "/model.json")
        try FileManager.default.copyItem(atPath: source + "/weights.safetensors", toPath: folder + "/weights.safetensors")
        let lines = try String(contentsOfFile: source + "/data.jsonl", encoding: .utf8).split(separator: "\n")
        let sample = lines.indices.filter { $0 < 30 || $0 % 40 == 0 || $0 == lines.count - 1 }.map { lines[$0] }
        try writeText(sample.joined(separator: "\n") + "\n", to: folder + "/data.jsonl")

        let run = Run()
        let model = try run.readModel(folder + "/model.json", weights: [folder + "/weights.safetensors"])
        #expect(model.semantics == .softmax && model.replaySemantics == .softmax)
        let ours = try run.verify(model, data: .files([folder + "/data.jsonl"])).verification
        let theirs = try softreplay([folder + "/model.json", folder + "/data.jsonl", "--weights", folder + "/weights.safetensors"],
                                    output: folder + "/out.json")
        let t = compare(ours, theirs, "tracr sort")
        #expect(t.compared == sample.count && t.irrational == sample.count, "\(t)")
        #expect(t.bothDecided >= sample.count * 9 / 10, "\(t)")
    }
}
