import Exact
import HardmaxFormat

/// The rank-1 feedforward shortcut (SPEC.md section 8).
///
/// When W1 = a v^T (row u is a_u v), unit u is relu(a_u t + b1_u) with t = v.x. A unit with a_u > 0
/// is active (positive) iff t > k_u, one with a_u < 0 iff t < k_u, where k_u = -b1_u / a_u is its
/// kink; one with a_u = 0 is the constant relu(b1_u). Sort the distinct kinks p_0 < ... < p_{K-1};
/// on segment s (the t with exactly s kinks below them) the active set is fixed, so
///   y_c = r x_c + slope[s][c] t + intercept[s][c]
/// with slope = sum of W2[c,u] a_u and intercept = sum of W2[c,u] b1_u over the active units (plus
/// the constant units and b2). At t = p_s a unit with that kink contributes a_u p_s + b1_u = 0 whether
/// counted or not, so using segment s (kinks strictly below t) is exact there too.
/// - Complexity: O(m log m + K |written|) to build; per token O(|v| + log K + |written|).
struct RankOneFeedForward {
    let direction: SparseVector
    let kinks: [Rational]
    /// Segment s (0...K), slot k: `slopes[s * written.count + k]`, `intercepts[s * written.count + k]`.
    let slopes: [Rational]
    let intercepts: [Rational]
    let written: [Int]
    let residual: Rational
    /// The largest bit length among the kinks, slopes, intercepts and the residual: with t = v.x, the
    /// replay computes only r x_c + slope t + intercept and comparisons of t with kinks.
    var tableBits: Int {
        var bits = residual.bitLength
        for table in [kinks, slopes, intercepts] { for x in table where x.bitLength > bits { bits = x.bitLength } }
        return bits
    }

    /// The largest numerator or denominator a table entry may have, in bits.
    static let maxTableBits = 1 << 16

    /// nil when W1 is not rank 1, when the tables would exceed `maxTableEntries`, or when an entry would
    /// exceed ``maxTableBits``.
    init?(_ f: FeedForward, maxTableEntries: Int = 1 << 22) {
        guard let factor = RankOneFactor(f.w1) else { return nil }
        let w = f.w2.rows
        written = f.residual == .one ? f.writtenCoordinates.sorted() : Array(0..<w)
        direction = SparseVector(dense: factor.direction)
        residual = f.residual
        let a = factor.coefficients
        var kinkOf = [Rational?](repeating: nil, count: a.count)
        for u in a.indices where !a[u].isZero {
            guard let k = try? -f.b1[u] / a[u] else { return nil }  // a[u] != 0: cannot fail
            kinkOf[u] = k
        }
        let sorted = Array(Set(kinkOf.compactMap { $0 })).sorted()
        guard (sorted.count + 1) * max(written.count, 1) <= maxTableEntries else { return nil }
        kinks = sorted
        var index: [Rational: Int] = [:]
        for (i, k) in sorted.enumerated() { index[k] = i }

        // Segment 0 (t below every kink): the units with a_u < 0 are active.
        var slope = [DotAccumulator](repeating: DotAccumulator(), count: written.count)
        var intercept = slope
        var startingUp = [[Int]](repeating: [], count: sorted.count)    // units that switch on after kink i
        var stoppingDown = [[Int]](repeating: [], count: sorted.count)  // units that switch off after kink i
        for u in a.indices {
            for (k, c) in written.enumerated() where !f.w2[c, u].isZero {
                if a[u].isZero {
                    intercept[k].add(f.w2[c, u], times: f.b1[u].relu)
                } else if a[u].signum < 0 {
                    slope[k].add(f.w2[c, u], times: a[u])
                    intercept[k].add(f.w2[c, u], times: f.b1[u])
                }
            }
            if let k = kinkOf[u], let i = index[k] {
                if a[u].signum > 0 { startingUp[i].append(u) } else { stoppingDown[i].append(u) }
            }
        }
        for (k, c) in written.enumerated() { intercept[k].add(f.b2[c]) }
        var slopeRows: [[Rational]] = [slope.map(\.value)]
        var interceptRows: [[Rational]] = [intercept.map(\.value)]
        var s = slopeRows[0], b = interceptRows[0]
        for i in sorted.indices {
            for (k, c) in written.enumerated() {
                var ds = DotAccumulator(), db = DotAccumulator()
                ds.add(s[k])
                db.add(b[k])
                for u in startingUp[i] where !f.w2[c, u].isZero {
                    ds.add(f.w2[c, u], times: a[u])
                    db.add(f.w2[c, u], times: f.b1[u])
                }
                for u in stoppingDown[i] where !f.w2[c, u].isZero {
                    ds.add(-f.w2[c, u], times: a[u])
                    db.add(-f.w2[c, u], times: f.b1[u])
                }
                s[k] = ds.value
                b[k] = db.value
                // A table of huge numbers (adversarial weights) is not built: the plain evaluation and
                // its work estimate take over, instead of summing ever larger numbers kink after kink.
                guard s[k].bitLength <= Self.maxTableBits, b[k].bitLength <= Self.maxTableBits else { return nil }
            }
            slopeRows.append(s)
            interceptRows.append(b)
        }
        slopes = slopeRows.flatMap { $0 }
        intercepts = interceptRows.flatMap { $0 }
    }

    /// Number of kinks strictly below t (binary search).
    func segment(_ t: Rational) -> Int {
        var lo = 0, hi = kinks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if kinks[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The change slope[s] t + intercept[s] for the value t = v.x.
    func delta(_ t: Rational) -> [Rational] {
        let row = segment(t) * written.count
        return written.indices.map { k in
            var sum = ProductSum(intercepts[row + k])
            sum.add(slopes[row + k], times: t)
            return sum.value
        }
    }

    /// Rows in order; consecutive rows with equal t share one evaluation of the change.
    func apply(_ t: inout TokenTable) {
        let w = t.width
        var lastT: Rational? = nil, change: [Rational] = []
        for r in 0..<t.rows {
            let base = r * w
            let x = direction.dot(t.values, base: base)
            if lastT != x {
                change = delta(x)
                lastT = x
            }
            for (k, c) in written.enumerated() {
                var sum = ProductSum(change[k])
                if residual == .one { sum.add(t.values[base + c]) } else { sum.add(residual, times: t.values[base + c]) }
                t.values[base + c] = sum.value
            }
        }
    }
}
