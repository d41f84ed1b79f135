import HardmaxVerifier
import HardmaxKernel

extension ParsedArguments {
    /// `--shard I/K` (nil without it). A shard's verification is only useful as a shard certificate
    /// for `hardmax merge`, so `--shard` needs `--certificate`.
    func shard(command: String) throws -> Shard? {
        guard let text = value("--shard") else { return nil }
        guard let shard = Shard(text: text) else {
            throw UsageError(message: "--shard expects I/K with 1 <= I <= K <= \(Shard.maxCount), such as 2/8, got '\(text)'",
                             command: command)
        }
        guard value("--certificate") != nil else {
            throw UsageError(message: "--shard writes a shard certificate for 'hardmax merge'; give --certificate CERT too",
                             command: command)
        }
        return shard
    }
}
