import Exact
import HardmaxFormat

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

/// Field-by-field comparison of a recorded certificate with a recomputation; the first difference.
enum CertificateComparison {
    static func verification(_ c: Certificate, _ v: Verification) -> String? {
        if c.verdict != v.verdict { return diff("verdict", c.verdict.rawValue, v.verdict.rawValue) }
        guard let counts = c.counts else { return "counts: missing" }
        let fields: [(String, Int, Int)] = [
            ("sequences", counts.sequences, v.counts.sequences), ("tokens", counts.tokens, v.counts.tokens),
            ("classes", counts.classes, v.counts.classes), ("passed", counts.passed, v.counts.passed),
            ("failed", counts.failed, v.counts.failed),
        ]
        for (name, recorded, recomputed) in fields where recorded != recomputed {
            return diff("counts.\(name)", "\(recorded)", "\(recomputed)")
        }
        if c.minMargin != v.minMargin { return diff("minMargin", text(c.minMargin), text(v.minMargin)) }
        let all = v.results.map(CertificateRow.init)
        let failures = all.filter { !$0.passed }
        let expected = c.results.count == all.count ? all : failures
        if c.results.count != expected.count {
            return "results: recorded \(c.results.count) rows, recomputed \(all.count) rows of which "
                + "\(failures.count) failing (a certificate lists every row or exactly the failing rows)"
        }
        for (k, (r, e)) in zip(c.results, expected).enumerated() {
            let at = "results[\(k)]"
            if r.index != e.index { return diff("\(at).index", "\(r.index)", "\(e.index)") }
            if !r.id.isExactly(e.id) { return diff("\(at).id", text(r.id), text(e.id)) }
            if !r.label.isExactly(e.label) { return diff("\(at).label", text(r.label), text(e.label)) }
            if !r.predicted.isExactly(e.predicted) { return diff("\(at).predicted", text(r.predicted), text(e.predicted)) }
            if r.margin != e.margin { return diff("\(at).margin", text(r.margin), text(e.margin)) }
            if r.passed != e.passed { return diff("\(at).pass", "\(r.passed)", "\(e.passed)") }
        }
        return nil
    }

    static func conflicts(_ recorded: [Conflict], _ recomputed: [Conflict]) -> String? {
        if recorded.count != recomputed.count {
            return "conflicts: recorded \(recorded.count), recomputed \(recomputed.count)"
        }
        for (k, (r, e)) in zip(recorded, recomputed).enumerated() {
            let at = "conflicts[\(k)]"
            if [r.first, r.second] != [e.first, e.second] {
                return diff("\(at).indices", "[\(r.first), \(r.second)]", "[\(e.first), \(e.second)]")
            }
            if !r.firstID.isExactly(e.firstID) || !r.secondID.isExactly(e.secondID) {
                return diff("\(at).ids", "[\(text(r.firstID)), \(text(r.secondID))]", "[\(text(e.firstID)), \(text(e.secondID))]")
            }
            if !r.firstLabel.isExactly(e.firstLabel) || !r.secondLabel.isExactly(e.secondLabel) {
                return diff("\(at).labels", "[\(text(r.firstLabel)), \(text(r.secondLabel))]",
                            "[\(text(e.firstLabel)), \(text(e.secondLabel))]")
            }
            if r.identical != e.identical { return diff("\(at).identical", "\(r.identical)", "\(e.identical)") }
            if r.measure.tokens != e.measure.tokens { return "\(at).measure.tokens: differ from the recomputed measure" }
            if r.measure.weights != e.measure.weights {
                return diff("\(at).measure.weights", "\(r.measure.weights)", "\(e.measure.weights)")
            }
        }
        return nil
    }

    private static func diff(_ field: String, _ recorded: String, _ recomputed: String) -> String {
        "\(field): recorded \(recorded), recomputed \(recomputed)"
    }

    private static func text(_ r: Rational?) -> String { r?.description ?? "null" }
    private static func text(_ s: String?) -> String { s.map { "\"\($0)\"" } ?? "null" }
}
