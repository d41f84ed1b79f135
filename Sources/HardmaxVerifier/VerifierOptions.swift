/// The exact shortcuts of SPEC.md section 8 the verifier may take. Each gives results identical to
/// the plain replay (tests compare them on random models with many ties); they only change the cost.
public struct Shortcuts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Replay each distinct token once with its multiplicity (only when no layer is causal and the
    /// pool is mean or every).
    public static let duplicates = Shortcuts(rawValue: 1 << 0)
    /// k = 1 scores (and rank-1 bilinear forms): C(i) is the argmax or argmin of one number, O(n).
    public static let rankOneScores = Shortcuts(rawValue: 1 << 1)
    /// No query/key: C(i) = J(i), one mean (prefix means when causal) per sequence.
    public static let uniformScores = Shortcuts(rawValue: 1 << 2)
    /// Feedforward layers whose W1 rows are all multiples of one vector: a piecewise-linear function
    /// of one number, evaluated by binary search over its sorted kinks.
    public static let rankOneFeedForward = Shortcuts(rawValue: 1 << 3)
    /// Consecutive feedforward layers where no layer reads a coordinate that an earlier one of the
    /// group writes are replayed as one layer.
    public static let fusion = Shortcuts(rawValue: 1 << 4)

    public static let all: Shortcuts = [.duplicates, .rankOneScores, .uniformScores, .rankOneFeedForward, .fusion]
}

/// How to run a verification.
public struct VerifierOptions: Sendable, Equatable {
    /// Replay without any shortcut (the reference path, SPEC.md section 4 transcribed) when false.
    public var usesShortcuts: Bool
    /// Which shortcuts the fast path takes (ignored when `usesShortcuts` is false). Zero matrix
    /// entries are always skipped on the fast path.
    public var shortcuts: Shortcuts
    /// Number of sequences replayed at once; 0 means one per active processor.
    public var jobs: Int
    /// The largest bit length a numerator or denominator may reach during replay (default 2^20).
    public var maxBits: Int
    /// The most exact operations a verification may need by ``WorkEstimate`` before it is refused
    /// up front (default 10^11: about half an hour of small-number arithmetic on the fast path, a few
    /// hours on the plain path).
    public var maxWork: Int

    public init(usesShortcuts: Bool = true, shortcuts: Shortcuts = .all, jobs: Int = 0,
                maxBits: Int = 1 << 20, maxWork: Int = 100_000_000_000) {
        self.usesShortcuts = usesShortcuts
        self.shortcuts = shortcuts
        self.jobs = jobs
        self.maxBits = maxBits
        self.maxWork = maxWork
    }

    /// All shortcuts, all processors, the default bit limit.
    public static let standard = VerifierOptions()
    /// The plain replay only (for `--plain` and for comparisons).
    public static let plainOnly = VerifierOptions(usesShortcuts: false)
}
