import HardmaxModel
import Exact

/// The outcome of a whole verification or a certificate (SPEC.md sections 5 and 6).
public enum Verdict: String, Sendable, Equatable {
    /// Every sequence passes.
    case pass
    /// At least one sequence fails.
    case fail
    /// No model of the class can separate the data (a refutation; no model is involved).
    case impossible
}

/// What the replay of one sequence showed (one row of a certificate's `results`).
public struct SequenceResult: Sendable, Equatable {
    /// Index of the sequence in the concatenation of the dataset files, from 0.
    public var index: Int
    public var id: String?
    public var label: Label
    /// The unique class of maximal score; nil on a tie at the top (for pool `every`: nil unless all
    /// tokens predict the same class).
    public var predicted: Label?
    /// s_label - max_{k != label} s_k (pool `every`: the least over tokens); nil when the model has
    /// one class or the label is not a model class.
    public var margin: Rational?
    public var passed: Bool
    /// Why the sequence failed, for people ("predicted b", "tie between a and b", "label z is not a
    /// model class", with "token 3: " in front for pool `every`); nil when it passed. Not recorded in
    /// certificates.
    public var reason: String?

    public init(index: Int, id: String?, label: Label, predicted: Label?, margin: Rational?,
                passed: Bool, reason: String?) {
        self.index = index
        self.id = id
        self.label = label
        self.predicted = predicted
        self.margin = margin
        self.passed = passed
        self.reason = reason
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

    public init(sequences: Int, tokens: Int, classes: Int, passed: Int, failed: Int) {
        self.sequences = sequences
        self.tokens = tokens
        self.classes = classes
        self.passed = passed
        self.failed = failed
    }
}

/// The result of replaying a model on a dataset, or on part of one such as a ``Shard``: one
/// ``SequenceResult`` per sequence replayed, in increasing order of index.
public struct Verification: Sendable, Equatable {
    /// The rows, in increasing order of their index in the whole dataset: for a whole dataset every
    /// sequence, `results[j].index == j`; for a part only its sequences
    /// (``init(part:tokens:classes:)``).
    public let results: [SequenceResult]
    /// The counts of the rows in `results` (for a part, of that part only).
    public let counts: VerificationCounts
    /// The least margin over the rows that have one (passing or not); nil when none has.
    public let minMargin: Rational?
    /// `.pass` iff every row passed (so an empty part passes).
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
