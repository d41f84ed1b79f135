import Dispatch
import Foundation
import HardmaxConstruction
import HardmaxModel
import HardmaxVerifier
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hardmax-bench length [--n N] [--lengths L,L,...] [--dimension D]`
///
/// Length independence (the size of the construction does not depend on the sequences' lengths): for
/// each L, a demo-style library of N books (default 1000) with lengths drawn log-uniformly from 1...L
/// (default L = 10, 100, 1000, 10^4) in Q^D (default 8) is constructed (compact) and verified in this
/// process. One line per L: the tokens, n d (the weights of the input layer alone of a classical
/// network on the flattened sequence, n = L), the model's blocks, parameters, non-zero parameters and
/// largest number (bits of the longest numerator or denominator), and the construction and
/// verification times (process CPU, integer milliseconds; no float anywhere). Returns the exit status.
func runLengthBenchmark(arguments: [String]) -> Int32 {
    var n = 1000
    var lengths = [10, 100, 1000, 10_000]
    var dimension = 8
    var i = 0
    func fail(_ message: String) -> Int32 {
        fputs("hardmax-bench length: \(message)\n", stderr)
        return 2
    }
    while i < arguments.count {
        guard i + 1 < arguments.count else { return fail("\(arguments[i]) needs a value") }
        let value = arguments[i + 1]
        switch arguments[i] {
        case "--n":
            guard let v = Int(value), v >= 1 else { return fail("--n expects a positive integer") }
            n = v
        case "--lengths":
            let parsed = value.split(separator: ",").compactMap { Int($0) }
            guard !parsed.isEmpty, parsed.count == value.split(separator: ",").count, parsed.allSatisfy({ $0 >= 1 }) else {
                return fail("--lengths expects positive integers separated by commas")
            }
            lengths = parsed
        case "--dimension":
            guard let v = Int(value), v >= 1 else { return fail("--dimension expects a positive integer") }
            dimension = v
        default: return fail("unknown argument '\(arguments[i])'")
        }
        i += 2
    }
    print("length independence: N = \(n) demo-style books, lengths 1...L (log-uniform), d = \(dimension), compact")
    print("L\ttokens\tn d\tblocks\tparameters\tnon-zero\tmax bits\tconstruct ms\tverify ms")
    var status: Int32 = 0
    for length in lengths {
        let library = DemoLibrary.generate(sequences: n, lengths: 1...length, dimension: dimension)
        var start = cpuMilliseconds()
        guard case .model(let model, let report)? = try? Constructor.construct(library, strategy: .compact) else {
            print("\(length)\tno model")
            status = 1
            continue
        }
        let constructMS = cpuMilliseconds() - start
        start = cpuMilliseconds()
        let verdict = (try? Verifier(model: model).verify(library))?.verdict
        let verifyMS = cpuMilliseconds() - start
        if verdict != .pass { status = 1 }
        let c = report.census
        print("\(length)\t\(library.tokenCount)\t\(length * dimension)\t\(c.blocks)\t\(c.parameters)\t"
              + "\(c.nonZeroParameters)\t\(c.maxBitLength)\t\(constructMS)\t\(verifyMS)"
              + (verdict == .pass ? "" : "\t(verdict \(verdict?.rawValue ?? "error"))"))
    }
    return status
}

/// Process CPU time (all threads) in milliseconds.
private func cpuMilliseconds() -> Int {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Int(t.tv_sec) * 1000 + Int(t.tv_nsec) / 1_000_000
}
