import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// Combining the certificates of the K shards of one split verification (``Shard``) into the
/// certificate of the whole verification, which `hardmax check` accepts as any other: it replays every
/// sequence.
///
/// The merge does no arithmetic on the model and reads no model or dataset file. It refuses, naming
/// the problem and the files: a certificate that is not a shard's (or certifies `impossible`), shards
/// of different splits (K), of different models, weight files or datasets (by SHA-256), with different
/// class counts, a shard given twice, a missing shard, and a shard whose rows or counts are not those
/// of its share (a row of another shard, rows out of order, counts that do not add up, or a share size
/// that does not fit the total). What it writes is then exactly the certificate an unsharded
/// `hardmax verify` would write (with every row if every shard listed every row, else the failing rows
/// only), naming the files of the first shard relative to the merged certificate's folder.
public enum CertificateMerge {
    /// Merges `shards` (each with the path it was read from) into the certificate to be written at
    /// `outputPath`.
    /// - Throws: `InputError` (attributed to the offending shard's file) when the shards do not make
    ///   one whole verification.
    /// - Complexity: O(rows + K) after reading.
    public static func merge(_ shards: [(path: String, certificate: Certificate)],
                             into outputPath: String) throws -> Certificate {
        guard let (firstPath, first) = shards.first else {
            throw InputError(message: "merge needs the certificates of all shards, found none")
        }
        var byIndex: [Int: (path: String, certificate: Certificate, shard: Shard)] = [:]
        var count = 0
        for (path, c) in shards {
            guard c.verdict != .impossible, let counts = c.counts, c.model != nil else {
                throw InputError(file: path, message: "\(path) certifies verdict \(c.verdict.rawValue) from the data alone; "
                                 + "only certificates of `hardmax verify --shard I/K` can be merged")
            }
            guard let shard = c.shard else {
                throw InputError(file: path, message: "\(path) is not a shard certificate (it has no \"shard\" field); "
                                 + "merge the certificates written by `hardmax verify --shard I/K`")
            }
            if count == 0 { count = shard.count }
            guard shard.count == count, let firstShard = first.shard else {
                throw InputError(file: path, message: "shards of different splits: \(path) is shard \(shard) but "
                                 + "\(firstPath) is shard \(first.shard?.description ?? "?") (every shard must be of the same K)")
            }
            try sameInputs(path, c, firstPath, first, shard: shard, firstShard: firstShard)
            if let earlier = byIndex[shard.index] {
                throw InputError(file: path, message: "shard \(shard) is given twice: \(earlier.path) and \(path)")
            }
            guard try sum([counts.passed, counts.failed, counts.undecided], path, "counts") == counts.sequences else {
                throw InputError(file: path, path: "counts", message: "passed \(counts.passed) + failed "
                                 + "\(counts.failed) + undecided \(counts.undecided) is not sequences \(counts.sequences)")
            }
            byIndex[shard.index] = (path, c, shard)
        }
        let missing = (1...count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let shown = missing.prefix(10).map { "\($0)/\(count)" }.joined(separator: ", ")
            throw InputError(file: firstPath, message: "missing shard\(missing.count == 1 ? "" : "s") \(shown)"
                             + (missing.count > 10 ? " and \(missing.count - 10) more" : "")
                             + ": a split into \(count) shards needs the certificate of every shard 1/\(count) ... "
                             + "\(count)/\(count), each once (\(shards.count) given)")
        }
        let parts = (1...count).map { byIndex[$0]! }  // every index in 1...count is present: `missing` is empty
        let total = try sum(parts.map { $0.certificate.counts?.sequences ?? 0 }, firstPath, "counts.sequences")
        var heads: [[Int]]?   // (layer, head) of the gaps of the first shard that records any
        for part in parts {
            try checkRows(part.path, part.certificate, part.shard, total: total)
            try checkSummary(part.path, part.certificate)
            guard let gaps = part.certificate.attentionGaps, !gaps.isEmpty else { continue }
            let these = gaps.map { [$0.layer, $0.head] }
            if heads == nil { heads = these }
            guard these == heads else {
                throw InputError(file: part.path, path: "attentionGaps", message: "the shards record the gaps of "
                                 + "different attention heads (every shard replays the same model)")
            }
        }
        let counts = parts.compactMap(\.certificate.counts)
        let sums = (tokens: try sum(counts.map(\.tokens), firstPath, "counts.tokens"),
                    passed: try sum(counts.map(\.passed), firstPath, "counts.passed"),
                    failed: try sum(counts.map(\.failed), firstPath, "counts.failed"),
                    undecided: try sum(counts.map(\.undecided), firstPath, "counts.undecided"))
        return combined(parts.map { ($0.certificate, $0.shard) }, firstPath: firstPath, first: first,
                        total: total, sums: sums, outputPath: outputPath)
    }

    /// The sum of counts read from certificates, or an error when it passes `Int.max` (forged counts).
    private static func sum(_ values: [Int], _ path: String, _ field: String) throws -> Int {
        try values.reduce(0) { total, v in
            let (s, overflow) = total.addingReportingOverflow(v)
            guard !overflow, v >= 0 else {
                throw InputError(file: path, path: field, message: "the shards' \(field) add up past \(Int.max)")
            }
            return s
        }
    }

    /// A shard's verdict, counts and min margin must be what its rows say (all of them, when it lists
    /// every row; what the failing rows bound, when it lists only those): the kernel's summary of the
    /// rows (``Verification/init(part:tokens:classes:)``) is compared with the recorded one.
    private static func checkSummary(_ path: String, _ c: Certificate) throws {
        guard let counts = c.counts else { return }  // checked in `merge`
        func contradiction(_ what: String) -> InputError {
            InputError(file: path, message: "the shard's summary contradicts its rows: \(what)")
        }
        guard c.verdict == (counts.failed > 0 ? .fail : (counts.undecided > 0 ? .undecided : .pass)) else {
            throw contradiction("verdict \(c.verdict.rawValue) with \(counts.failed) failing sequences")
        }
        if c.results.count == counts.sequences {
            let rows = c.results.map { row -> SequenceResult in
                var r = SequenceResult(index: row.index, id: row.id, labels: row.labels, predicted: row.predicted,
                                       margin: row.margin, error: row.error, passed: row.passed, reason: nil)
                r.enclosed = row.enclosed
                return r
            }
            var summary = Verification(part: rows, tokens: counts.tokens, classes: counts.classes)
            summary.semantics = c.semantics
            var rowsOnly = c
            rowsOnly.attentionGaps = nil   // rows do not record gaps: only a replay can check them
            if let difference = CertificateComparison.verification(rowsOnly, summary) { throw contradiction(difference) }
        } else if let least = c.results.compactMap(\.margin).min(), let recorded = c.minMargin, least < recorded {
            throw contradiction("minMargin \(recorded), but a failing row has margin \(least)")
        } else if c.minMargin == nil && c.results.contains(where: { $0.margin != nil }) {
            throw contradiction("minMargin null, but a failing row has a margin")
        } else if let largest = c.results.compactMap(\.error).max(), (c.maxError.map { largest > $0 } ?? true) {
            throw contradiction("maxError \(c.maxError?.description ?? "absent"), but a failing row has error \(largest)")
        }
    }

    /// Refuses shards of different models, weights, datasets or class counts.
    private static func sameInputs(_ path: String, _ c: Certificate, _ firstPath: String, _ first: Certificate,
                                   shard: Shard, firstShard: Shard) throws {
        func refuse(_ what: String, _ detail: String) -> InputError {
            InputError(file: path, message: "shards of different \(what): \(path) (shard \(shard)) and \(firstPath) "
                       + "(shard \(firstShard)) \(detail)")
        }
        if c.model?.sha256 != first.model?.sha256 {
            throw refuse("models", "certify models with SHA-256 \(c.model?.sha256 ?? "-") and \(first.model?.sha256 ?? "-")")
        }
        if c.semantics != first.semantics {
            throw refuse("semantics", "record semantics \(c.semantics.rawValue) and \(first.semantics.rawValue)")
        }
        if c.weights.map(\.sha256) != first.weights.map(\.sha256) {
            throw refuse("weight files", "name weight files with different SHA-256")
        }
        if c.datasets.map(\.sha256) != first.datasets.map(\.sha256) {
            throw refuse("data", "name dataset files with different SHA-256 (the shards must split one dataset, "
                         + "the same files in the same order)")
        }
        if c.counts?.classes != first.counts?.classes {
            throw refuse("class counts", "record \(c.counts?.classes ?? 0) and \(first.counts?.classes ?? 0) classes")
        }
    }

    /// The shard's rows must be its own (j mod K = I - 1, j < total), in increasing order, all of its
    /// sequences or exactly its failing ones, and its size must be its share of `total`.
    private static func checkRows(_ path: String, _ c: Certificate, _ shard: Shard, total: Int) throws {
        guard let counts = c.counts else { return }  // checked in `merge`
        let expected = shard.size(ofTotal: total)
        guard counts.sequences == expected else {
            throw InputError(file: path, path: "counts.sequences", message: "shard \(shard) records \(counts.sequences) "
                             + "sequences, but its share of the \(total) sequences of all shards is \(expected) "
                             + "(sequence j belongs to shard (j mod \(shard.count)) + 1)")
        }
        let all = c.results.count == counts.sequences
        guard all || c.results.count == counts.failed + counts.undecided else {
            throw InputError(file: path, path: "results", message: "\(c.results.count) rows, but shard \(shard) has "
                             + "\(counts.sequences) sequences of which \(counts.failed) fail (a certificate lists every "
                             + "row or exactly the failing rows)")
        }
        var previous = -1
        for (k, row) in c.results.enumerated() {
            guard row.index > previous, row.index < total, shard.contains(row.index) else {
                throw InputError(file: path, path: "results[\(k)].index", message: "sequence \(row.index) is not the "
                                 + "next sequence of shard \(shard) of \(total) sequences (its rows are sequences j with "
                                 + "j mod \(shard.count) = \(shard.index - 1), in increasing order)")
            }
            guard all || !row.passed else {
                throw InputError(file: path, path: "results[\(k)].pass", message: "a passing row in a certificate "
                                 + "that lists only the failing rows")
            }
            previous = row.index
        }
    }

    /// The whole verification's certificate from checked parts (in shard order 1...K).
    private static func combined(_ parts: [(certificate: Certificate, shard: Shard)], firstPath: String,
                                 first: Certificate, total: Int, sums: (tokens: Int, passed: Int, failed: Int, undecided: Int),
                                 outputPath: String) -> Certificate {
        let (tokens, passed, failed, undecided) = sums
        let minMargin = parts.compactMap(\.certificate.minMargin).min()
        let maxError = parts.compactMap(\.certificate.maxError).max()
        // Head by head, the least gap of the shards that recorded gaps (an empty shard records none).
        let gaps = parts.compactMap(\.certificate.attentionGaps).filter { !$0.isEmpty }
        let leastGaps = gaps.isEmpty ? first.attentionGaps : AttentionGap.least(gaps)
        let everyRow = parts.allSatisfy { $0.certificate.results.count == $0.certificate.counts?.sequences }
        var rows: [CertificateRow] = []
        if everyRow {
            // Sequence j is row j / K of shard (j mod K) + 1.
            rows.reserveCapacity(total)
            for j in 0..<total { rows.append(parts[j % parts.count].certificate.results[j / parts.count]) }
        } else {
            rows = parts.flatMap { $0.certificate.results.filter { !$0.passed } }.sorted { $0.index < $1.index }
        }
        func rebased(_ ref: FileReference) -> FileReference {
            FileReference(file: FilePaths.relative(FilePaths.resolve(ref.file, forCertificateAt: firstPath),
                                                   toFolderOf: outputPath),
                          sha256: ref.sha256)
        }
        var counts = VerificationCounts(sequences: total, tokens: tokens, classes: first.counts?.classes ?? 0,
                                        passed: passed, failed: failed)
        counts.undecided = undecided
        var merged = Certificate(
            verdict: failed > 0 ? .fail : (undecided > 0 ? .undecided : .pass), model: first.model.map(rebased),
            datasets: first.datasets.map(rebased), counts: counts,
            minMargin: minMargin, maxError: maxError, attentionGaps: leastGaps, results: rows, positions: nil,
            conflicts: [], producer: .hardmax)
        merged.weights = first.weights.map(rebased)
        merged.semantics = first.semantics
        merged.minMarginBounds = parts.compactMap(\.certificate.minMarginBounds).reduce(nil as Bounds?) { m, b in
            m.map { Bounds.least($0, b) } ?? b
        }
        merged.maxErrorBounds = parts.compactMap(\.certificate.maxErrorBounds).reduce(nil as Bounds?) { m, b in
            m.map { Bounds.largest($0, b) } ?? b
        }
        return merged
    }
}
