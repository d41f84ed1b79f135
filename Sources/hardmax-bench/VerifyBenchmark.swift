import Dispatch
import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// `hardmax-bench verify [--repeat N] [--jobs N] [--shared DIR] [--case jv-compact|bm-narrow] [--no-anchor] [--plain]`
///
/// Times (release build; integer nanoseconds, never Double) the verification of the two third-party
/// models: jv-compact.json on JapaneseVowels TRAIN+TEST and bm-narrow.json on BasicMotions TRAIN+TEST,
/// read + replay and replay alone (best and median of N runs), then runs the anchor
/// `python3 pyreplay.py MODEL DATA... --num=gmpy2 --quiet` once per case and prints one JSON line per
/// case with both times and the ratio (target: at least 200).
func runVerifyBenchmark(arguments: [String]) -> Int32 {
    var repeats = 5, jobs = 0, anchor = true, plain = false
    var only: String?
    var shared = ProcessInfo.processInfo.environment["HARDMAX_SHARED"] ?? "../shared"
    var i = 0
    while i < arguments.count {
        let a = arguments[i]
        func value() -> String? { i + 1 < arguments.count ? arguments[i + 1] : nil }
        switch a {
        case "--repeat": guard let v = value().flatMap(Int.init), v >= 1 else { return usage() }; repeats = v; i += 1
        case "--jobs": guard let v = value().flatMap(Int.init), v >= 0 else { return usage() }; jobs = v; i += 1
        case "--shared": guard let v = value() else { return usage() }; shared = v; i += 1
        case "--case": guard let v = value() else { return usage() }; only = v; i += 1
        case "--no-anchor": anchor = false
        case "--plain": plain = true
        default: return usage()
        }
        i += 1
    }
    if !FileManager.default.fileExists(atPath: shared + "/models") { shared = "/work/shared" }
    let cases = [
        ("jv-compact", "models/jv-compact.json", ["datasets/JapaneseVowels_TRAIN.ts", "datasets/JapaneseVowels_TEST.ts"]),
        ("bm-narrow", "models/bm-narrow.json", ["datasets/BasicMotions_TRAIN.ts", "datasets/BasicMotions_TEST.ts"]),
    ]
    var status: Int32 = 0
    for (name, modelFile, dataFiles) in cases where only == nil || only == name {
        let modelPath = shared + "/" + modelFile
        let dataPaths = dataFiles.map { shared + "/" + $0 }
        do {
            let options = VerifierOptions(usesShortcuts: !plain, jobs: jobs)
            var whole: [UInt64] = [], replay: [UInt64] = []
            var verification: Verification?
            for _ in 0..<repeats {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let model = try ModelReader.read(file: modelPath)
                let data = try DatasetReader.read(.files(dataPaths)).dataset
                let t1 = DispatchTime.now().uptimeNanoseconds
                let v = try Verifier(model: model, options: options).verify(data)
                let t2 = DispatchTime.now().uptimeNanoseconds
                whole.append(t2 - t0)
                replay.append(t2 - t1)
                verification = v
            }
            var line: [(String, String)] = [
                ("case", "\"\(name)\""),
                ("verdict", "\"\(verification?.verdict.rawValue ?? "?")\""),
                ("minMargin", "\"\(verification?.minMargin?.description ?? "null")\""),
                ("jobs", "\(jobs)"), ("repeats", "\(repeats)"),
                ("replayBestSeconds", "\"\(seconds(replay.min()!))\""),
                ("replayMedianSeconds", "\"\(seconds(median(replay)))\""),
                ("readAndReplayBestSeconds", "\"\(seconds(whole.min()!))\""),
                ("readAndReplayMedianSeconds", "\"\(seconds(median(whole)))\""),
            ]
            if anchor {
                let script = shared + "/bench/pyreplay.py"
                if let anchorNanos = runAnchor(script: script, model: modelPath, data: dataPaths) {
                    line.append(("anchorReplaySeconds", "\"\(seconds(anchorNanos))\""))
                    line.append(("ratioReplay", "\"\(ratio(anchorNanos, replay.min()!))\""))
                    line.append(("ratioReadAndReplay", "\"\(ratio(anchorNanos, whole.min()!))\""))
                    let meets = anchorNanos >= 200 * replay.min()!
                    line.append(("meets200x", meets ? "true" : "false"))
                    if !meets { status = 1 }
                } else {
                    line.append(("anchorReplaySeconds", "null"))
                    status = 1
                }
            }
            print("{" + line.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        } catch {
            FileHandle.standardError.write(Data("hardmax-bench verify: \(error)\n".utf8))
            return 2
        }
    }
    return status
}

private func usage() -> Int32 {
    FileHandle.standardError.write(Data(
        "usage: hardmax-bench verify [--repeat N] [--jobs N] [--shared DIR] [--case NAME] [--no-anchor] [--plain]\n".utf8))
    return 2
}

private func median(_ xs: [UInt64]) -> UInt64 { xs.sorted()[xs.count / 2] }

/// Nanoseconds as decimal seconds text, e.g. 12345678 -> "0.012345678".
private func seconds(_ ns: UInt64) -> String {
    let frac = String(ns % 1_000_000_000)
    return "\(ns / 1_000_000_000)." + String(repeating: "0", count: 9 - frac.count) + frac
}

/// a / b with one decimal, by integer arithmetic.
private func ratio(_ a: UInt64, _ b: UInt64) -> String {
    guard b > 0 else { return "inf" }
    let tenths = (a * 10 + b / 2) / b
    return "\(tenths / 10).\(tenths % 10)"
}

/// Runs the Python anchor and returns its "replay" time in nanoseconds (parsed from its summary line
/// `... %.3f s replay`, digits only).
private func runAnchor(script: String, model: String, data: [String]) -> UInt64? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, model] + data + ["--num=gmpy2", "--quiet"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return replayNanoseconds(String(decoding: output, as: UTF8.self))
}
