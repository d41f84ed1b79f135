import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// What `hardmax check` found.
public struct CheckOutcome: Sendable {
    /// The certificate as read.
    public let certificate: Certificate
    /// nil when every file's hash and every recorded field equals the recomputed one; otherwise the
    /// first difference, e.g. `results[12].margin: recorded 1/2, recomputed 1/3`.
    public let difference: String?
    /// The recomputed verification (nil for `impossible`, or when a hash differed and nothing was replayed).
    public let verification: Verification?
    /// The recomputed conflicts (for `impossible`).
    public let conflicts: [Conflict]?

    /// True when the certificate is confirmed (its verdict may still be `fail` or `impossible`).
    public var confirmed: Bool { difference == nil }
}

/// Re-derivation of a certificate (SPEC.md sections 5 and 6).
public enum CertificateCheck {
    /// Re-hashes every named file (names relative to the certificate's folder), reads the same bytes
    /// it hashed, replays the model (or re-derives the conflicts from the data for `impossible`), and
    /// compares every recorded field with the recomputed one exactly: verdict, counts, minMargin, the
    /// set of rows present (every row, or exactly the failing rows), each row's fields; for
    /// `impossible`, each conflict. A shard's certificate (``Certificate/shard``) is checked against
    /// the replay of its shard's sequences only.
    ///
    /// Named files must be regular files (a certificate naming `/dev/zero` or a pipe is refused at once),
    /// each at most `limits.maxFileBytes`; numbers and tokens are read under `limits`.
    ///
    /// - Returns: an outcome whose `difference` names the first differing file or field.
    /// - Throws: `InputError` for an unreadable or malformed certificate, a missing or unreadable named
    ///   file, a named file that is not a valid model or dataset, or a limit exceeded.
    public static func check(certificateAt path: String, options: VerifierOptions = .standard,
                             limits: InputLimits = .standard, progress: ProgressReport? = nil) throws -> CheckOutcome {
        let certificate = try Certificate.read(file: path, limits: limits)
        func load(_ ref: FileReference, _ what: String, max: Int) throws -> (bytes: [UInt8], path: String)? {
            let p = FilePaths.resolve(ref.file, forCertificateAt: path)
            let bytes = try FileIO.read(p, maxBytes: max, regularFileOnly: true)
            let digest = SHA256.hexDigest(bytes)
            return digest == ref.sha256 ? (bytes, p) : nil
        }
        func mismatch(_ ref: FileReference, _ what: String) -> CheckOutcome {
            CheckOutcome(certificate: certificate,
                         difference: "\(what) file \(ref.file): its SHA-256 is not the recorded \(ref.sha256)",
                         verification: nil, conflicts: nil)
        }
        var modelBytes: (bytes: [UInt8], path: String)?
        if let ref = certificate.model {
            guard let loaded = try load(ref, "model", max: limits.maxFileBytes) else { return mismatch(ref, "model") }
            modelBytes = loaded
        }
        // The bytes that were hashed are the bytes that are parsed (no second read of a file).
        var contents: [(file: String, bytes: [UInt8])] = []
        for ref in certificate.datasets {
            guard let (bytes, p) = try load(ref, "dataset", max: limits.maxFileBytes) else {
                return mismatch(ref, "dataset")
            }
            contents.append((p, bytes))
        }

        if certificate.verdict == .impossible {
            var parts: [Dataset] = []
            for (p, bytes) in contents {
                let part = try DatasetReader.read(bytes: bytes, file: p, format: DatasetFormat.of(file: p),
                                                  limits: limits.numbers, tokens: limits.tokens,
                                                  tokensBefore: parts.reduce(0) { $0 + $1.tokenCount })
                if let first = parts.first, first.dimension != part.dimension {
                    throw InputError(file: p, message: "tokens have dimension \(part.dimension), but dimension "
                                     + "\(first.dimension) in the first dataset file; all dataset files must agree")
                }
                parts.append(part)
            }
            let data = Dataset(dimension: parts[0].dimension, sequences: parts.flatMap(\.sequences))
            let positions = certificate.positions ?? .none
            let recomputed = Conflict.conflicts(in: data, positions: positions)
            return CheckOutcome(certificate: certificate,
                                difference: CertificateComparison.conflicts(certificate.conflicts, recomputed),
                                verification: nil, conflicts: recomputed)
        }
        guard let (bytes, modelPath) = modelBytes else {
            throw InputError(file: path, path: "model", message: "a pass or fail certificate names a model")
        }
        var weightContents: [(file: String, bytes: [UInt8])] = []
        for ref in certificate.weights {
            guard let (weightBytes, weightPath) = try load(ref, "weights", max: limits.maxFileBytes) else {
                return mismatch(ref, "weights")
            }
            weightContents.append((weightPath, weightBytes))
        }
        let store = certificate.weights.isEmpty ? nil : try TensorStore(contents: weightContents)
        let model = try ModelReader.read(bytes: bytes, file: modelPath, tensors: store, limits: limits.numbers)
        // Streamed: batches are replayed as they are parsed. A shard's certificate covers its shard's
        // sequences only: only those are parsed and replayed.
        let verification: Verification
        do {
            verification = try Verifier(model: model, options: options)
                .verify(contents: contents, shard: certificate.shard, limits: limits.numbers, tokens: limits.tokens,
                        progress: progress)
                .verification
        } catch let e as InputError where e.file == nil {
            throw e.inFile(modelPath)  // a limit reached in replay: say which model
        }
        return CheckOutcome(certificate: certificate,
                            difference: CertificateComparison.verification(certificate, verification),
                            verification: verification, conflicts: nil)
    }
}
