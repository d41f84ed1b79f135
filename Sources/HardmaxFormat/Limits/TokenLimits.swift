import HardmaxModel
/// Bounds on how many tokens a dataset may hold, enforced while reading (so memory stays bounded by
/// the limit, not by the file): a sequence longer than `perSequence` tokens, or files that together
/// hold more than `total` tokens, are refused with an ``InputError`` naming the limit and the
/// command-line flag that raises it (`--max-tokens`, `--max-total-tokens`).
public struct TokenLimits: Sendable, Equatable {
    /// Most tokens in one sequence (default 10^7).
    public var perSequence: Int
    /// Most tokens in all dataset files of one run together (default 10^8).
    public var total: Int

    /// 10^7 tokens per sequence, 10^8 in all.
    public static let standard = TokenLimits()

    public init(perSequence: Int = 10_000_000, total: Int = 100_000_000) {
        self.perSequence = perSequence
        self.total = total
    }

    var perSequenceMessage: String {
        "a sequence has more than \(perSequence) tokens, the limit per sequence (--max-tokens N raises it)"
    }

    var totalMessage: String {
        "the dataset files hold more than \(total) tokens in all, the limit (--max-total-tokens N raises it)"
    }
}

/// Counts the tokens of a dataset as they are read, against ``TokenLimits``.
struct TokenCounter {
    let limits: TokenLimits
    /// Tokens of earlier files and of the sequences of this file read so far.
    private(set) var used: Int

    init(_ limits: TokenLimits, usedBefore: Int = 0) {
        self.limits = limits
        used = usedBefore
    }

    /// Checks a sequence that has `length` tokens so far; nil when within the limits, else the message.
    func problem(sequenceLength length: Int) -> String? {
        if length > limits.perSequence { return limits.perSequenceMessage }
        if used + length > limits.total { return limits.totalMessage }
        return nil
    }

    /// Counts a finished sequence.
    mutating func add(_ length: Int) { used += length }
}
