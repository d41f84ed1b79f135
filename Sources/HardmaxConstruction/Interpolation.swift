import Exact

/// Step E of SPEC.md section 7: the piecewise-linear g with g(H_(k)) = T_(k) at sorted knots
/// H_(1) < ... < H_(K), constant left of H_(1):
///
///     g(H) = T_(1) + sum_{k=1}^{K-1} (sigma_k - sigma_{k-1}) relu(H - H_(k)),
///     sigma_k = (T_(k+1) - T_(k)) / (H_(k+1) - H_(k)),  sigma_0 = 0.
///
/// Only the non-zero slope changes are kept, so the number of units is at most K - 1.
struct Interpolation: Sendable {
    /// g left of the first knot: T_(1).
    let constant: Rational
    /// (knot H_(k), slope change sigma_k - sigma_{k-1}), knots ascending, every change non-zero.
    let units: [(knot: Rational, change: Rational)]
}

extension Interpolation {
    /// - Precondition: `points` is non-empty and its knots are pairwise distinct.
    /// - Complexity: O(K log K) for the sort, O(K) exact divisions.
    init(through points: [(knot: Rational, target: Rational)]) {
        precondition(!points.isEmpty, "Interpolation: no points")
        let keys = points.map { OrderKey($0.knot) }
        let sorted = points.indices.sorted { keys[$0] < keys[$1] }.map { points[$0] }
        var units: [(knot: Rational, change: Rational)] = []
        var previousSlope = Rational.zero
        for k in 0..<(sorted.count - 1) {
            let rise = sorted[k + 1].target - sorted[k].target
            let run = sorted[k + 1].knot - sorted[k].knot
            precondition(run.signum > 0, "Interpolation: knots must be distinct")
            // run > 0 was just checked, so the division cannot fail.
            let slope = (try? rise / run) ?? .zero
            let change = slope - previousSlope
            if !change.isZero { units.append((sorted[k].knot, change)) }
            previousSlope = slope
        }
        self.init(constant: sorted[0].target, units: units)
    }
}
