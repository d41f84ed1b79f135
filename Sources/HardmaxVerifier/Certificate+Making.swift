import Exact
import HardmaxKernel
import HardmaxModel

extension Certificate {
    /// The certificate of a verification (verdict `pass` or `fail`). With `failuresOnly`, passing rows
    /// are left out; counts and minMargin still cover every sequence.
    /// With `shard`, `v` is the verification of that shard (``Verifier/verify(_:shard:limits:progress:observer:)``).
    public init(verification v: Verification, model: FileReference, weights: [FileReference] = [],
                datasets: [FileReference], shard: Shard? = nil, failuresOnly: Bool = false,
                producer: Producer = .hardmax) {
        precondition(failuresOnly || v.keepsEveryRow, "Certificate(verification:): every row asked of a verification without them")
        let enclosed = v.semantics != .hardmax
        self.init(verdict: v.verdict, model: model, weights: weights, datasets: datasets, shard: shard,
                  counts: v.counts, minMargin: v.minMargin, maxError: v.maxError,
                  attentionGaps: enclosed ? nil : v.attentionGaps,
                  results: v.results.filter { !failuresOnly || !$0.passed }.map(CertificateRow.init),
                  positions: nil, conflicts: [], producer: producer)
        semantics = v.semantics
        minMarginBounds = v.minMarginBounds
        maxErrorBounds = v.maxErrorBounds
    }

    /// The certificate of a refutation (verdict `impossible`, SPEC.md section 6): no model, the
    /// dataset files, the positions the measures were taken with, and the conflicts.
    /// - Precondition: `conflicts` is not empty.
    public init(conflicts: [Conflict], positions: Positions, datasets: [FileReference],
                producer: Producer = .hardmax) {
        precondition(!conflicts.isEmpty, "an impossible certificate needs a conflict")
        self.init(verdict: .impossible, model: nil, datasets: datasets, counts: nil, minMargin: nil, results: [],
                  positions: positions, conflicts: conflicts, producer: producer)
    }

    /// The certificate of a refutation of per-token labels (verdict `impossible`, SPEC.md section 12):
    /// no model, the dataset files, the mask and positions the contexts were taken with, the conflicts.
    /// - Precondition: `conflicts` is not empty.
    public init(tokenConflicts conflicts: [TokenConflict], mask: ContextMask, positions: Positions,
                datasets: [FileReference], producer: Producer = .hardmax) {
        precondition(!conflicts.isEmpty, "an impossible certificate needs a conflict")
        self.init(verdict: .impossible, model: nil, datasets: datasets, counts: nil, minMargin: nil, results: [],
                  positions: positions, conflicts: [], producer: producer)
        self.mask = mask
        tokenConflicts = conflicts
    }
}
