import Exact
import HardmaxModel

/// The canonical empirical measure of a sequence (SPEC.md section 6, and step A of section 7).
///
/// The empirical measure of x_1..x_n is (1/n) sum_t delta_{x_t}. Two sequences have the same measure
/// iff they hold the same distinct tokens with proportional multiplicities. The canonical form makes
/// that a plain equality test: the distinct tokens in increasing lexicographic order (by exact
/// rational comparison, coordinate 0 first), each with its multiplicity divided by the gcd of all
/// multiplicities. So (a, b) and (b, a, b, a) have the same canonical measure, ({a, b}, [1, 1]).
///
/// Invariants: `tokens` is strictly increasing, non-empty, all of one width; `weights.count ==
/// tokens.count`, every weight >= 1, and the gcd of the weights is 1.
public struct CanonicalMeasure: Hashable, Sendable {
    /// The distinct tokens (after positions), in strictly increasing lexicographic order.
    public let tokens: [[Rational]]
    /// `weights[k]`: the multiplicity of `tokens[k]`, divided by the gcd of all multiplicities.
    public let weights: [Int]

    /// Builds a measure from parts that already satisfy the invariants (checked: programmer error).
    public init(tokens: [[Rational]], weights: [Int]) {
        precondition(!tokens.isEmpty && tokens.count == weights.count, "CanonicalMeasure: shape")
        self.tokens = tokens
        self.weights = weights
    }

    /// The canonical measure of `s`, after `positions` (for `.index`, token t gets the coordinate t,
    /// 1-based, appended, so the tokens of one sequence are all distinct).
    ///
    /// - Complexity: O(n log n) token comparisons for a sequence of n tokens.
    public static func of(_ s: LabelledSequence, positions: Positions) -> CanonicalMeasure {
        var rows: [[Rational]] = []
        rows.reserveCapacity(s.length)
        for t in 0..<s.length {
            var token = s.token(t)
            if positions == .index { token.append(Rational(t + 1)) }
            rows.append(token)
        }
        rows.sort { $0.lexicographicallyPrecedes($1) }
        let (tokens, weights) = reducedCounts(ofSorted: rows)
        return CanonicalMeasure(tokens: tokens, weights: weights)
    }

    /// The distinct elements of `sorted` (in order) with their multiplicities divided by the gcd of all
    /// multiplicities: a canonical measure's two parts.
    static func reducedCounts<T: Equatable>(ofSorted sorted: [T]) -> (distinct: [T], weights: [Int]) {
        var distinct: [T] = []
        var counts: [Int] = []
        for x in sorted {
            if let last = distinct.last, last == x {
                counts[counts.count - 1] += 1
            } else {
                distinct.append(x)
                counts.append(1)
            }
        }
        let g = counts.reduce(0, Int.gcd)
        return (distinct, counts.map { $0 / g })
    }

    /// Total weight (the length of the shortest sequence with this measure).
    public var totalWeight: Int { weights.reduce(0, +) }
}
