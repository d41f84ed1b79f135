import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// `hardmax merge SHARD... -o CERT`: the K shard certificates of one split verification (`hardmax
/// verify --shard I/K`) become the certificate of the whole verification, which `hardmax check`
/// re-derives like any other. Refused (exit 2, naming the problem): a missing or duplicated shard,
/// shards of different models, data or K, or a shard whose rows are not its share.
enum MergeCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        guard let output = arguments.value("--output") else {
            throw UsageError(message: "missing -o CERT (where to write the merged certificate)", command: "merge")
        }
        let shards = try arguments.positionals.map { (path: $0, certificate: try Certificate.read(file: $0)) }
        let merged = try CertificateMerge.merge(shards, into: output)
        try merged.write(to: output)
        let counts = merged.counts ?? VerificationCounts(sequences: 0, tokens: 0, classes: 0, passed: 0, failed: 0)
        console.line("merged \(shards.count) shard certificate\(shards.count == 1 ? "" : "s") into \(output): verdict "
                     + "\(merged.verdict.rawValue); \(counts.sequences) sequences, \(counts.tokens) tokens, "
                     + "\(counts.classes) classes; min margin \(merged.minMargin.map { "\($0)" } ?? "none")")
        console.line("check it (replays every sequence): hardmax check \(output)")
        console.line("\(counts.passed) passed, \(counts.failed) failed")
        return merged.verdict == .pass ? .pass : .verdictNotPass
    }
}
