import HardmaxFormat
@testable import HardmaxKernel
@testable import HardmaxVerifier

extension FileReference {
    /// Hashes the file at `path` (SHA-256 of its bytes) and names it relative to the folder of the
    /// certificate that will be written at `certificatePath`. For tests: a run hashes the bytes it read
    /// (``init(file:sha256:forCertificateAt:)``), never the file again.
    /// - Throws: `InputError` when the file cannot be read.
    init(file path: String, forCertificateAt certificatePath: String) throws {
        let bytes = try FileIO.read(path, maxBytes: 1 << 30)
        self.init(file: path, sha256: HardmaxFormat.SHA256.hexDigest(bytes), forCertificateAt: certificatePath)
    }
}
