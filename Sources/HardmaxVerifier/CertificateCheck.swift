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
    /// The recomputed conflicts between positions (for `impossible` with per-token labels).
    public var tokenConflicts: [TokenConflict]? = nil
    /// The sequences in the named dataset files, selected or not (for a shard's certificate, more than
    /// the shard covers); nil when nothing was replayed.
    public var totalSequences: Int? = nil

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
    /// The model and weight files are read whole and hashed first. The data of a `pass` or `fail`
    /// certificate is streamed as `verify` streams it: each piece is hashed and then parsed and
    /// replayed, and the digests are compared at the end, before anything is reported; a data file that
    /// cannot be read as data is hashed in full, so a changed file is reported as changed.
    ///
    /// Named files must be regular files (a certificate naming `/dev/zero` or a pipe is refused at once),
    /// each at most `limits.maxFileBytes` when read whole (model, weights, the data of `impossible`) and
    /// `limits.maxStreamedFileBytes` when streamed; numbers and tokens are read under `limits`.
    ///
    /// - Returns: an outcome whose `difference` names the first differing file or field.
    /// - Throws: `InputError` for an unreadable or malformed certificate, a missing or unreadable named
    ///   file, a named file that is not a valid model or dataset, or a limit exceeded.
    public static func check(certificateAt path: String, options: VerifierOptions = .standard,
                             limits: InputLimits = .standard, progress: ProgressReport? = nil) throws -> CheckOutcome {
        let certificate = try Certificate.read(file: path, limits: limits)
        // Every named file is read once and hashed before anything is parsed: the bytes parsed are the
        // bytes whose hash was compared.
        var mismatch: String?
        func load(_ refs: [FileReference], _ what: String) throws -> [(file: String, bytes: [UInt8])] {
            var loaded: [(file: String, bytes: [UInt8])] = []
            for ref in refs where mismatch == nil {
                let p = FilePaths.resolve(ref.file, forCertificateAt: path)
                let bytes = try FileIO.read(p, maxBytes: limits.maxFileBytes, regularFileOnly: true)
                if SHA256.hexDigest(bytes) != ref.sha256 {
                    mismatch = "\(what) file \(ref.file): its SHA-256 is not the recorded \(ref.sha256)"
                }
                loaded.append((p, bytes))
            }
            return loaded
        }
        var model = try load(certificate.model.map { [$0] } ?? [], "model")
        let weights = try load(certificate.weights, "weights")
        if let mismatch {
            return CheckOutcome(certificate: certificate, difference: mismatch, verification: nil, conflicts: nil)
        }

        if certificate.verdict == .impossible {
            let data = try load(certificate.datasets, "dataset")
            if let mismatch {
                return CheckOutcome(certificate: certificate, difference: mismatch, verification: nil, conflicts: nil)
            }
            let dataset = try DatasetReader.read(.contents(data), limits: limits).dataset
            if let mask = certificate.mask {
                let recomputed = TokenConflict.conflicts(in: dataset, mask: mask, positions: certificate.positions ?? .none)
                var outcome = CheckOutcome(certificate: certificate,
                                           difference: CertificateComparison.tokenConflicts(certificate.tokenConflicts,
                                                                                            recomputed),
                                           verification: nil, conflicts: nil)
                outcome.tokenConflicts = recomputed
                return outcome
            }
            let recomputed = Conflict.conflicts(in: dataset, positions: certificate.positions ?? .none)
            return CheckOutcome(certificate: certificate,
                                difference: CertificateComparison.conflicts(certificate.conflicts, recomputed),
                                verification: nil, conflicts: recomputed)
        }
        guard !model.isEmpty else {
            throw InputError(file: path, path: "model", message: "a pass or fail certificate names a model")
        }
        // Streamed: each piece of a data file is hashed, then parsed and replayed. A shard's certificate
        // covers its shard's sequences only: only those are parsed and replayed.
        var streamingLimits = limits
        streamingLimits.regularFilesOnly = true
        let run = Run(options: options, limits: streamingLimits)
        let replayed = try run.model(model[0], weights: weights)
        model = []  // the file's bytes were hashed and parsed; memory holds the model, not its text
        let paths = certificate.datasets.map { FilePaths.resolve($0.file, forCertificateAt: path) }
        func changed(_ digests: [(path: String, sha256: String)]) -> String? {
            zip(certificate.datasets, digests).first { $0.sha256 != $1.sha256 }.map {
                "dataset file \($0.0.file): its SHA-256 is not the recorded \($0.0.sha256)"
            }
        }
        let streamed: FileVerification
        do {
            // Only the rows the comparison reads are kept: every row when the certificate lists every
            // row (or was replayed with enclosures), else the failing rows.
            let everyRow = certificate.semantics != .hardmax || certificate.results.count == certificate.counts?.sequences
            streamed = try run.verify(replayed, data: .files(paths), shard: certificate.shard,
                                      rows: everyRow ? .every : .failing, progress: progress)
        } catch let error as InputError {
            // A changed file is reported as changed, not as whatever its new bytes fail to be.
            let digests = try paths.map { (path: $0, sha256: try fileDigest($0, maxBytes: limits.maxStreamedFileBytes)) }
            if let difference = changed(digests) {
                return CheckOutcome(certificate: certificate, difference: difference, verification: nil, conflicts: nil)
            }
            throw error
        }
        if let difference = changed(run.dataFiles.files) {
            return CheckOutcome(certificate: certificate, difference: difference, verification: nil, conflicts: nil)
        }
        return CheckOutcome(certificate: certificate,
                            difference: CertificateComparison.verification(certificate, streamed.verification),
                            verification: streamed.verification, conflicts: nil,
                            totalSequences: streamed.sequencesPerFile.reduce(0, +))
    }
}

/// The SHA-256 of the file at `path`, read in chunks (regular files only, at most `maxBytes` when set).
private func fileDigest(_ path: String, maxBytes: Int?) throws -> String {
    var hash = SHA256()
    try FileIO.forEachChunk(of: path, maxBytes: maxBytes, regularFileOnly: true) { hash.update($0) }
    return SHA256.hex(hash.finalize())
}
