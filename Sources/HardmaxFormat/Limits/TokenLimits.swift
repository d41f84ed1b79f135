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
    /// The width every token must have, when it is known before reading (`verify` and `check` set it
    /// to the model's dimension): a token is refused as soon as its numbers pass it, so one absurdly
    /// wide token costs no memory. Without it, a token's numbers count against `perSequence`.
    public var width: Int?
    /// The vocabulary, when the model reads symbols (SPEC.md section 10; `verify` and `check` set it
    /// from the model's embedding): a token that is not one of these symbols is refused at its line.
    public var vocabulary: Set<Label>?

    /// 10^7 tokens per sequence, 10^8 in all.
    public static let standard = TokenLimits()

    public init(perSequence: Int = 10_000_000, total: Int = 100_000_000, width: Int? = nil) {
        self.perSequence = perSequence
        self.total = total
        self.width = width
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

    /// Checks a token that has `count` numbers so far; nil when within the limits, else the message.
    func problem(tokenNumbers count: Int) -> String? {
        if let width = limits.width, count > width {
            return "token has more than \(width) coordinate\(width == 1 ? "" : "s"), expected \(width) (the model's dimension)"
        }
        if count > limits.perSequence {
            return "a token has more than \(limits.perSequence) numbers, the limit per sequence and per token "
                + "(--max-tokens N raises it)"
        }
        return nil
    }

    /// Counts a finished sequence.
    mutating func add(_ length: Int) { used += length }
}
