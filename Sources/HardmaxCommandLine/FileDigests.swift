import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// The files a run read, each with the SHA-256 of the very bytes that were parsed: a certificate binds
/// what was replayed, even if a file changes on disk while the run goes on (no second read to hash).
final class FileDigests: FileReadObserver {
    private var finished: [(path: String, sha256: String)] = []
    private var current: (path: String, hash: SHA256)?

    /// Every file in the order read, with its digest.
    var files: [(path: String, sha256: String)] {
        finished + (current.map { [($0.path, SHA256.hex($0.hash.finalize()))] } ?? [])
    }

    /// Records the whole bytes of `file` as read (once per file, before parsing them).
    func record(_ file: String, _ bytes: [UInt8]) { observe(file, bytes) }

    func begin(_ file: String) {
        if let current { finished.append((current.path, SHA256.hex(current.hash.finalize()))) }
        current = (file, SHA256())
    }

    func read(_ chunk: UnsafeBufferPointer<UInt8>) {
        precondition(current != nil, "FileDigests.read before begin")
        current!.hash.update(chunk)
    }

    /// The references a certificate at `certificate` records (names relative to its folder).
    func references(forCertificateAt certificate: String) -> [FileReference] {
        files.map { FileReference(file: $0.path, sha256: $0.sha256, forCertificateAt: certificate) }
    }
}

extension RunLimits {
    /// Reads the model at `file` and its weight files once each, recording the SHA-256 of their bytes
    /// in `model` and `weights`.
    func model(_ file: String, weightFiles: [String], digests model: FileDigests, weights: FileDigests) throws -> Model {
        let bytes = try FileIO.read(file, maxBytes: input.maxFileBytes)
        model.record(file, bytes)
        // Weight files under the same --max-file-bytes as every input, as `check` reads them.
        let contents = try weightFiles.map { w in (file: w, bytes: try FileIO.read(w, maxBytes: input.maxFileBytes)) }
        for (w, weightBytes) in contents { weights.record(w, weightBytes) }
        let store = weightFiles.isEmpty ? nil : try TensorStore(contents: contents)
        return try ModelReader.read(bytes: bytes, file: file, tensors: store, limits: input.numbers)
    }
}
