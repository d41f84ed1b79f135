// `hardmax-bench jsonl [--n N] [--ts] [--file PATH] [--repeat R] [--anchor PATH] [--python EXE] [--keep]`:
// exact JSON Lines reading (DatasetReader, every number a Rational) against CPython's `json.loads`
// line by line into floats (anchors/json_anchor.py), on the same file in the same run. Without
// --file, a demo-style library of N sequences is generated first (default 10^5; 8-dimensional tokens,
// lengths 1...19, as `hardmax-bench scale` writes, every coordinate a 3-decimal number such as
// -1.375 or 2.500). With --ts (or a --file ending in .ts) the same is measured for UEA `.ts` files:
// the library written as a `.ts` file, against CPython splitting each case and calling float() on
// every value (anchors/ts_anchor.py, what the usual Python loaders do). Speeds are bytes per process
// CPU second, best of R (default 5), from integer nanoseconds; the ratio is hardmax's speed over
// CPython's.
import Foundation
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func runJSONLinesBenchmark(arguments: [String]) -> Int32 {
    var n = 100_000
    var file: String?
    var repetitions = 5
    var anchor = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("anchors/json_anchor.py").path
    var python = "/usr/bin/python3"
    var keep = false
    var ts = false
    var i = 0
    func fail(_ message: String) -> Int32 {
        fputs("hardmax-bench jsonl: \(message)\n", stderr)
        return 2
    }
    while i < arguments.count {
        let needsValue = ["--n", "--file", "--repeat", "--anchor", "--python"].contains(arguments[i])
        if needsValue && i + 1 >= arguments.count { return fail("\(arguments[i]) needs a value") }
        switch arguments[i] {
        case "--n":
            guard let v = Int(arguments[i + 1]), v >= 1 else { return fail("--n expects a positive integer") }
            n = v
        case "--repeat":
            guard let v = Int(arguments[i + 1]), v >= 1 else { return fail("--repeat expects a positive integer") }
            repetitions = v
        case "--file": file = arguments[i + 1]
        case "--anchor": anchor = arguments[i + 1]
        case "--python": python = arguments[i + 1]
        case "--keep": keep = true
        case "--ts": ts = true
        default: return fail("unknown argument '\(arguments[i])'")
        }
        i += needsValue ? 2 : 1
    }
    let path: String
    if let file {
        path = file
        ts = file.hasSuffix(".ts")
    } else {
        path = NSTemporaryDirectory() + "hardmax-jsonl-\(n)" + (ts ? ".ts" : ".jsonl")
        guard writeDemoLibrary(sequences: n, ts: ts, to: path) else { return fail("cannot write \(path)") }
    }
    if ts && !arguments.contains("--anchor") {
        anchor = URL(fileURLWithPath: anchor).deletingLastPathComponent().appendingPathComponent("ts_anchor.py").path
    }
    defer { if file == nil && !keep { try? FileManager.default.removeItem(atPath: path) } }
    guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
        return fail("cannot read \(path)")
    }
    var numbers = 0
    var best = UInt64.max
    do {
        for _ in 0..<repetitions {
            let start = processCPUNanoseconds()
            let selection = try DatasetReader.read(.files([path]), limits: .standard)
            let elapsed = processCPUNanoseconds() - start
            best = min(best, elapsed)
            numbers = selection.dataset.sequences.reduce(0) { $0 + $1.length } * selection.dataset.dimension
        }
    } catch {
        return fail("\(error)")
    }
    print("file: \(path) (\(size) bytes, \(numbers) numbers)")
    print("hardmax exact (DatasetReader): \(megabytesPerSecond(size, best)) MB/s per CPU second, best of \(repetitions)")
    guard let anchorNS = runAnchor(python: python, script: anchor, file: path, repetitions: repetitions) else {
        print("anchor: not run (\(python) \(anchor) failed)")
        return 1
    }
    print((ts ? "CPython split + float() (anchor)" : "CPython json.loads -> float (anchor)") + ": \(megabytesPerSecond(size, anchorNS)) MB/s per CPU second, best of \(repetitions)")
    // hardmax speed / anchor speed = anchor time / hardmax time, with one decimal.
    let tenths = (anchorNS * 10 + best / 2) / max(best, 1)
    print("ratio hardmax / CPython: \(tenths / 10).\(tenths % 10)")
    return 0
}

/// The demo-style library of `sequences` books as JSON Lines (or a UEA `.ts` file: a case per line,
/// the channels separated by ':', the shelf last), each coordinate (a multiple of 1/8) written as a
/// number with exactly three decimals ("0.625", "-3.000"), a thousand books at a time.
private func writeDemoLibrary(sequences: Int, ts: Bool = false, to path: String) -> Bool {
    guard FileManager.default.createFile(atPath: path, contents: nil),
          let handle = FileHandle(forWritingAtPath: path) else { return false }
    defer { handle.closeFile() }
    var text = ""
    var books = 0
    let library = DemoLibrary.Books(sequences: sequences, seed: DemoLibrary.defaultSeed, lengths: 1...19,
                                    dimension: 8, shelves: 12)
    if ts {
        text = "@problemName library\n@timeStamps false\n@missing false\n@univariate false\n@dimensions 8\n"
            + "@equalLength false\n@classLabel true " + (1...12).map { "shelf-" + ($0 < 10 ? "0" : "") + "\($0)" }
            .joined(separator: " ") + "\n@data\n"
    }
    for book in library {
        if ts {
            for c in 0..<8 {
                text += (0..<book.length).map { threeDecimals(book.values[$0 * 8 + c].description) }
                    .joined(separator: ",") + ":"
            }
            text += (book.label?.description ?? "") + "\n"
            books += 1
            if books % 1000 == 0 {
                handle.write(Data(text.utf8))
                text = ""
            }
            continue
        }
        text += "{\"id\": \"\(book.id ?? "")\", \"label\": \"\(book.label?.description ?? "")\", \"tokens\": ["
        for t in 0..<book.length {
            text += t == 0 ? "[" : ", ["
            for (k, v) in book.token(t).enumerated() {
                if k > 0 { text += ", " }
                text += threeDecimals(v.description)
            }
            text += "]"
        }
        text += "]}\n"
        books += 1
        if books % 1000 == 0 {
            handle.write(Data(text.utf8))
            text = ""
        }
    }
    handle.write(Data(text.utf8))
    return true
}

/// "p/q" or "p" (q dividing 1000) as a decimal with three fractional digits, by integer arithmetic.
private func threeDecimals(_ fraction: String) -> String {
    let parts = fraction.split(separator: "/")
    let p = Int(parts[0]) ?? 0, q = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
    precondition(1000 % q == 0, "demo coordinates are multiples of 1/8")
    let thousandths = p * (1000 / q)
    let m = thousandths.magnitude
    let digits = String(m % 1000)
    return (thousandths < 0 ? "-" : "") + "\(m / 1000)." + String(repeating: "0", count: 3 - digits.count) + digits
}

/// Runs the Python anchor and returns its best CPU nanoseconds, or nil.
private func runAnchor(python: String, script: String, file: String, repetitions: Int) -> UInt64? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script, file, String(repetitions)]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let field = output.split(separator: " ").first(where: { $0.hasPrefix("best_cpu_ns=") }) else { return nil }
    return UInt64(field.dropFirst("best_cpu_ns=".count).trimmingCharacters(in: .whitespacesAndNewlines))
}

/// Process CPU time (all threads) in nanoseconds.
private func processCPUNanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

private func megabytesPerSecond(_ bytes: Int, _ ns: UInt64) -> String {
    String(UInt64(bytes) * 1000 / max(ns, 1))
}
