import HardmaxFormat
import HardmaxKernel

/// The files a run read, each with the SHA-256 of the very bytes that were parsed: a certificate binds
/// what was replayed, even if a file changes on disk while the run goes on (no second read to hash).
public final class FileDigests: FileReadObserver {
    private var finished: [(path: String, sha256: String)] = []
    private var current: (path: String, hash: SHA256)?

    public init() {}

    /// Every file in the order read, with its digest.
    public var files: [(path: String, sha256: String)] {
        finished + (current.map { [($0.path, SHA256.hex($0.hash.finalize()))] } ?? [])
    }

    /// Records the whole bytes of `file` as read (once per file, before parsing them).
    public func record(_ file: String, _ bytes: [UInt8]) { observe(file, bytes) }

    public func begin(_ file: String) {
        if let current { finished.append((current.path, SHA256.hex(current.hash.finalize()))) }
        current = (file, SHA256())
    }

    public func read(_ chunk: UnsafeBufferPointer<UInt8>) {
        precondition(current != nil, "FileDigests.read before begin")
        current!.hash.update(chunk)
    }

    /// The references a certificate at `certificate` records (names relative to its folder).
    public func references(forCertificateAt certificate: String) -> [FileReference] {
        files.map { FileReference(file: $0.path, sha256: $0.sha256, forCertificateAt: certificate) }
    }
}
