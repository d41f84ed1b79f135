import HardmaxFormat
import HardmaxVerifier

/// `hardmax verify MODEL DATA... [--certificate CERT] [--failures-only] [--junit FILE] [--jobs N] [--plain]`
enum VerifyCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        let modelFile = arguments.positionals[0]
        let dataFiles = Array(arguments.positionals.dropFirst())
        var options = arguments.has("--plain") ? VerifierOptions.plainOnly : VerifierOptions.standard
        options.jobs = try arguments.jobs(command: "verify")
        if let shard = try arguments.shard(command: "verify") {
            return try ShardedVerify.run(arguments, shard: shard, options: options, console: console)
        }
        if arguments.has("--failures-only") && arguments.value("--certificate") == nil {
            throw UsageError(message: "--failures-only shapes the certificate; give --certificate CERT too",
                             command: "verify")
        }

        let clock = Stopwatch()
        let weights = arguments.all("--weights")
        let model = try ModelReader.read(file: modelFile, tensors: weights.isEmpty ? nil : TensorStore(files: weights))
        let dataset = try DatasetReader.read(files: dataFiles)
        let progress = Progress(console: console, what: "verifying")
        let verification = try Verifier(model: model, options: options).verify(dataset, progress: progress.report)
        progress.finish()

        if let certificate = arguments.value("--certificate") {
            try CertificateFiles.writeVerification(verification, model: modelFile, weights: weights,
                                                   datasets: dataFiles, to: certificate, failuresOnly: arguments.has("--failures-only"))
            console.err("wrote certificate \(certificate)\n")
        }
        if let junit = arguments.value("--junit") {
            // Per-file counts name each test case's file; reading the files again keeps the hot path simple.
            let perFile = try dataFiles.map { try DatasetReader.read(files: [$0]).sequences.count }
            try CertificateFiles.writeJUnit(verification, datasets: dataFiles, sequencesPerFile: perFile, to: junit)
            console.err("wrote JUnit XML \(junit)\n")
        }
        console.err("replayed in \(clock.description)\n")
        for line in Summary.lines(verification, subject: modelFile) { console.line(line) }
        return verification.verdict == .pass ? .pass : .verdictNotPass
    }
}
