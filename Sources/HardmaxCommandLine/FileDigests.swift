import HardmaxFormat
import HardmaxVerifier

/// The files a run read, each with the SHA-256 of the very bytes that were parsed: a certificate binds
/// what was replayed, even if a file changes on disk while the run goes on (no second read to hash).
final class FileDigests {
    private(set) var files: [(path: String, sha256: String)] = []

    /// Records the bytes of `file` as read (call it once per file, before parsing them).
    func record(_ file: String, _ bytes: [UInt8]) {
        files.append((file, SHA256.hexDigest(bytes)))
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
