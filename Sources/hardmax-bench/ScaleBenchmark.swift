import Dispatch
import Foundation
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hardmax-bench scale [--n N,N,...] [--lengths A...B] [--dimension D] [--classes C] [--seed S]
///  [--strategies compact,narrow] [--narrow-max-n N] [--shards K] [--jobs J] [--dir DIR] [--hardmax PATH]
///  [--keep]`, or `hardmax-bench scale --generate FILE [--n N] [--lengths ...] ...`
///
/// A million sequences on one machine: for each N, a demo-style library (DemoLibrary.Books: N books
/// of lengths drawn log-uniformly from A...B, tokens in Q^D, C shelves) is written to a JSON Lines file
/// one book at a time; then the real command line runs as child processes, each measured by the kernel
/// (wall clock, user + system CPU, peak resident memory from wait4's rusage):
///
/// - `hardmax construct DATA -o MODEL --strategy S` (construct, write, read back, verify, certify),
/// - `hardmax verify MODEL DATA --certificate CERT --failures-only` (read both, replay, certify),
/// - with `--shards K`: K runs of `verify --shard I/K`, `hardmax merge`, and `hardmax check` of the
///   merged certificate.
///
/// Every time is an integer number of milliseconds (no number passes through a float). The growth
/// columns divide each figure by the same figure at the previous N, next to the token ratio: a
/// linear cost grows like the tokens. Returns the process exit status (1 when a run fails).
func runScaleBenchmark(arguments: [String]) -> Int32 {
    setvbuf(stdout, nil, _IOLBF, 0)   // one line at a time, also into a file: runs take minutes
    var options = ScaleOptions()
    do {
        try options.parse(arguments)
    } catch {
        FileHandle.standardError.write(Data("hardmax-bench scale: \(error)\n".utf8))
        return 2
    }
    if let model = options.phasesModel {
        return runPhases(model: model, data: options.phasesData, jobs: options.jobs)
    }
    if !options.constructPhasesData.isEmpty {
        return runConstructPhases(data: options.constructPhasesData, strategy: options.strategies[0], jobs: options.jobs)
    }
    if let file = options.generateOnly {
        let written = writeLibrary(options, n: options.sizes[0], to: file)
        guard let (tokens, ms) = written else { return 2 }
        print("wrote \(file): \(options.sizes[0]) sequences, \(tokens) tokens in \(ms) ms")
        return 0
    }
    guard let hardmax = options.hardmaxPath(), FileManager.default.isExecutableFile(atPath: hardmax) else {
        FileHandle.standardError.write(Data("hardmax-bench scale: no hardmax executable next to the bench; build it (swift build -c release --product hardmax) or give --hardmax PATH\n".utf8))
        return 2
    }
    try? FileManager.default.createDirectory(atPath: options.folder, withIntermediateDirectories: true)
    print("scale benchmark: lengths \(options.lengths.lowerBound)...\(options.lengths.upperBound), d = \(options.dimension), "
          + "\(options.classes) classes, seed \(options.seed), jobs \(options.jobs == 0 ? "all" : String(options.jobs)); "
          + "\(hardmax); files in \(options.folder)")
    print("times in ms (wall / cpu = user + system), peak = peak resident memory in MB (child process)")
    var status: Int32 = 0
    var previous: [String: ScaleRow] = [:]
    for n in options.sizes {
        let data = "\(options.folder)/library-\(n).jsonl"
        guard let (tokens, generateMS) = writeLibrary(options, n: n, to: data) else { return 2 }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: data)[.size] as? Int) ?? 0
        print("N = \(n): \(tokens) tokens, \(bytes >> 20) MB of JSON Lines, generated in \(generateMS) ms")
        for strategy in options.strategies {
            if strategy == "narrow" && n > options.narrowMaxN {
                print("  \(strategy): skipped (N > --narrow-max-n \(options.narrowMaxN))")
                continue
            }
            var row = ScaleRow(n: n, tokens: tokens)
            let model = "\(options.folder)/model-\(strategy)-\(n).json"
            let jobs = options.jobs > 0 ? ["--jobs", String(options.jobs)] : []
            row.construct = run(hardmax, ["construct", data, "-o", model, "--strategy", strategy, "--max-work", "1000000000000",
                                          "--certificate", "\(options.folder)/construct-\(strategy)-\(n).certificate.json"] + jobs)
            // At 10^7 sequences the model is a 1.1 GB file (past the 1 GiB default for files read whole;
            // the flag bounds the streamed data file too) and the work estimate reaches the default 10^11.
            let modelBytes = ["--max-file-bytes", "100000000000", "--max-work", "1000000000000"]
            row.verify = run(hardmax, ["verify", model, data, "--failures-only",
                                       "--certificate", "\(options.folder)/verify-\(strategy)-\(n).certificate.json"]
                             + modelBytes + jobs)
            if options.shards > 0 {
                var shardFiles: [String] = []
                var shardTotal = ChildRun.zero
                for i in 1...options.shards {
                    let file = "\(options.folder)/shard-\(strategy)-\(n)-\(i)of\(options.shards).json"
                    shardFiles.append(file)
                    shardTotal = shardTotal.adding(run(hardmax, ["verify", model, data, "--shard", "\(i)/\(options.shards)",
                                                                  "--failures-only", "--certificate", file]
                                                       + modelBytes + jobs))
                }
                row.shards = shardTotal
                let merged = "\(options.folder)/merged-\(strategy)-\(n).certificate.json"
                row.merge = run(hardmax, ["merge"] + shardFiles + ["-o", merged])
                row.check = run(hardmax, ["check", merged] + modelBytes + jobs)
            }
            print(row.text(strategy: strategy, previous: previous[strategy]))
            if !row.succeeded { status = 1 }
            previous[strategy] = row
            if !options.keep { try? FileManager.default.removeItem(atPath: model) }
        }
        if !options.keep { try? FileManager.default.removeItem(atPath: data) }
    }
    return status
}

/// What `hardmax-bench scale` was asked for.
struct ScaleOptions {
    var sizes = [10_000, 100_000, 1_000_000]
    var lengths = 1...19
    var dimension = 8
    var classes = 12
    var seed = DemoLibrary.defaultSeed
    var strategies = ["compact", "narrow"]
    var narrowMaxN = Int.max
    var shards = 0
    var jobs = 0
    var folder = NSTemporaryDirectory() + "hardmax-scale"
    var hardmax: String?
    var keep = false
    var generateOnly: String?
    /// `--phases MODEL DATA...`: read and verify in this process, reporting memory after each phase.
    var phasesModel: String?
    var phasesData: [String] = []
    /// `--construct-phases DATA...`: construct (first of --strategies), write, read back and verify
    /// in this process, reporting memory after each phase.
    var constructPhasesData: [String] = []

    struct UsageProblem: Error, CustomStringConvertible {
        var description: String
    }

    mutating func parse(_ arguments: [String]) throws {
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < arguments.count else { throw UsageProblem(description: "\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        func positive(_ text: String) throws -> Int {
            guard let n = Int(text), n >= 1 else { throw UsageProblem(description: "expected a positive integer, got '\(text)'") }
            return n
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--n": sizes = try value().split(separator: ",").map { try positive(String($0)) }
            case "--lengths":
                let text = try value()
                let parts = text.components(separatedBy: "...")
                guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1, a <= b else {
                    throw UsageProblem(description: "--lengths expects A...B with 1 <= A <= B, got '\(text)'")
                }
                lengths = a...b
            case "--dimension": dimension = try positive(value())
            case "--classes": classes = try positive(value())
            case "--seed":
                let text = try value()
                guard let s = UInt64(text) else { throw UsageProblem(description: "--seed expects an unsigned integer") }
                seed = s
            case "--strategies":
                strategies = try value().split(separator: ",").map(String.init)
                guard strategies.allSatisfy({ $0 == "compact" || $0 == "narrow" }) else {
                    throw UsageProblem(description: "--strategies expects compact, narrow or compact,narrow")
                }
            case "--narrow-max-n": narrowMaxN = try positive(value())
            case "--shards": shards = try positive(value())
            case "--jobs": jobs = try positive(value())
            case "--dir": folder = try value()
            case "--hardmax": hardmax = try value()
            case "--keep": keep = true
            case "--generate": generateOnly = try value()
            case "--construct-phases":
                constructPhasesData = Array(arguments[(i + 1)...])
                i = arguments.count
                continue
            case "--phases":
                phasesModel = try value()
                phasesData = Array(arguments[(i + 1)...])
                i = arguments.count
                continue
            default: throw UsageProblem(description: "unknown argument '\(arguments[i])'")
            }
            i += 1
        }
        guard !sizes.isEmpty else { throw UsageProblem(description: "--n expects at least one size") }
    }

    /// `--hardmax`, or the `hardmax` executable next to this benchmark's executable.
    func hardmaxPath() -> String? {
        if let hardmax { return hardmax }
        let me = CommandLine.arguments[0]
        guard let slash = me.lastIndex(of: "/") else { return nil }
        return String(me[...slash]) + "hardmax"
    }
}

/// Writes the library of `n` books as JSON Lines, a thousand books at a time; returns the token count
/// and the milliseconds taken, or nil (after a message) when the file cannot be written.
private func writeLibrary(_ options: ScaleOptions, n: Int, to path: String) -> (tokens: Int, ms: Int)? {
    let start = DispatchTime.now().uptimeNanoseconds
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
        FileHandle.standardError.write(Data("hardmax-bench scale: cannot write \(path)\n".utf8))
        return nil
    }
    defer { handle.closeFile() }
    var tokens = 0
    var batch: [LabelledSequence] = []
    func flush() {
        guard !batch.isEmpty else { return }
        handle.write(Data(DatasetWriter.jsonLines(Dataset(dimension: options.dimension, sequences: batch))))
        batch.removeAll(keepingCapacity: true)
    }
    for book in DemoLibrary.Books(sequences: n, seed: options.seed, lengths: options.lengths,
                                  dimension: options.dimension, shelves: options.classes) {
        tokens += book.length
        batch.append(book)
        if batch.count == 1000 { flush() }
    }
    flush()
    return (tokens, Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000))
}

/// One child process as the kernel measured it.
struct ChildRun {
    var status: Int32
    var wallMS: Int
    var cpuMS: Int
    /// Peak resident set size in KiB (the largest over the runs added together).
    var peakKB: Int

    static let zero = ChildRun(status: 0, wallMS: 0, cpuMS: 0, peakKB: 0)

    /// Times summed, the larger peak, the worse status (for shards run one after another).
    func adding(_ other: ChildRun) -> ChildRun {
        ChildRun(status: max(status, other.status), wallMS: wallMS + other.wallMS, cpuMS: cpuMS + other.cpuMS,
                 peakKB: max(peakKB, other.peakKB))
    }

    var text: String { "\(wallMS) / \(cpuMS) ms, peak \(peakKB >> 10) MB" + (status == 0 ? "" : " (exit \(status))") }
}

/// Runs `executable arguments` with stdout and stderr sent to /dev/null, waits, and measures it.
private func run(_ executable: String, _ arguments: [String]) -> ChildRun {
    let start = DispatchTime.now().uptimeNanoseconds
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid = pid_t()
    guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
        return ChildRun(status: 127, wallMS: 0, cpuMS: 0, peakKB: 0)
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    func ms(_ t: timeval) -> Int { Int(t.tv_sec) * 1000 + Int(t.tv_usec) / 1000 }
    // WIFEXITED / WEXITSTATUS by hand (the macros are not imported into Swift).
    let exited = status & 0x7F == 0
    return ChildRun(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), wallMS: wall,
                    cpuMS: ms(usage.ru_utime) + ms(usage.ru_stime), peakKB: Int(usage.ru_maxrss))
}

/// One N and strategy of the table.
struct ScaleRow {
    var n: Int
    var tokens: Int
    var construct = ChildRun.zero
    var verify = ChildRun.zero
    var shards: ChildRun?
    var merge: ChildRun?
    var check: ChildRun?

    var succeeded: Bool {
        [construct, verify].allSatisfy { $0.status == 0 }
            && [shards, merge, check].allSatisfy { ($0?.status ?? 0) == 0 }
    }

    func text(strategy: String, previous: ScaleRow?) -> String {
        var lines = ["  \(strategy): construct \(construct.text); verify \(verify.text)"]
        if let shards, let merge, let check {
            lines.append("    shards (run in turn) \(shards.text); merge \(merge.text); check merged \(check.text)")
        }
        if let p = previous {
            lines.append("    growth vs N = \(p.n): tokens x\(ratio(tokens, p.tokens)); construct time x\(ratio(construct.cpuMS, p.construct.cpuMS)), "
                         + "peak x\(ratio(construct.peakKB, p.construct.peakKB)); verify time x\(ratio(verify.cpuMS, p.verify.cpuMS)), "
                         + "peak x\(ratio(verify.peakKB, p.verify.peakKB))")
        }
        return lines.joined(separator: "\n")
    }
}

/// a / b with one decimal, by integer arithmetic.
private func ratio(_ a: Int, _ b: Int) -> String {
    guard b > 0 else { return "-" }
    let tenths = (a * 10 + b / 2) / b
    return "\(tenths / 10).\(tenths % 10)"
}

/// The phases of `hardmax construct` in this process, with memory after each.
private func runConstructPhases(data: [String], strategy: String, jobs: Int) -> Int32 {
    var clock = DispatchTime.now().uptimeNanoseconds
    func report(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        print("\(phase): \((now - clock) / 1_000_000) ms; resident \(residentKB() >> 10) MB, peak \(peakKB() >> 10) MB")
        clock = now
    }
    do {
        report("start")
        let run = Run(options: VerifierOptions(jobs: jobs), limits: .standard)
        var (sequences, tokens) = (0, 0)
        let outcome = try Constructor.construct(streaming: { body in
            try run.streamDataset(data) { part in
                sequences += part.sequences.count
                tokens += part.tokenCount
                try body(part)
            }
        }, whole: { try run.readDataset(data) }, strategy: strategy == "narrow" ? .narrow : .compact)
        guard case .model(let model, _)? = outcome else { print("impossible, or labelled per token"); return 1 }
        report("read data (\(sequences) sequences, \(tokens) tokens, streamed) and construct (\(model.layers.count) layers)")
        let text = Array(ModelWriter.text(model).utf8)
        report("model text (\(text.count >> 20) MB)")
        let path = NSTemporaryDirectory() + "hardmax-scale-phases-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileIO.writeAtomically(text, to: path)
        report("write model")
        let written = try run.readModel(path)
        report("read model back")
        let verification = try run.verify(written, data: .files(data)).verification
        report("verify, streamed (\(verification.verdict.rawValue))")
        return 0
    } catch {
        print("error: \(error)")
        return 2
    }
}

/// Peak resident set size of this process in KiB.
private func peakKB() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss)
}

/// Reads `model` and `data` and verifies in this process, printing after each phase its wall time, the
/// resident memory now and the peak so far (for finding what holds memory; `--phases MODEL DATA...`).
private func runPhases(model modelFile: String, data: [String], jobs: Int) -> Int32 {
    var clock = DispatchTime.now().uptimeNanoseconds
    func report(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print("\(phase): \((now - clock) / 1_000_000) ms; resident \(residentKB() >> 10) MB, peak \(Int(usage.ru_maxrss) >> 10) MB")
        clock = now
    }
    do {
        report("start")
        let model = try ModelReader.read(file: modelFile)
        report("read model")
        let dataset = try DatasetReader.read(.files(data)).dataset
        report("read data (\(dataset.sequences.count) sequences, \(dataset.tokenCount) tokens)")
        let verifier = try Verifier(model: model, options: VerifierOptions(jobs: jobs))
        report("compile replay plan")
        let verification = try verifier.verify(dataset)
        report("verify (\(verification.verdict.rawValue))")
        let text = Certificate(verification: verification, model: FileReference(file: modelFile, sha256: String(repeating: "0", count: 64)),
                               datasets: []).text()
        report("certificate text (\(text.utf8.count >> 20) MB)")
        return 0
    } catch {
        print("error: \(error)")
        return 2
    }
}

/// The resident set size of this process in KiB (/proc/self/statm; 0 where there is none).
private func residentKB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}
