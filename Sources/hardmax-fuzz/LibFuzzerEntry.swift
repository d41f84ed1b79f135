#if HARDMAX_LIBFUZZER
import Foundation

// The libFuzzer entry point, for long coverage-guided runs (see `hardmax-fuzz --help` for the build).
// Byte 0 of an input picks the target (unless HARDMAX_FUZZ_TARGET names one), byte 1 the seed whose
// file name (format) or command-line scenario applies; the rest is the input. A broken promise aborts,
// which libFuzzer reports with the input that caused it.

nonisolated(unsafe) private var libFuzzerTargets: [FuzzTarget] = []

/// libFuzzer's driver (in its runtime library).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// SwiftPM links an executable's `main` to `<module>_main`; in this build that is libFuzzer's driver.
@_cdecl("hardmax_fuzz_main")
public func hardmaxFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, { data, size in hardmaxFuzzOne(data, size) })
}

@_cdecl("LLVMFuzzerTestOneInput")
public func hardmaxFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    if libFuzzerTargets.isEmpty {
        var all = ReaderTargets.all()
        if let commandLine = try? CommandLineTarget() { all.append(commandLine.target()) }
        let only = ProcessInfo.processInfo.environment["HARDMAX_FUZZ_TARGET"]
        libFuzzerTargets = all.filter { only == nil || $0.name == only }
        if libFuzzerTargets.isEmpty { fatalError("HARDMAX_FUZZ_TARGET names no target") }  // programmer setup
    }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let (target, seed, payload) = LibFuzzerInput.split(bytes, targets: libFuzzerTargets)
    do {
        _ = try target.run(FuzzInput(bytes: payload, seed: seed, steps: ["libFuzzer"]))
    } catch {
        FileHandle.standardError.write(Data("hardmax-fuzz (libFuzzer): \(target.name): \(error)\n".utf8))
        abort()
    }
    return 0
}
#endif

/// How a libFuzzer input names its target and seed (shared with `--corpus`, which writes seeds so).
enum LibFuzzerInput {
    static func split(_ bytes: [UInt8], targets: [FuzzTarget]) -> (FuzzTarget, Seed, [UInt8]) {
        var rest = bytes[...]
        let target = targets.count == 1 ? targets[0] : targets[Int(rest.popFirst() ?? 0) % targets.count]
        let seeds = target.seeds.isEmpty ? [Seed(name: "none", file: "input", bytes: [])] : target.seeds
        let seed = seeds[Int(rest.popFirst() ?? 0) % seeds.count]
        return (target, seed, Array(rest))
    }

    /// The corpus file for seed `s` of target `t` (for runs restricted to that one target).
    static func file(seed s: Int, of target: FuzzTarget) -> [UInt8] { [UInt8(s % 256)] + target.seeds[s].bytes }
}
