import Exact
import Foundation
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// `hardmax-bench construct [--repeat R] [--max-n N] [--lengths MAX] [--shared DIR] [--no-verify]
/// [--max-positions L]`
///
/// Release timings (integer nanoseconds, wall and process CPU, each the least of R runs) of
/// construction and verification: the demo library and JapaneseVowels, BasicMotions and GunPoint
/// (TRAIN+TEST) in both strategies, then (construction only) demo-style libraries of
/// N = 10^3, 10^4, ... up to --max-n books (lengths 1...MAX, default 100) with the growth ratio of the
/// construction time against the growth of the token count; then per-token tables (SPEC.md section 12)
/// of about 10^3 ... L labelled positions (``benchmarkPerToken(repeats:maxPositions:)``). Returns the
/// process exit status.
func runConstructBenchmark(arguments: [String]) -> Int32 {
    var repeats = 3
    var maxN = 100_000
    var maxLength = 100
    var shared = "../shared"
    var verify = true
    var maxPositions = 100_000
    var i = 0
    func value() -> String? {
        i += 1
        return i < arguments.count ? arguments[i] : nil
    }
    while i < arguments.count {
        switch arguments[i] {
        case "--repeat": repeats = value().flatMap { Int($0) } ?? 0
        case "--max-n": maxN = value().flatMap { Int($0) } ?? 0
        case "--lengths": maxLength = value().flatMap { Int($0) } ?? 0
        case "--shared": shared = value() ?? ""
        case "--no-verify": verify = false
        case "--max-positions": maxPositions = value().flatMap { Int($0) } ?? 0
        default:
            FileHandle.standardError.write(Data("hardmax-bench construct: unknown argument '\(arguments[i])'\n".utf8))
            return 2
        }
        i += 1
    }
    guard repeats >= 1, maxN >= 1, maxLength >= 1, maxPositions >= 1, !shared.isEmpty else {
        FileHandle.standardError.write(Data("hardmax-bench construct: --repeat, --max-n and --lengths take positive integers\n".utf8))
        return 2
    }
    var status: Int32 = 0
    print("construct benchmark (best of \(repeats), nanoseconds)")

    let (demo, demoTime) = timed { DemoLibrary.generate() }
    print("demo library: \(demo.sequences.count) books, \(demo.tokenCount) tokens, generated in \(demoTime) ns (wall)")
    status = max(status, benchmarkSet("demo", demo, repeats: repeats, verify: verify))

    for name in ["JapaneseVowels", "BasicMotions", "GunPoint"] {
        let files = ["\(name)_TRAIN.ts", "\(name)_TEST.ts"].map { shared + "/datasets/" + $0 }
        if let dataset = try? DatasetReader.read(.files(files)).dataset {
            status = max(status, benchmarkSet(name, dataset, repeats: repeats, verify: verify))
        } else {
            print("\(name): not found under \(shared)/datasets (use --shared DIR)")
        }
    }

    print("scaling: demo-style libraries, lengths 1...\(maxLength), d = 8, 12 shelves, compact")
    print("N\ttokens\twall ns\tcpu ns\tcpu ns/token\tcpu ratio\ttoken ratio")
    var previous: (tokens: Int, time: UInt64)? = nil
    var n = 1000
    while n <= maxN {
        let library = DemoLibrary.generate(sequences: n, lengths: 1...maxLength)
        let time = best(of: repeats) {
            _ = try? Constructor.construct(library, strategy: .compact)
        }
        let tokens = library.tokenCount
        let ratios = previous.map { "\(decimal(Int(time.cpu), over: Int($0.time)))\t\(decimal(tokens, over: $0.tokens))" }
            ?? "-\t-"
        print("\(n)\t\(tokens)\t\(time.wall)\t\(time.cpu)\t\(Int(time.cpu) / tokens)\t\(ratios)")
        previous = (tokens, time.cpu)
        n *= 10
    }
    status = max(status, benchmarkPerToken(repeats: repeats, maxPositions: maxPositions))
    return status
}

/// Construct and verify (best of `repeats` each) in both strategies; prints one line each.
private func benchmarkSet(_ name: String, _ dataset: Dataset, repeats: Int, verify: Bool) -> Int32 {
    var status: Int32 = 0
    for strategy in Strategy.allCases {
        var outcome: ConstructionOutcome? = nil
        let constructTime = best(of: repeats) {
            outcome = try? Constructor.construct(dataset, strategy: strategy)
        }
        guard case .model(let model, let report)? = outcome else {
            print("\(name) \(strategy): no model")
            status = 1
            continue
        }
        var line = "\(name) \(strategy.rawValue): construct \(constructTime); K \(report.measureClasses), "
            + "features \(report.features.count), blocks \(report.census.blocks), layers \(report.census.layers), "
            + "parameters \(report.census.parameters) (non-zero \(report.census.nonZeroParameters)), "
            + "max bits \(report.census.maxBitLength)"
        if verify {
            var verification: Verification? = nil
            let verifyTime = best(of: repeats) {
                verification = try? Verifier(model: model).verify(dataset)
            }
            if let v = verification {
                line += "; verify \(verifyTime): \(v.verdict.rawValue), min margin \(v.minMargin?.description ?? "null")"
                if v.verdict != .pass { status = 1 }
            } else {
                line += "; verify: error"
                status = 1
            }
        }
        print(line)
    }
    return status
}

/// Wall and process CPU time of one run, in nanoseconds.
struct Timing: CustomStringConvertible {
    var wall: UInt64
    var cpu: UInt64
    /// `W ns (cpu C ns)`.
    var description: String { "\(wall) ns (cpu \(cpu) ns)" }
}

/// CPU time of the whole process (all threads), in nanoseconds.
private func processCPUNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// The least wall time and the least CPU time among `runs` runs of `body` (each minimum is the
/// best estimate of the cost without other processes: on a shared machine both are inflated).
func best(of runs: Int, _ body: () -> Void) -> Timing {
    var least = Timing(wall: UInt64.max, cpu: UInt64.max)
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processCPUNanoseconds()
        body()
        least.wall = min(least.wall, DispatchTime.now().uptimeNanoseconds - start)
        least.cpu = min(least.cpu, processCPUNanoseconds() - cpuStart)
    }
    return least
}

private func timed<T>(_ body: () -> T) -> (T, UInt64) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = body()
    return (value, DispatchTime.now().uptimeNanoseconds - start)
}

/// a / b with two decimals, by integer arithmetic.
private func decimal(_ a: Int, over b: Int) -> String {
    guard b > 0 else { return "-" }
    let hundredths = (a * 100 + b / 2) / b
    let fraction = hundredths % 100
    return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
}
