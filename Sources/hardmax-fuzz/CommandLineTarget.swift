import Foundation
import HardmaxCommandLine

/// Whole command-line runs in-process (`HardmaxCommandLine.run`) on files in a temporary folder, one of
/// them mutated: verify, check, construct, inspect, convert, and mutated argument lists.
///
/// Promises checked besides a clean end: exit 2 prints a message and leaves no certificate; no
/// temporary file is ever left behind; a certificate written by verify or construct is confirmed by
/// check; check of an intact certificate whose model or data file changed in any byte exits 1.
final class CommandLineTarget {
    /// The scenario of each seed (its name).
    struct Scenario {
        let command: String
        /// The file (in the work folder) that holds the mutated bytes.
        let mutated: String
        /// Arguments after the subcommand; `@` stands for the work folder.
        let arguments: [String]
    }

    let base: String
    let work: String
    /// Base files by name, as written in the base folder by `construct` and `verify`.
    private(set) var files: [String: [UInt8]] = [:]
    private(set) var seeds: [Seed] = []
    private var scenarios: [String: Scenario] = [:]

    /// Builds the base files: data sets, models made by `construct` (compact and narrow, and from the
    /// .ts data), their certificates, and an `impossible` certificate.
    init() throws {
        // A memory file system when there is one: every output is fsynced, which on a busy disk costs
        // tens of milliseconds per write and would dominate the run.
        let memory = FileManager.default.isWritableFile(atPath: "/dev/shm")
        let root = (memory ? "/dev/shm/" : NSTemporaryDirectory()) + "hardmax-fuzz-\(getpid())"
        base = root + "/base"
        work = root + "/work"
        Self.removeAtExit(root)
        for folder in [base, work] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try Array(SeedCorpus.workflowData.utf8).write(to: base + "/data.jsonl")
        try Array(SeedCorpus.smallTS.utf8).write(to: base + "/data.ts")
        let reorderings = SeedCorpus.file("certificates/refutation/reorderings.jsonl")?.bytes
            ?? Array("{\"label\": \"a\", \"tokens\": [[1], [2]]}\n{\"label\": \"b\", \"tokens\": [[2], [1]]}\n".utf8)
        try reorderings.write(to: base + "/reorderings.jsonl")
        let setup: [[String]] = [
            ["construct", "@/data.jsonl", "-o", "@/model.json", "--jobs", "1"],
            ["construct", "@/data.jsonl", "-o", "@/narrow.json", "--strategy", "narrow", "--jobs", "1"],
            ["construct", "@/data.ts", "-o", "@/ts-model.json", "--positions", "index", "--jobs", "1"],
            ["construct", "@/reorderings.jsonl", "-o", "@/never.json", "--certificate", "@/impossible.json"],
        ]
        for arguments in setup {
            let status = HardmaxCommandLine.run(arguments.map { $0.replacingOccurrences(of: "@", with: base) },
                                                console: Console(out: { _ in }, err: { _ in }))
            guard status.rawValue <= 1 else { throw FuzzFailure("setup failed: hardmax \(arguments.joined(separator: " "))") }
        }
        // Tracr's compiled sort as committed (SPEC section 10): architecture, weights, the first 12 inputs.
        let compiled = [("sort.json", SeedCorpus.file("certificates/tracr/sort/model.json")),
                        ("sort.safetensors", SeedCorpus.file("certificates/tracr/sort/weights.safetensors")),
                        ("sort.jsonl", SeedCorpus.file("certificates/tracr/sort/data.jsonl", cases: 12))]
        for case let (name, seed?) in compiled { try seed.bytes.write(to: base + "/" + name) }
        for name in try FileManager.default.contentsOfDirectory(atPath: base) {
            files[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + "/" + name)))
        }
        let verifyOut = ["--certificate", "@/out.certificate.json", "--jobs", "1"]
        add("verify: model (compact)", Scenario(command: "verify", mutated: "model.json",
                                                arguments: ["@/model.json", "@/data.jsonl"] + verifyOut))
        add("verify: model (narrow)", Scenario(command: "verify", mutated: "narrow.json",
                                               arguments: ["@/narrow.json", "@/data.jsonl"] + verifyOut))
        add("verify: data (.jsonl)", Scenario(command: "verify", mutated: "data.jsonl",
                                              arguments: ["@/model.json", "@/data.jsonl"] + verifyOut))
        add("verify: data (.ts)", Scenario(command: "verify", mutated: "data.ts",
                                           arguments: ["@/ts-model.json", "@/data.ts"] + verifyOut))
        add("check: certificate", Scenario(command: "check", mutated: "model.certificate.json",
                                           arguments: ["@/model.certificate.json", "--jobs", "1"]))
        add("check: impossible certificate", Scenario(command: "check", mutated: "impossible.json",
                                                      arguments: ["@/impossible.json"]))
        add("check: model changed", Scenario(command: "check", mutated: "narrow.json",
                                             arguments: ["@/narrow.certificate.json", "--jobs", "1"]))
        add("check: data changed", Scenario(command: "check", mutated: "data.ts",
                                            arguments: ["@/ts-model.certificate.json", "--jobs", "1"]))
        add("construct: .jsonl", Scenario(command: "construct", mutated: "data.jsonl",
                                          arguments: ["@/data.jsonl", "-o", "@/built.json", "--jobs", "1"]))
        add("construct: .ts", Scenario(command: "construct", mutated: "data.ts",
                                       arguments: ["@/data.ts", "-o", "@/built.json", "--jobs", "1"]))
        add("inspect: model", Scenario(command: "inspect", mutated: "narrow.json", arguments: ["@/narrow.json"]))
        if compiled.allSatisfy({ $0.1 != nil }) {
            let weights = ["--weights", "@/sort.safetensors"]
            add("verify: compiled model", Scenario(command: "verify", mutated: "sort.json",
                                                   arguments: ["@/sort.json", "@/sort.jsonl"] + weights + verifyOut))
            add("verify: symbol data", Scenario(command: "verify", mutated: "sort.jsonl",
                                                arguments: ["@/sort.json", "@/sort.jsonl"] + weights + verifyOut))
            add("inspect: compiled model", Scenario(command: "inspect", mutated: "sort.json",
                                                    arguments: ["@/sort.json"] + weights))
            add("inspect: symbol data", Scenario(command: "inspect", mutated: "sort.jsonl", arguments: ["@/sort.jsonl"]))
            add("convert: compiled model", Scenario(command: "convert", mutated: "sort.json",
                                                    arguments: ["@/sort.json"] + weights + ["-o", "@/converted.json"]))
        }
        let argv = ["verify", "@/model.json", "@/data.jsonl", "--certificate", "@/out.certificate.json",
                    "--failures-only", "--junit", "@/junit.xml", "--jobs", "1", "--plain"]
        seeds.append(Seed(name: "arguments", file: "argv", bytes: Array(argv.joined(separator: "\0").utf8)))
    }

    private func add(_ name: String, _ scenario: Scenario) {
        scenarios[name] = scenario
        seeds.append(Seed(name: name, file: scenario.mutated, bytes: files[scenario.mutated] ?? []))
    }

    func target() -> FuzzTarget {
        let dictionary = ReaderTargets.textDictionary + ["--jobs", "--certificate", "--plain", "-o", "--strategy",
                                                         "narrow", "--positions", "index", "--failures-only", "--help", "--weights",
                                                         "--max-bits", "--max-work", "--max-file-bytes", "--max-tokens",
                                                         "0", "-1", "99999999999999999999", "\0"].map { Array($0.utf8) }
        return FuzzTarget(name: "command-line", calls: "HardmaxCommandLine.run: verify, check, construct, inspect, convert",
                          seeds: seeds, mutator: Mutator(kind: .text, dictionary: dictionary),
                          inputs: { max($0 / 4, 1) }) { [self] input in try run(input) }
    }

    func run(_ input: FuzzInput) throws -> Outcome {
        try clearWork()
        for (name, bytes) in files { try bytes.write(to: work + "/" + name) }
        var arguments: [String]
        let scenario = scenarios[input.seed.name]
        if let scenario {
            try input.bytes.write(to: work + "/" + scenario.mutated)
            arguments = [scenario.command] + scenario.arguments
        } else {
            arguments = input.bytes.split(separator: 0, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            // The demo writes thousands of sequences; the argument fuzzing is about parsing, not the demo.
            if arguments.first == "demo" { arguments[0] = "inspect" }
            // Mutated arguments may name any path, and an output written over /dev/null or a system file
            // (the fuzzer may run as root) would be a disaster: every path is moved into the work folder.
            arguments = arguments.map { argument in
                guard argument.contains("/") else { return argument }
                let last = argument.split(separator: "/").last.map(String.init) ?? "x"
                return "@/" + (last == ".." || last == "." ? "x" : last)
            }
        }
        arguments = arguments.map { $0.replacingOccurrences(of: "@", with: work) }
        // Relative names land in the work folder too.
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(work)
        let (status, out, err) = hardmax(arguments)
        _ = FileManager.default.changeCurrentDirectoryPath(previous)

        let leftovers = try FileManager.default.contentsOfDirectory(atPath: work).filter { $0.contains(".tmp-") }
        try expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
        if status == .unusableInput {
            try expect(err.contains("error"), "exit 2 without an error message (stderr: \(err.debugDescription))")
            if scenario?.command == "verify" {
                try expect(!exists("out.certificate.json"), "exit 2 but a certificate was written")
            }
            return .rejected(err.split(separator: "\n").first.map(String.init) ?? err)
        }
        guard let scenario else { return .accepted }
        let changed = input.bytes != files[scenario.mutated]
        switch input.seed.name {
        case "check: model changed", "check: data changed":
            try expect(!changed || status == .verdictNotPass, "check exited \(status.rawValue) after a certified file changed")
        case "check: certificate", "check: impossible certificate":
            try expect(changed || status == .pass, "check of an intact certificate exited \(status.rawValue)")
        case _ where scenario.command == "verify":
            try expect(out.split(separator: "\n").last?.hasSuffix(" failed") == true, "verify: no final count line")
            try confirm(work + "/out.certificate.json")
        case _ where scenario.command == "construct":
            try confirm(work + "/built.certificate.json")
        case _ where scenario.command == "convert":
            // The self-contained file is the same model: inspect says the same of both.
            let direct = hardmax(["inspect", work + "/sort.json", "--weights", work + "/sort.safetensors"])
            let converted = hardmax(["inspect", work + "/converted.json"])
            try expect(converted.0 == .pass && converted.1 == direct.1,
                       "inspect of the converted model differs: \(converted.1)\(converted.2) vs \(direct.1)")
        default:
            break
        }
        return .accepted
    }

    /// `check CERT` must confirm a certificate that verify or construct just wrote.
    private func confirm(_ certificate: String) throws {
        try expect(FileManager.default.fileExists(atPath: certificate), "no certificate written at \(certificate)")
        let (status, out, err) = hardmax(["check", certificate, "--jobs", "1"])
        try expect(status == .pass, "check of a freshly written certificate exited \(status.rawValue): \(out)\(err)")
    }

    private func hardmax(_ arguments: [String]) -> (HardmaxCommandLine.ExitStatus, String, String) {
        var out = "", err = ""
        let status = HardmaxCommandLine.run(arguments, console: Console(out: { out += $0 }, err: { err += $0 }))
        return (status, out, err)
    }

    private func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: work + "/" + name) }

    private func clearWork() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: work) {
            try FileManager.default.removeItem(atPath: work + "/" + name)
        }
    }

    /// Removes the temporary folders.
    func cleanUp() {
        try? FileManager.default.removeItem(atPath: (base as NSString).deletingLastPathComponent)
    }

    /// Folders to remove however the process ends normally (`exit` from any path, libFuzzer's own exit).
    nonisolated(unsafe) static var foldersToRemove: [String] = []

    static func removeAtExit(_ folder: String) {
        if foldersToRemove.isEmpty {
            atexit {
                for folder in CommandLineTarget.foldersToRemove { try? FileManager.default.removeItem(atPath: folder) }
            }
        }
        foldersToRemove.append(folder)
    }
}

extension Array where Element == UInt8 {
    func write(to path: String) throws { try Data(self).write(to: URL(fileURLWithPath: path)) }
}
