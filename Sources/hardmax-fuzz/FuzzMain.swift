import Dispatch
import Foundation


/// The command line of hardmax-fuzz: every input must end in success or a clean error (exit status
/// 0/1/2 for command-line runs) with a message, within the time limit. See ``FuzzArguments/usage``.
enum FuzzMain {
    static func run() -> Never {
        let arguments: FuzzArguments
        do {
            arguments = try FuzzArguments(Array(CommandLine.arguments.dropFirst()))
        } catch {
            let message = "\(error)"
            FileHandle.standardError.write(Data(((message.isEmpty ? "" : "hardmax-fuzz: error: \(message)\n\n")
                                                 + FuzzArguments.usage + "\n").utf8))
            exit(message.isEmpty ? 0 : 2)
        }

        let limit = arguments.timeLimitMilliseconds * 1_000_000
        CrashReporter.install(hangLimitNanoseconds: limit * 3)
        let runner = FuzzRunner(seed: arguments.seed, budget: arguments.budget, timeLimitNanoseconds: limit)

        let commandLine: CommandLineTarget
        do {
            commandLine = try CommandLineTarget()
        } catch {
            print("hardmax-fuzz: cannot prepare the command-line target: \(error)")
            exit(1)
        }
        let targets = ReaderTargets.all() + [commandLine.target()]

        if arguments.list {
            for t in targets {
                print("\(t.name): \(t.calls); \(t.seeds.count) seeds: " + t.seeds.map(\.name).joined(separator: ", "))
            }
            exit(0)
        }

        if let folder = arguments.corpus {
            // One folder per target, one file per seed, as the libFuzzer entry point reads them when
            // HARDMAX_FUZZ_TARGET names that target (byte 0 picks the seed).
            for t in targets {
                let dir = folder + "/" + t.name
                try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                for s in t.seeds.indices {
                    try? Data(LibFuzzerInput.file(seed: s, of: t)).write(to: URL(fileURLWithPath: dir + "/seed-\(s)"))
                }
            }
            print("wrote the seeds of \(targets.count) targets under \(folder)")
            commandLine.cleanUp()
            exit(0)
        }

        if let (name, seed, index) = arguments.replay {
            guard let target = targets.first(where: { $0.name == name }) else {
                print("hardmax-fuzz: no target '\(name)' (see --list)")
                exit(2)
            }
            let replayer = FuzzRunner(seed: seed, budget: index + 1, timeLimitNanoseconds: limit)
            let input = replayer.input(target, index: index)
            print("input \(index) of \(name), seed \(seed): from \(input.seed.name) (\(input.seed.bytes.count) bytes)")
            for step in input.steps { print("  \(step)") }
            print("  -> \(input.bytes.count) bytes: \(Mutator.show(Array(input.bytes.prefix(40))))")
            if let dump = arguments.dump {
                try? Data(input.bytes).write(to: URL(fileURLWithPath: dump))
                print("wrote the input to \(dump)")
            }
            let (_, result, elapsed) = replayer.execute(target, index: index)
            switch result {
            case .success(.accepted): print("accepted in \(FuzzReport.time(elapsed))")
            case .success(.rejected(let message)): print("rejected in \(FuzzReport.time(elapsed)): \(message.prefix(600))")
            case .failure(let failure): print("FAILED in \(FuzzReport.time(elapsed)): \(failure)")
            }
            commandLine.cleanUp()
            exit(result.isSuccess ? 0 : 1)
        }

        if let (name, path) = arguments.file {
            guard let target = targets.first(where: { $0.name == name }),
                  let data = FileManager.default.contents(atPath: path) else {
                print("hardmax-fuzz: no target '\(name)' (see --list) or cannot read \(path)")
                exit(2)
            }
            let file = path.split(separator: "/").last.map(String.init) ?? path
            let seed = Seed(name: file, file: file, bytes: [UInt8](data))
            CrashReporter.arm("\(path) through \(name)")
            let start = DispatchTime.now().uptimeNanoseconds
            let result = Result { try target.run(FuzzInput(bytes: seed.bytes, seed: seed, steps: ["file"])) }
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            switch result {
            case .success(.accepted): print("accepted in \(FuzzReport.time(elapsed))")
            case .success(.rejected(let message)): print("rejected in \(FuzzReport.time(elapsed)): \(message.prefix(600))")
            case .failure(let failure): print("FAILED in \(FuzzReport.time(elapsed)): \(failure)")
            }
            commandLine.cleanUp()
            exit(result.isSuccess ? 0 : 1)
        }

        let missingShared = SeedCorpus.missing
        if !missingShared.isEmpty {
            print("hardmax-fuzz: seed files not found (fewer seeds): " + missingShared.joined(separator: ", "))
        }
        let clock = DispatchTime.now().uptimeNanoseconds
        var rows: [TargetStatistics] = []
        for target in targets where arguments.only.map({ $0.contains(target.name) }) ?? true {
            rows.append(runner.run(target))
        }
        let total = DispatchTime.now().uptimeNanoseconds - clock
        print("")
        print(FuzzReport.table(rows), terminator: "")
        let inputs = rows.reduce(0) { $0 + $1.inputs }, failed = rows.reduce(0) { $0 + $1.failed }
        let ciMissing = ProcessInfo.processInfo.environment["CI"] != nil && !missingShared.isEmpty
        if ciMissing { print("seed files are missing and CI is set: that is a failure") }
        print("seed \(arguments.seed), budget \(arguments.budget), \(inputs) inputs in \(FuzzReport.time(total))")
        print("\(inputs - failed) passed, \(failed + (ciMissing ? 1 : 0)) failed")
        commandLine.cleanUp()
        exit(failed == 0 && !ciMissing ? 0 : 1)
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}
