import HardmaxFormat
import HardmaxVerifier

/// `hardmax verify MODEL DATA... --shard I/K --certificate CERT`: one share of a verification split
/// across machines. Only the sequences j with j mod K = I - 1 are parsed and replayed; the certificate
/// records the shard, the model and dataset hashes (of the whole files) and the counts and rows of the
/// share, and `hardmax merge` combines the K shard certificates into the whole verification's.
enum ShardedVerify {
    static func run(_ arguments: ParsedArguments, shard: Shard, options: VerifierOptions,
                    console: Console) throws -> HardmaxCommandLine.ExitStatus {
        let modelFile = arguments.positionals[0]
        let dataFiles = Array(arguments.positionals.dropFirst())
        guard let certificate = arguments.value("--certificate") else {
            throw UsageError(message: "--shard writes a shard certificate for 'hardmax merge'; give --certificate CERT too",
                             command: "verify")
        }
        let clock = Stopwatch()
        let weights = arguments.all("--weights")
        let model = try ModelReader.read(file: modelFile, tensors: weights.isEmpty ? nil : TensorStore(files: weights))
        let selection = try DatasetReader.read(files: dataFiles, selecting: shard.contains)
        let progress = Progress(console: console, what: "verifying shard \(shard)")
        let verification = try Verifier(model: model, options: options)
            .verify(selection.dataset, numbered: selection.indices, progress: progress.report)
        progress.finish()

        try CertificateFiles.writeVerification(verification, model: modelFile, weights: weights, datasets: dataFiles,
                                               shard: shard, to: certificate,
                                               failuresOnly: arguments.has("--failures-only"))
        console.err("wrote shard certificate \(certificate)\n")
        if let junit = arguments.value("--junit") {
            try CertificateFiles.writeJUnit(verification, datasets: dataFiles,
                                            sequencesPerFile: selection.sequencesPerFile, to: junit)
            console.err("wrote JUnit XML \(junit)\n")
        }
        console.err("replayed in \(clock.description)\n")
        let subject = "\(modelFile) (shard \(shard): \(verification.counts.sequences) of "
            + "\(selection.totalSequences) sequences)"
        for line in Summary.lines(verification, subject: subject) { console.line(line) }
        return verification.verdict == .pass ? .pass : .verdictNotPass
    }
}

extension ParsedArguments {
    /// `--shard I/K` (nil without it).
    func shard(command: String) throws -> Shard? {
        guard let text = value("--shard") else { return nil }
        guard let shard = Shard(text: text) else {
            throw UsageError(message: "--shard expects I/K with 1 <= I <= K <= \(Shard.maxCount), such as 2/8, got '\(text)'",
                             command: command)
        }
        return shard
    }
}
