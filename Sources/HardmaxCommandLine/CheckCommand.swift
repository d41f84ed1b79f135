import HardmaxVerifier
import HardmaxKernel

/// `hardmax check CERT [--plain]`: re-hash, replay (with the kernel alone under `--plain`) or re-derive the
/// conflicts, compare every recorded field.
enum CheckCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        let path = arguments.positionals[0]
        let limits = try arguments.limits(command: "check")
        let options = limits.verifierOptions(plain: arguments.has("--plain"), jobs: try arguments.jobs(command: "check"))
        let clock = Stopwatch()
        let progress = Progress(console: console, what: "checking")
        let outcome = try CertificateCheck.check(certificateAt: path, options: options, limits: limits.input,
                                                 progress: progress.report)
        progress.finish()
        if let difference = outcome.difference {
            console.line("\(path): NOT CONFIRMED: \(difference)")
            console.line("0 passed, 1 failed")
            return .verdictNotPass
        }
        let verdict = outcome.certificate.verdict
        var detail = ""
        if let verification = outcome.verification {
            detail = "; \(verification.counts.passed) of \(verification.counts.sequences) sequences pass, "
                + Summary.quality(verification)
        } else if let conflicts = outcome.conflicts {
            detail = "; \(conflicts.count) conflicts re-derived from the data"
        } else if let conflicts = outcome.tokenConflicts {
            detail = "; \(conflicts.count) conflicts between labelled positions re-derived from the data"
        }
        let covers = outcome.certificate.shard.map { shard in
            " of shard \(shard) only (\(outcome.verification?.counts.sequences ?? 0) of "
                + "\(outcome.totalSequences ?? 0) sequences)"
        } ?? ""
        let how = outcome.certificate.semantics == .hardmax
            ? "every file hash and recorded field re-derived exactly"
            : "every file hash re-derived, every status re-proved with enclosures whose intervals meet the recorded ones"
        console.line("\(path): confirmed: \(how) (verdict \(verdict.rawValue)\(covers)\(detail)) in \(clock.description)")
        // The certificate holds. A confirmed fail or impossible verdict is a fact proven, so check passes,
        // unless the caller gates on the verdict itself: then only a whole data set's pass will do, since
        // a shard's pass says nothing of the other shards.
        guard arguments.has("--require-pass") else {
            console.line("1 passed, 0 failed")
            return .pass
        }
        if let shard = outcome.certificate.shard {
            console.line("--require-pass needs the certificate of the whole data set, and this one covers shard "
                         + "\(shard) only; merge the shard certificates first ('hardmax merge') and check the result")
        } else if verdict != .pass {
            console.line("the certified verdict is \(verdict.rawValue), and --require-pass asks for pass")
        }
        let passed = verdict == .pass && outcome.certificate.shard == nil
        console.line(passed ? "1 passed, 0 failed" : "0 passed, 1 failed")
        return passed ? .pass : .verdictNotPass
    }
}
