import HardmaxModel
import Exact

/// The outcome of a whole verification or a certificate (SPEC.md sections 5 and 6).
public enum Verdict: String, Sendable, Equatable {
    /// Every sequence passes.
    case pass
    /// No sequence fails, but some could not be decided with enclosures at any precision tried
    /// (SPEC.md section 11).
    case undecided
    /// At least one sequence fails.
    case fail
    /// No model of the class can separate the data (a refutation; no model is involved).
    case impossible
}

/// What the readout predicted at one read: a class, or the exact values of a value readout.
public enum Prediction: Sendable, Equatable {
    case label(Label)
    case values([Rational])
}

/// The least attention gap of one head over the sequences replayed (SPEC.md section 10): the least,
/// over every query position, of the maximal score minus the largest score outside the maximisers;
/// nil when no position had a score outside them.
public struct AttentionGap: Sendable, Equatable {
    /// The head's layer, as an index into the model's `layers`.
    public var layer: Int
    public var head: Int
    public var gap: Rational?

    public init(layer: Int, head: Int, gap: Rational?) {
        (self.layer, self.head, self.gap) = (layer, head, gap)
    }
}

/// What the replay of one sequence showed (one row of a certificate's `results`).
public struct SequenceResult: Sendable, Equatable {
    /// Index of the sequence in the concatenation of the dataset files, from 0.
    public var index: Int
    public var id: String?
    public var labels: SequenceLabels
    /// For one label: one entry, the unique class of maximal score (nil on a tie at the top; for pool
    /// `every`, nil unless all tokens predict the same class), or for a value readout the values of
    /// the read with the largest error. For per-token labels: one entry per position, nil where the
    /// position is not checked or its top class is tied.
    public var predicted: [Prediction?]
    /// s_label - max_{k != label} s_k, the least over the reads; nil when the model has one class, the
    /// label is not a model class, the readout gives values, or no position is checked.
    public var margin: Rational?
    /// For a value readout: max_c |prediction_c - label_c|, the largest over the reads; else nil.
    public var error: Rational?
    public var passed: Bool
    /// Why the sequence failed, for people ("predicted b", "tie between a and b", "label z is not a
    /// model class", with "token 3: " in front for pool `every`); nil when it passed. Not recorded in
    /// certificates.
    public var reason: String?
    /// Each head's least gap on this sequence, in the order of the model's layers and heads.
    public var attentionGaps: [AttentionGap]
    /// Set when the model was replayed with enclosures (SPEC.md section 11); `passed` is then
    /// `status == .pass`, and `margin` and `error` are nil (the intervals are here).
    public var enclosed: EnclosedOutcome?

    public init(index: Int, id: String?, labels: SequenceLabels, predicted: [Prediction?], margin: Rational?,
                error: Rational? = nil, passed: Bool, reason: String?, attentionGaps: [AttentionGap] = []) {
        (self.index, self.id, self.labels, self.predicted) = (index, id, labels, predicted)
        (self.margin, self.error, self.passed, self.reason, self.attentionGaps) = (margin, error, passed, reason, attentionGaps)
    }

    /// A row of a sequence with one label and a class prediction.
    public init(index: Int, id: String?, label: Label, predicted: Label?, margin: Rational?, passed: Bool,
                reason: String?) {
        self.init(index: index, id: id, labels: .whole(label), predicted: [predicted.map(Prediction.label)],
                  margin: margin, passed: passed, reason: reason)
    }

    /// The label of a sequence with one label; nil for per-token labels.
    public var label: Label? {
        if case .whole(let l) = labels { return l }
        return nil
    }

    /// The predicted class of a sequence with one label and a classes readout; nil otherwise.
    public var predictedLabel: Label? {
        if label != nil, predicted.count == 1, case .label(let p)? = predicted[0] { return p }
        return nil
    }
}

/// The `counts` object of a certificate.
public struct VerificationCounts: Sendable, Equatable {
    public var sequences: Int
    /// Tokens over all sequences (positions, not distinct tokens).
    public var tokens: Int
    /// Number of model classes C.
    public var classes: Int
    public var passed: Int
    public var failed: Int
    /// Sequences undecided under enclosures (SPEC.md section 11); 0 for an exact replay.
    public var undecided = 0

    public init(sequences: Int, tokens: Int, classes: Int, passed: Int, failed: Int) {
        self.sequences = sequences
        self.tokens = tokens
        self.classes = classes
        self.passed = passed
        self.failed = failed
    }
}

/// The result of replaying a model on a dataset, or on part of one such as a ``Shard``: one
/// ``SequenceResult`` per sequence replayed, in increasing order of index (only the failing ones when
/// ``keepsEveryRow`` is false).
public struct Verification: Sendable, Equatable {
    /// The rows, in increasing order of their index in the whole dataset: for a whole dataset every
    /// sequence, `results[j].index == j`; for a part only its sequences
    /// (``init(part:tokens:classes:)``). Only the failing rows when ``keepsEveryRow`` is false.
    public let results: [SequenceResult]
    /// False when `results` holds only the failing rows (``withFailingRowsOnly()``: a streamed run
    /// that needs no passing row); counts, margins, gaps and verdict still cover every row.
    public let keepsEveryRow: Bool
    /// The counts of the rows replayed (for a part, of that part only; every row replayed, also when
    /// only the failing ones are kept).
    public let counts: VerificationCounts
    /// The least margin over the rows that have one (passing or not); nil when none has.
    public let minMargin: Rational?
    /// The largest error over the rows that have one (value readouts); nil when none has.
    public let maxError: Rational?
    /// Each head's least gap over the rows (SPEC.md section 10); empty without attention layers.
    public let attentionGaps: [AttentionGap]
    /// Under enclosures: the least margin and largest error intervals over the rows that have one.
    public let minMarginBounds: Bounds?
    public let maxErrorBounds: Bounds?
    /// How the rows were replayed (set by whoever replayed them; `hardmax` by default).
    public var semantics: ReplaySemantics = .hardmax
    /// `.pass` iff every row passed (so an empty part passes); under enclosures `.fail` if a row
    /// fails, else `.undecided` if one is undecided.
    public let verdict: Verdict

    /// Summarises the rows of a whole dataset of `results.count` sequences.
    /// - Precondition: `results[j].index == j` for every j.
    public init(results: [SequenceResult], tokens: Int, classes: Int) {
        precondition(results.indices.allSatisfy { results[$0].index == $0 }, "Verification: row order")
        self.init(part: results, tokens: tokens, classes: classes)  // the whole dataset is the part 0..<n
    }

    /// The failing rows, in index order.
    public var failures: [SequenceResult] { results.filter { !$0.passed } }
}
