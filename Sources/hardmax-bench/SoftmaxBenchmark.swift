import Dispatch
import Foundation
import HardmaxFormat
import HardmaxKernel
import HardmaxModel
import HardmaxVerifier

/// `hardmax-bench softmax [--jobs N] [--python PATH] [--case encoder|tracr-sort|tracr-shuffle_dyck|tracr-shuffle_dyck2] [--no-anchor]`
///
/// Times (release build, integer nanoseconds) the replay with enclosures (SPEC section 11, 64 bits
/// first) of the committed softmax models: the PyTorch encoder on BasicMotions (train + test) and
/// Tracr programs under softmax, then runs the anchor in the same run:
/// `PYTHON ../shared/bench/softreplay.py MODEL DATA... --weights W --prec 64 --quiet` (python-flint,
/// Arb's ball arithmetic), and prints one JSON line per case with both replay times, their ratio, and
/// whether the verdicts agree. Run from the repository root; PYTHON defaults to `python3` (it needs
/// python-flint, numpy and safetensors).
func runSoftmaxBenchmark(arguments: [String]) -> Int32 {
    var jobs = 1, anchor = true, python = "python3"
    var only: String?
    var shared = ProcessInfo.processInfo.environment["HARDMAX_SHARED"] ?? "../shared"
    var i = 0
    while i < arguments.count {
        func value() -> String? { i + 1 < arguments.count ? arguments[i + 1] : nil }
        switch arguments[i] {
        case "--jobs": guard let v = value().flatMap(Int.init), v >= 0 else { return softmaxUsage() }; jobs = v; i += 1
        case "--python": guard let v = value() else { return softmaxUsage() }; python = v; i += 1
        case "--case": guard let v = value() else { return softmaxUsage() }; only = v; i += 1
        case "--shared": guard let v = value() else { return softmaxUsage() }; shared = v; i += 1
        case "--no-anchor": anchor = false
        default: return softmaxUsage()
        }
        i += 1
    }
    let encoder = "certificates/softmax-encoder/"
    let cases: [(String, String, [String], String)] = [
        ("encoder", encoder + "model.json", [encoder + "train.jsonl", encoder + "test.jsonl"], encoder + "model.safetensors"),
    ] + ["sort", "shuffle_dyck", "shuffle_dyck2"].map { p in
        let f = "certificates/tracr/\(p)/"
        return ("tracr-\(p)", f + "model.softmax.json", [f + "data.jsonl"], f + "weights.safetensors")
    }
    for (name, modelPath, dataPaths, weights) in cases where only == nil || only == name {
        do {
            let run = Run(options: VerifierOptions(jobs: jobs))
            let model = try run.readModel(modelPath, weights: [weights])
            let data = try run.readDataset(dataPaths)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let v = try run.verify(model, dataset: data)
            let replay = DispatchTime.now().uptimeNanoseconds - t0
            var line: [(String, String)] = [
                ("case", "\"\(name)\""), ("sequences", "\(v.counts.sequences)"), ("verdict", "\"\(v.verdict.rawValue)\""),
                ("passed", "\(v.counts.passed)"), ("failed", "\(v.counts.failed)"), ("undecided", "\(v.counts.undecided)"),
                ("jobs", "\(jobs)"), ("replaySeconds", "\"\(benchSeconds(replay))\""),
            ]
            if anchor {
                let script = shared + "/bench/softreplay.py"
                if let (anchorNanos, summary) = runSoftreplay(python: python, script: script, model: modelPath,
                                                               data: dataPaths, weights: weights) {
                    line.append(("anchorReplaySeconds", "\"\(benchSeconds(anchorNanos))\""))
                    line.append(("ratio", "\"\(benchRatio(anchorNanos, replay))\""))
                    let same = summary.contains("\(v.counts.passed) passed, \(v.counts.failed) failed, \(v.counts.undecided) undecided")
                    line.append(("sameCounts", same ? "true" : "false"))
                } else {
                    line.append(("anchorReplaySeconds", "null"))
                }
            }
            print("{" + line.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        } catch {
            FileHandle.standardError.write(Data("hardmax-bench softmax: \(error)\n".utf8))
            return 2
        }
    }
    return 0
}

private func softmaxUsage() -> Int32 {
    FileHandle.standardError.write(Data(
        "usage: hardmax-bench softmax [--jobs N] [--python PATH] [--case NAME] [--shared DIR] [--no-anchor]\n".utf8))
    return 2
}

/// Runs softreplay.py at 64 bits; its "replay" time in nanoseconds and its summary line.
private func runSoftreplay(python: String, script: String, model: String, data: [String],
                           weights: String) -> (UInt64, String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, script, model] + data + ["--weights", weights, "--prec", "64", "--quiet"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: output, as: UTF8.self)
    guard let line = text.split(separator: "\n").last(where: { $0.contains(" s replay") }),
          let nanos = replayNanoseconds(String(line)) else { return nil }
    return (nanos, String(line))
}

/// The time an anchor prints as `... 12.345 s replay`, in nanoseconds (digits only, no floating point).
func replayNanoseconds(_ text: String) -> UInt64? {
    guard let range = text.range(of: " s replay") else { return nil }
    let number = text[..<range.lowerBound].split(separator: " ").last.map(String.init) ?? ""
    let parts = number.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = UInt64(parts[0]) else { return nil }
    var nanos = whole * 1_000_000_000
    if parts.count == 2 {
        let digits = String(parts[1].prefix(9))
        guard let f = UInt64(digits) else { return nil }
        var scale: UInt64 = 1
        for _ in digits.count..<9 { scale *= 10 }
        nanos += f * scale
    }
    return nanos
}

/// Nanoseconds as decimal seconds text.
func benchSeconds(_ ns: UInt64) -> String {
    let frac = String(ns % 1_000_000_000)
    return "\(ns / 1_000_000_000)." + String(repeating: "0", count: 9 - frac.count) + frac
}

/// a / b with two decimals, by integer arithmetic.
func benchRatio(_ a: UInt64, _ b: UInt64) -> String {
    guard b > 0 else { return "inf" }
    let hundredths = (a * 100 + b / 2) / b
    let rest = hundredths % 100
    return "\(hundredths / 100)." + (rest < 10 ? "0" : "") + "\(rest)"
}
