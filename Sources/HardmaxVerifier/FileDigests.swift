import Dispatch
import HardmaxFormat
import HardmaxKernel

/// The files a run read, each with the SHA-256 of the very bytes that were parsed: a certificate binds
/// what was replayed, even if a file changes on disk while the run goes on (no second read to hash).
///
/// Hashing runs on its own serial queue, beside the parse: each chunk is copied and hashed in order
/// while the reader goes on (at most ``backlog`` chunks wait), and ``files`` waits for every chunk
/// handed over before it returns. The digests are those of hashing the same bytes in line.
public final class FileDigests: FileReadObserver, @unchecked Sendable {
    // Every mutable field below is touched only on `queue` (hence @unchecked Sendable).
    private var finished: [(path: String, sha256: String)] = []
    private var current: (path: String, hash: SHA256)?
    private let queue = DispatchQueue(label: "hardmax.file-digests")
    /// Chunks handed over but not yet hashed, at most this many (memory: a few chunks).
    private static let backlog = 8
    private let waiting = DispatchSemaphore(value: FileDigests.backlog)

    public init() {}

    /// Every file in the order read, with its digest (after every byte handed over is hashed).
    public var files: [(path: String, sha256: String)] {
        queue.sync { finished + (current.map { [($0.path, SHA256.hex($0.hash.finalize()))] } ?? []) }
    }

    /// Records the whole bytes of `file` as read (once per file, before parsing them).
    public func record(_ file: String, _ bytes: [UInt8]) {
        begin(file)
        hash(bytes)
    }

    public func begin(_ file: String) {
        queue.async {
            if let current = self.current { self.finished.append((current.path, SHA256.hex(current.hash.finalize()))) }
            self.current = (file, SHA256())
        }
    }

    public func read(_ chunk: UnsafeBufferPointer<UInt8>) { hash(Array(chunk)) }

    private func hash(_ bytes: [UInt8]) {
        waiting.wait()
        queue.async {
            precondition(self.current != nil, "FileDigests.read before begin")
            self.current!.hash.update(bytes)
            self.waiting.signal()
        }
    }

    /// The references a certificate at `certificate` records (names relative to its folder).
    public func references(forCertificateAt certificate: String) -> [FileReference] {
        files.map { FileReference(file: $0.path, sha256: $0.sha256, forCertificateAt: certificate) }
    }
}
