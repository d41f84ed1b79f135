import HardmaxModel
import Exact

/// Every bound the command line puts on its input, in one value: file size, number size, tokens.
/// Each has a flag to raise it (`--max-file-bytes`, `--max-bits`, `--max-tokens`,
/// `--max-total-tokens`); none changes what a model computes, only what is refused up front with a
/// clear error instead of exhausting memory or time.
public struct InputLimits: Sendable, Equatable {
    /// Largest file read whole, per file (default 1 GiB): models, weights, certificates, and data
    /// files a command holds in memory.
    public var maxFileBytes: Int
    /// Largest data file streamed (read in pieces and not kept: `verify`, `check`, `construct`), per
    /// file; nil (the default) for no bound, since the token, number and work limits bound what a
    /// streamed read costs. `--max-file-bytes` sets both.
    public var maxStreamedFileBytes: Int?
    /// Largest numerator or denominator, in bits, of a number read or reached during replay
    /// (default 2^20, SPEC section 2).
    public var maxBits: Int
    /// Tokens per sequence, in all data held in memory, and the width of a token.
    public var tokens: TokenLimits
    /// Most tokens in all data files streamed (read in pieces and not kept); nil (the default) for no
    /// bound, since a streamed run's memory does not grow with its tokens (its time is bounded by the
    /// work limit; rows kept for a certificate take about a hundred bytes a sequence, failing rows a
    /// few hundred). `construct`, which keeps the distinct tokens, sets one, and a run that keeps every
    /// row as values (`--junit`) uses `tokens.total`; `--max-total-tokens` sets both.
    public var maxStreamedTotalTokens: Int?
    /// Refuse named files that are not regular files (a device, a pipe) at once: `check` sets it, since
    /// a certificate may name any path.
    public var regularFilesOnly = false

    /// 1 GiB files read whole (streamed data files unbounded), 2^20 bits, 10^7 tokens per sequence and
    /// 10^8 in all data held in memory (streamed data unbounded).
    public static let standard = InputLimits()

    public init(maxFileBytes: Int = 1 << 30, maxStreamedFileBytes: Int? = nil, maxBits: Int = 1 << 20,
                tokens: TokenLimits = .standard) {
        self.maxFileBytes = maxFileBytes
        self.maxStreamedFileBytes = maxStreamedFileBytes
        self.maxBits = maxBits
        self.tokens = tokens
    }

    /// The number limits that go with `maxBits`: see ``NumberLimits/reading(maxBits:)``.
    public var numbers: NumberLimits { .reading(maxBits: maxBits) }
}

extension NumberLimits {
    /// Number limits under which every number of at most `maxBits` bits reads back from the text the
    /// tool writes for it (`p/q` in lowest terms): the text limit is the SPEC's 100000 characters or,
    /// when longer, the length of the longest such text (631308 characters at 2^20 bits). Without
    /// this, `1e-100000` is a valid input whose exact value 1/10^100000 has a 100003-character text,
    /// and a certificate recording such a margin could not be checked.
    public static func reading(maxBits: Int) -> NumberLimits {
        NumberLimits(maxTextLength: Swift.max(100_000, textLength(forBits: maxBits)), maxExponent: 100_000,
                     maxBits: maxBits)
    }

    /// An upper bound on the length of `-p/q` with p and q below 2^bits: each has at most
    /// floor(bits log10 2) + 1 digits, and 30103/100000 > log10 2.
    public static func textLength(forBits bits: Int) -> Int {
        let digits = bits / 100_000 * 30_103 + (bits % 100_000) * 30_103 / 100_000 + 1
        return 2 * digits + 2
    }
}
