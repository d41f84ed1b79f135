import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// `hardmax verify MODEL DATA... [--certificate CERT] [--failures-only] [--junit FILE] [--jobs N] [--plain]
/// [--shard I/K]`
///
/// The dataset files are streamed: each batch of sequences is replayed as soon as it is read, so memory
/// holds the model, a piece of a file and a few batches, not the whole data set. With `--shard I/K` only
/// the sequences j with j mod K = I - 1 are parsed and replayed, and the certificate is a shard
/// certificate for `hardmax merge`.
enum VerifyCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        let modelFile = arguments.positionals[0]
        let dataFiles = Array(arguments.positionals.dropFirst())
        let limits = try arguments.limits(command: "verify")
        let shard = try arguments.shard(command: "verify")
        if arguments.has("--failures-only") && arguments.value("--certificate") == nil {
            throw UsageError(message: "--failures-only shapes the certificate; give --certificate CERT too",
                             command: "verify")
        }

        try OutputPaths.checkDistinct(
            outputs: [("--certificate", arguments.value("--certificate")), ("--junit", arguments.value("--junit"))]
                .compactMap { option, path in path.map { (option, $0) } },
            inputs: [modelFile] + dataFiles + arguments.all("--weights"), command: "verify")
        let clock = Stopwatch()
        let run = limits.run(plain: arguments.has("--plain"), jobs: try arguments.jobs(command: "verify"))
        let model = try run.readModel(modelFile, weights: arguments.all("--weights"))
        let progress = Progress(console: console, what: shard.map { "verifying shard \($0)" } ?? "verifying")
        // Streamed: each batch is replayed as it is parsed; the whole data set is never held in memory.
        // Rows are kept only as far as an output needs them: JUnit every row, a certificate every row as
        // text (or its failing rows), the summary the failing rows.
        let certificate = arguments.value("--certificate"), failuresOnly = arguments.has("--failures-only")
        let rows: StreamedRows = arguments.value("--junit") != nil ? .every
            : (certificate != nil && !failuresOnly ? .certificateText : .failing)
        let streamed = try run.verify(model, data: .files(dataFiles), shard: shard, rows: rows, progress: progress.report)
        let verification = streamed.verification
        progress.finish()

        if let certificate {
            if rows == .every {
                try run.writeCertificate(verification, shard: shard, failuresOnly: failuresOnly, to: certificate)
            } else {
                try run.writeCertificate(streamed, shard: shard, to: certificate)
            }
            console.err("wrote \(shard == nil ? "" : "shard ")certificate \(certificate)\n")
        }
        if let junit = arguments.value("--junit") {
            try run.writeJUnit(streamed, to: junit)
            console.err("wrote JUnit XML \(junit)\n")
        }
        console.err("replayed in \(clock.description)\n")
        let subject = shard.map { "\(modelFile) (shard \($0): \(verification.counts.sequences) of "
                                  + "\(streamed.sequencesPerFile.reduce(0, +)) sequences)" } ?? modelFile
        for line in Summary.lines(verification, subject: subject) { console.line(line) }
        return verification.verdict == .pass ? .pass : .verdictNotPass
    }
}
