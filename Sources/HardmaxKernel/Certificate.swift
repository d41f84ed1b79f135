import Exact
import HardmaxModel

/// A certificate (SPEC.md sections 5 and 6): files bound by SHA-256 to a verdict that anyone can
/// re-derive by exact replay (`pass`/`fail`) or from the data alone (`impossible`).
///
/// Invariants (kept by the initialisers and by the reader):
/// - `pass`/`fail`: `model` and `counts` are set; `results` holds either every row or exactly the
///   failing rows, in index order; `positions` is nil and `conflicts` empty.
/// - `impossible`: `model`, `counts` and `minMargin` are nil, `results` is empty, `positions` is set,
///   and either `mask` is nil and `conflicts` is not empty (whole-sequence labels, SPEC.md section 6),
///   or `mask` is set and `tokenConflicts` is not empty (per-token labels, section 12).
public struct Certificate: Sendable, Equatable {
    public var verdict: Verdict
    public var model: FileReference?
    /// Weight files (safetensors, .npy, .npz) whose tensors the model file names; empty for a
    /// self-contained model.
    public var weights: [FileReference]
    public var datasets: [FileReference]
    /// For the certificate of one shard of a split verification (`hardmax verify --shard I/K`): which
    /// shard. `counts`, `minMargin` and `results` then cover that shard's sequences only, and
    /// `hardmax merge` combines the K shard certificates into one ordinary certificate. Nil for an
    /// ordinary certificate.
    public var shard: Shard?
    public var counts: VerificationCounts?
    public var minMargin: Rational?
    /// The largest error (value readouts, SPEC.md section 10); nil otherwise.
    public var maxError: Rational?
    /// Each head's least attention gap (SPEC.md section 10); nil when not recorded (certificates of
    /// refutations, and those written before gaps were recorded).
    public var attentionGaps: [AttentionGap]?
    /// How the model was replayed (SPEC.md section 11): `hardmax` (exact), `softmax` or
    /// `hardmax-enclosure`. Under enclosures the margins and errors are intervals (`minMarginBounds`,
    /// `maxErrorBounds`, and each row's `enclosed`).
    public var semantics: ReplaySemantics = .hardmax
    public var minMarginBounds: Bounds?
    public var maxErrorBounds: Bounds?
    public var results: [CertificateRow]
    public var positions: Positions?
    public var conflicts: [Conflict]
    /// For the refutation of per-token labels (SPEC.md section 12): the contexts the conflicts were
    /// computed with; nil otherwise.
    public var mask: ContextMask? = nil
    /// The conflicts between labelled positions, when `mask` is set.
    public var tokenConflicts: [TokenConflict] = []
    public var producer: Producer

    public init(verdict: Verdict, model: FileReference?, weights: [FileReference] = [], datasets: [FileReference],
                shard: Shard? = nil, counts: VerificationCounts?, minMargin: Rational?, maxError: Rational? = nil,
                attentionGaps: [AttentionGap]? = nil, results: [CertificateRow],
                positions: Positions?, conflicts: [Conflict], producer: Producer) {
        (self.verdict, self.model, self.weights, self.datasets, self.shard) = (verdict, model, weights, datasets, shard)
        (self.counts, self.minMargin, self.maxError, self.attentionGaps) = (counts, minMargin, maxError, attentionGaps)
        self.results = results
        (self.positions, self.conflicts, self.producer) = (positions, conflicts, producer)
    }
}

/// A file named by a certificate: its path relative to the certificate's folder, and its SHA-256.
public struct FileReference: Sendable, Equatable {
    /// Relative to the folder of the certificate, `/`-separated.
    public var file: String
    /// 64 lowercase hex digits.
    public var sha256: String

    public init(file: String, sha256: String) {
        self.file = file
        self.sha256 = sha256
    }
}

/// One row of a certificate's `results` (a ``SequenceResult`` without the human reason).
public struct CertificateRow: Sendable, Equatable {
    public var index: Int
    public var id: String?
    public var labels: SequenceLabels
    /// As ``SequenceResult/predicted``.
    public var predicted: [Prediction?]
    public var margin: Rational?
    public var error: Rational?
    public var passed: Bool
    /// Under enclosures: status, margin or error interval, precision.
    public var enclosed: EnclosedOutcome?

    public init(index: Int, id: String?, labels: SequenceLabels, predicted: [Prediction?], margin: Rational?,
                error: Rational? = nil, passed: Bool, enclosed: EnclosedOutcome? = nil) {
        (self.index, self.id, self.labels, self.predicted) = (index, id, labels, predicted)
        (self.margin, self.error, self.passed, self.enclosed) = (margin, error, passed, enclosed)
    }

    /// A row with one label and a class prediction.
    public init(index: Int, id: String?, label: Label, predicted: Label?, margin: Rational?, passed: Bool) {
        self.init(index: index, id: id, labels: .whole(label), predicted: [predicted.map(Prediction.label)],
                  margin: margin, passed: passed)
    }

    public init(_ r: SequenceResult) {
        self.init(index: r.index, id: r.id, labels: r.labels, predicted: r.predicted, margin: r.margin,
                  error: r.error, passed: r.passed, enclosed: r.enclosed)
    }
}

/// The program that wrote a certificate.
public struct Producer: Sendable, Equatable {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// This program: `{"name": "hardmax", "version": "0.1.0"}`.
    public static let hardmax = Producer(name: "hardmax", version: "0.1.0")
}
