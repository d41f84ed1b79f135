import HardmaxModel
import HardmaxKernel
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
