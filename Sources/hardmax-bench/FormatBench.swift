import Foundation
import HardmaxFormat
import HardmaxModel

/// Reading speed of the file formats (owned by the `format` helper; the lead wires it into main.swift,
/// e.g. `hardmax-bench format [SHARED_FOLDER]`).
///
/// Reports the best of `repetitions` wall-clock runs for: the six UEA `.ts` files, each shared model,
/// the JSON reader alone on jv-compact.json, and SHA-256 over 64 MiB. Integer nanoseconds only.
enum FormatBench {
    static func run(sharedFolder: String = "../shared", repetitions: Int = 5) throws -> [String] {
        var lines: [String] = []
        let datasets = ["JapaneseVowels_TRAIN.ts", "JapaneseVowels_TEST.ts", "BasicMotions_TRAIN.ts",
                        "BasicMotions_TEST.ts", "GunPoint_TRAIN.ts", "GunPoint_TEST.ts"]
            .map { sharedFolder + "/datasets/" + $0 }
        var bytes = 0
        var sequences = 0
        for file in datasets { bytes += try FileIO.read(file, maxBytes: InputLimits.standard.maxFileBytes).count }
        let ts = try best(repetitions) {
            sequences = 0
            for file in datasets { sequences += try DatasetReader.read(.files([file])).dataset.sequences.count }
        }
        lines.append("read six .ts files (\(bytes) bytes, \(sequences) sequences): \(milliseconds(ts)) ms")
        for name in ["jv-compact.json", "bm-narrow.json"] {
            let path = sharedFolder + "/models/" + name
            let t = try best(repetitions) { _ = try ModelReader.read(file: path) }
            lines.append("read model \(name): \(milliseconds(t)) ms")
        }
        let jv = try FileIO.read(sharedFolder + "/models/jv-compact.json", maxBytes: ModelReader.maxFileBytes)
        let parse = try best(repetitions) { for _ in 0..<20 { _ = try JSONReader.parse(jv) } }
        lines.append("JSONReader on jv-compact.json: \(megabytesPerSecond(jv.count * 20, parse)) MB/s")
        let block = [UInt8](repeating: 0x61, count: 64 << 20)
        let hash = try best(max(1, repetitions / 2)) { _ = SHA256.hexDigest(block) }
        lines.append("SHA-256: \(megabytesPerSecond(block.count, hash)) MB/s")
        return lines
    }

    /// Best wall-clock time of `body` in nanoseconds.
    private static func best(_ repetitions: Int, _ body: () throws -> Void) throws -> UInt64 {
        var result = UInt64.max
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            result = min(result, DispatchTime.now().uptimeNanoseconds - start)
        }
        return result
    }

    private static func milliseconds(_ ns: UInt64) -> String {
        let tenths = (ns + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func megabytesPerSecond(_ bytes: Int, _ ns: UInt64) -> String {
        String(UInt64(bytes) * 1000 / max(ns, 1))  // bytes per ns * 1000 = MB/s
    }
}
