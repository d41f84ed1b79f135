import Exact
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

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
    /// The highest working precision, in bits, an undecided sequence is replayed at under enclosures
    /// (SPEC.md section 11; default 4096).
    public var maxPrecision = Kernel.defaultMaxPrecision

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
