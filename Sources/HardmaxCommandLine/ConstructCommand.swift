import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// `hardmax construct DATA... -o MODEL [--strategy compact|narrow] [--positions none|index] [--certificate CERT]`
///
/// The constructor is untrusted: it writes the model file, and the certificate comes from the verifier
/// replaying the file that was written.
enum ConstructCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        guard let output = arguments.value("--output") else {
            throw UsageError(message: "missing -o MODEL (where to write the model)", command: "construct")
        }
        let strategy: Strategy = try arguments.choice("--strategy", default: .compact, command: "construct")
        let positions: Positions = try arguments.choice("--positions", default: .none, command: "construct")
        let certificate = arguments.value("--certificate") ?? CertificateFiles.defaultPath(forModel: output)
        let jobs = try arguments.jobs(command: "construct")
        let limits = try arguments.limits(command: "construct")
        let dataFiles = arguments.positionals
        try OutputPaths.checkDistinct(outputs: [("-o", output), ("--certificate", certificate)], inputs: dataFiles,
                                      command: "construct")

        let dataDigests = FileDigests()
        let dataset = try limits.dataset(dataFiles, digests: dataDigests)
        let outcome = try Construction.run(dataset: dataset, dataFiles: dataDigests, strategy: strategy,
                                           positions: positions, modelFile: output,
                                           certificateFile: certificate, jobs: jobs, limits: limits)
        switch outcome {
        case .verified(let report, let verification):
            console.line(report.text)
            console.line("wrote \(output) and \(certificate)")
            for line in Summary.lines(verification, subject: output) { console.line(line) }
            return verification.verdict == .pass ? .pass : .verdictNotPass
        case .impossible(let conflicts):
            console.line(Refutation.text(conflicts, positions: positions))
            console.line("no model written; wrote \(certificate) (verdict impossible)")
            return .verdictNotPass
        }
    }
}

/// Construct, write, then verify what was written: shared by `construct` and `demo`.
enum Construction {
    enum Outcome {
        case verified(ConstructionReport, Verification)
        case impossible([Conflict])
    }

    /// `dataFiles`: the files `dataset` was read from, with the SHA-256 of the bytes read.
    static func run(dataset: Dataset, dataFiles: FileDigests, strategy: Strategy, positions: Positions,
                    modelFile: String, certificateFile: String, jobs: Int,
                    limits: RunLimits = RunLimits()) throws -> Outcome {
        switch try Constructor.construct(dataset, strategy: strategy, positions: positions) {
        case .impossible(let conflicts):
            try CertificateFiles.writeImpossible(conflicts, positions: positions, datasets: dataFiles,
                                                 to: certificateFile)
            return .impossible(conflicts)
        case .model(let model, let report):
            try FileIO.writeAtomically(Array(ModelWriter.text(model).utf8), to: modelFile)
            // Replay the file on disk, not the value in memory: the constructor never vouches for itself.
            let modelDigest = FileDigests()
            let written = try limits.model(modelFile, weightFiles: [], digests: modelDigest, weights: FileDigests())
            let options = limits.verifierOptions(jobs: jobs)
            let verification = try limits.verify(written, from: modelFile, on: dataset, options: options)
            try CertificateFiles.writeVerification(verification, model: modelDigest, weights: FileDigests(),
                                                   datasets: dataFiles, to: certificateFile, failuresOnly: false)
            return .verified(report, verification)
        }
    }
}
