import Foundation
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// `hardmax demo [-o DIR] [--sequences N] [--next-token]`: the main job on a built-in data set — books of very different
/// lengths shelved by topic — in both strategies, each model verified from its file and certified.
enum DemoCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        let folder = arguments.value("--output") ?? "hardmax-demo"
        let jobs = try arguments.jobs(command: "demo")
        let limits = try arguments.limits(command: "demo")
        var sequences = 2000
        if let text = arguments.value("--sequences") {
            guard let n = Int(text), n >= 1, n <= 1_000_000 else {
                throw UsageError(message: "--sequences expects a whole number from 1 to 1000000, got '\(text)'",
                                 command: "demo")
            }
            sequences = n
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: folder, message: "cannot create the demo folder: \(error.localizedDescription)")
        }

        let checkCommand = Self.checkCommand()
        if arguments.has("--next-token") {
            let total = Stopwatch()
            let passed = try NextTokenDemo.run(folder: folder, run: limits.run(jobs: jobs), console: console,
                                               checkCommand: checkCommand)
            console.line("Total time: \(total.description)")
            return passed ? .pass : .verdictNotPass
        }
        let total = Stopwatch()
        let generated = DemoLibrary.generate(sequences: sequences)
        let dataFile = folder + "/library.jsonl"
        try FileIO.writeAtomically(DatasetWriter.jsonLines(generated), to: dataFile)
        // Everything below works from the file, as a user's run would.
        let run = limits.run(jobs: jobs)
        let dataset = try run.readDataset([dataFile])
        let lengths = dataset.sequences.map(\.length)
        console.line("hardmax demo: \(dataset.sequences.count) books (sequences) of \(lengths.min() ?? 0) to "
                     + "\(lengths.max() ?? 0) pages (tokens in Q^\(dataset.dimension)), "
                     + "\(dataset.tokenCount) pages in all, "
                     + "\(Set(dataset.sequences.map(\.label)).count) shelves (classes)")
        console.line("data: \(dataFile)")
        console.line("")

        var allPass = true
        for strategy in Strategy.allCases {
            let clock = Stopwatch()
            let model = "\(folder)/library-\(strategy.rawValue).json"
            let certificate = OutputPaths.defaultCertificate(forModel: model)
            let outcome = try Construction.run(dataset: dataset, in: run, strategy: strategy, positions: .none,
                                               modelFile: model, certificateFile: certificate)
            switch outcome {
            case .verified(let report, let verification):
                let census = report.census
                console.line("\(strategy.rawValue): \(census.blocks) blocks (the 4N + 1 construction needs "
                             + "\(report.paperBlocks)), \(census.layers) layers, \(census.parameters) parameters "
                             + "(\(census.nonZeroParameters) non-zero), widest feedforward "
                             + "\(census.maxFeedForwardWidth), largest weight \(census.maxBitLength) bits")
                console.line("  verified from \(model): verdict \(verification.verdict.rawValue), "
                             + "\(verification.counts.passed) passed, \(verification.counts.failed) failed, "
                             + "min margin \(verification.minMargin.map { "\($0)" } ?? "none") "
                             + "(construct + write + verify + certify: \(clock.description))")
                console.line("  certificate: \(certificate)")
                allPass = allPass && verification.verdict == .pass
            case .impossible(let conflicts):
                console.line("\(strategy.rawValue): impossible (\(conflicts.count) conflicts) — see \(certificate)")
                allPass = false
            case .impossiblePerToken(let conflicts, _):
                console.line("\(strategy.rawValue): impossible (\(conflicts.count) conflicts) — see \(certificate)")
                allPass = false
            }
        }
        console.line("")
        console.line("Re-check any certificate: \(checkCommand) \(folder)/library-compact.certificate.json")
        console.line("Total time: \(total.description)")
        return allPass ? .pass : .verdictNotPass
    }

    /// A command that runs `hardmax check` as written: `hardmax check` when this program was started
    /// by that name (from the PATH), else the path it was started by (`swift run` starts
    /// `.build/<configuration>/hardmax`, which is not on the PATH).
    static func checkCommand() -> String {
        let started = CommandLine.arguments.first ?? "hardmax"
        guard started.contains("/"), started.hasSuffix("/hardmax") else { return "hardmax check" }
        let current = FileManager.default.currentDirectoryPath + "/"
        let shown = started.hasPrefix(current) ? String(started.dropFirst(current.count)) : started
        return shown + " check"
    }
}
