import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// `hardmax construct DATA... -o MODEL [--strategy compact|narrow] [--positions none|index] [--mask causal|none]
/// [--certificate CERT]`
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
        let semantics: AttentionSemantics = try arguments.choice("--semantics", default: .hardmax, command: "construct")
        let mask: ContextMask? = arguments.value("--mask") == nil ? nil
            : try arguments.choice("--mask", default: ContextMask.bidirectional, command: "construct")
        let certificate = arguments.value("--certificate") ?? OutputPaths.defaultCertificate(forModel: output)
        let jobs = try arguments.jobs(command: "construct")
        let limits = try arguments.limits(command: "construct")
        let dataFiles = arguments.positionals
        try OutputPaths.checkDistinct(outputs: [("-o", output), ("--certificate", certificate)], inputs: dataFiles,
                                      command: "construct")

        let run = limits.run(jobs: jobs)
        let outcome = try Construction.run(files: dataFiles, in: run, strategy: strategy, positions: positions,
                                           mask: mask, semantics: semantics, modelFile: output,
                                           certificateFile: certificate, failuresOnly: arguments.has("--failures-only"))
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
        case .impossiblePerToken(let conflicts, let mask):
            console.line(Refutation.text(conflicts, mask: mask, positions: positions))
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
        case impossiblePerToken([TokenConflict], ContextMask)
    }

    /// Construct from the data files, streamed (the data set is never held whole, unless its numbers
    /// have no machine-integer common denominator or it has conflicts to list), then write the model
    /// and verify the file written on the data files, streamed again; `run` hashes the files each time
    /// it reads them, and the certificate names the bytes the verification replayed. Data labelled per
    /// token, or a `mask`, take ``run(dataset:in:strategy:positions:mask:semantics:modelFile:certificateFile:failuresOnly:)``
    /// on the whole data set.
    static func run(files: [String], in run: Run, strategy: Strategy, positions: Positions, mask: ContextMask? = nil,
                    semantics: AttentionSemantics = .hardmax, modelFile: String, certificateFile: String,
                    failuresOnly: Bool = false) throws -> Outcome {
        func whole() throws -> Outcome {
            try self.run(dataset: try run.readDataset(files), in: run, strategy: strategy, positions: positions,
                         mask: mask, semantics: semantics, modelFile: modelFile, certificateFile: certificateFile,
                         failuresOnly: failuresOnly)
        }
        guard mask == nil else { return try whole() }
        let report: ConstructionReport, writtenBytes: Int
        switch try Constructor.construct(streaming: { body in try run.streamDataset(files, body) },
                                         whole: { try run.readDataset(files) }, strategy: strategy,
                                         positions: positions) {
        case nil, .impossiblePerToken?:
            return try whole()  // labelled per token
        case .impossible(let conflicts)?:
            try run.writeImpossible(conflicts, positions: positions, to: certificateFile)
            return .impossible(conflicts)
        case .model(var model, let constructed)?:
            model.semantics = semantics
            FreedMemory.release()   // the construction's tables are gone: its pages go back before the text is made
            let text = ModelWriter.bytes(model)
            try FileIO.writeAtomically(text, to: modelFile)
            (report, writtenBytes) = (constructed, text.count)
        }
        // The constructed model and the construction's tables are gone; give their pages back to the
        // system (glibc keeps freed small blocks), so memory holds the model read back and its replay.
        FreedMemory.release()
        // Replay the file on disk, not the value in memory: the constructor never vouches for itself.
        // The file written is read back whatever its size (a model of 10^7 sequences passes 1 GiB).
        let written = try run.readModel(modelFile, maxBytes: max(run.limits.maxFileBytes, writtenBytes))
        // Every row is kept as certificate text only (a hundred bytes a row), failing rows as values.
        let streamed = try run.verify(written, data: .files(files), rows: failuresOnly ? .failing : .certificateText)
        try run.writeCertificate(streamed, to: certificateFile)
        return .verified(report, streamed.verification)
    }

    /// `dataset` was read by `run`, whose certificates name its files.
    /// `semantics` softmax marks the constructed model softmax: its heads have no query or key (every
    /// score 0), so the softmax weights are exactly 1/n and the same weights stay exact.
    /// Per-token labels (SPEC.md section 12) are labelled with contexts `mask` (default bidirectional);
    /// `--mask causal` on data labelled as a whole is a usage error.
    static func run(dataset: Dataset, in run: Run, strategy: Strategy, positions: Positions, mask: ContextMask? = nil,
                    semantics: AttentionSemantics = .hardmax, modelFile: String, certificateFile: String,
                    failuresOnly: Bool = false) throws -> Outcome {
        let perToken = dataset.sequences.contains { $0.label == nil }
        if !perToken && mask == .causal {
            throw UsageError(message: "--mask causal labels every token and needs data with \"labels\" (one per "
                             + "token); this data set has one \"label\" per sequence", command: "construct")
        }
        let contexts = mask ?? .bidirectional
        let outcome = perToken
            ? try Constructor.constructPerToken(dataset, mask: contexts, strategy: strategy, positions: positions)
            : try Constructor.construct(dataset, strategy: strategy, positions: positions)
        switch outcome {
        case .impossible(let conflicts):
            try run.writeImpossible(conflicts, positions: positions, to: certificateFile)
            return .impossible(conflicts)
        case .impossiblePerToken(let conflicts):
            try run.writeImpossible(conflicts, mask: contexts, positions: positions, to: certificateFile)
            return .impossiblePerToken(conflicts, contexts)
        case .model(var model, let report):
            model.semantics = semantics
            let text = ModelWriter.bytes(model)
            try FileIO.writeAtomically(text, to: modelFile)
            // Replay the file on disk, not the value in memory: the constructor never vouches for itself.
            let written = try run.readModel(modelFile, maxBytes: max(run.limits.maxFileBytes, text.count))
            let verification = try run.verify(written, dataset: dataset)
            try run.writeCertificate(verification, failuresOnly: failuresOnly, to: certificateFile)
            return .verified(report, verification)
        }
    }
}
