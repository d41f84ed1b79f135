import Exact
import HardmaxModel
import HardmaxKernel

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
final class RankOneFeedForward: Sendable {
    let direction: SparseVector
    let kinks: [Rational]
    /// The kinks as (numerator, denominator) words when every one is in the small form (then
    /// ``segment(_:)`` compares words).
    let kinkWords: [(numerator: Int64, denominator: Int64)]?
    /// Every ``sampleStep``-th of `kinkWords` (kink `sampleStep * j` at j), small enough to stay in
    /// cache: the search narrows to one step of the kinks there first.
    let kinkSample: [(numerator: Int64, denominator: Int64)]
    static let sampleStep = 64
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

    /// The largest numerator or denominator a table entry (or a sum on the way to one) may have, in bits.
    static let maxTableBits = 1 << 16
    /// The most bits all table entries may have together (1 GiB).
    static let maxTableTotalBits = 1 << 33
    /// The most word steps reducing the entries may take (seconds): a table of 2^22 entries of one
    /// or two words each (the constructions' interpolation layers) is far below it; thousands of
    /// entries of 2^16 bits are not.
    static let maxTableWork = 1 << 32

    /// nil when W1 is not rank 1, when the tables would exceed `maxTableEntries`, or when their numbers
    /// would exceed ``maxTableBits``, ``maxTableTotalBits`` or ``maxTableWork``. The tables have
    /// (K + 1) |written| entries each, at most about the entries of W2 (K <= m units, |written| <= its
    /// rows), which the model already holds: the default 2^26 lets the interpolation layer of 10^7
    /// sequences (8.6 x 10^6 kinks, 2 written coordinates) take the shortcut.
    init?(_ f: FeedForward, maxTableEntries: Int = 1 << 26) {
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
        // The units with a kink in increasing order of kink (then of unit), and the distinct kinks: no
        // hashing of a million rationals. The units of kink i are `byKink[kinkStart[i]..<kinkStart[i + 1]]`.
        let kinkParts = kinkOf.map { $0?.smallParts }
        /// kinkOf[x] < kinkOf[y], on words when both are small (a/b < c/d iff a d < c b, b, d > 0).
        func less(_ x: Int, _ y: Int) -> Bool {
            guard let (a, b) = kinkParts[x], let (c, d) = kinkParts[y] else { return kinkOf[x]! < kinkOf[y]! }
            return Int128(a) * Int128(d) < Int128(c) * Int128(b)
        }
        let byKink = a.indices.filter { kinkOf[$0] != nil }.sorted { less($0, $1) || ($0 < $1 && !less($1, $0)) }
        var sorted: [Rational] = [], kinkStart: [Int] = []
        for (place, u) in byKink.enumerated() where sorted.last != kinkOf[u]! {
            sorted.append(kinkOf[u]!)
            kinkStart.append(place)
        }
        kinkStart.append(byKink.count)
        guard (sorted.count + 1) * max(written.count, 1) <= maxTableEntries else { return nil }
        kinks = sorted
        let words = sorted.compactMap(\.smallParts)
        kinkWords = words.count == sorted.count ? words : nil
        kinkSample = kinkWords.map { w in stride(from: 0, to: w.count, by: Self.sampleStep).map { w[$0] } } ?? []

        // Segment 0 (t below every kink): the units with a_u < 0 are active.
        var slope = [TableSum](repeating: TableSum(), count: written.count)
        var intercept = slope
        for u in a.indices {
            for (k, c) in written.enumerated() where !f.w2[c, u].isZero {
                if a[u].isZero {
                    intercept[k].add(f.w2[c, u], times: f.b1[u].relu)
                } else if a[u].signum < 0 {
                    slope[k].add(f.w2[c, u], times: a[u])
                    intercept[k].add(f.w2[c, u], times: f.b1[u])
                }
            }
        }
        for (k, c) in written.enumerated() { intercept[k].add(f.b2[c]) }
        // A table of huge numbers (adversarial weights) is not built: past ``maxTableBits`` in one entry
        // or ``maxTableTotalBits`` in all, the plain evaluation and its work estimate take over.
        var totalBits = 0, work = 0
        func entry(_ sum: TableSum) -> Rational? {
            guard let v = sum.value else { return nil }
            let words = (v.numerator.bitLength + v.denominator.bitLength) / 64 + 1
            totalBits += v.numerator.bitLength + v.denominator.bitLength
            work += words * words  // what reducing the entry costs, about
            return totalBits <= Self.maxTableTotalBits && work <= Self.maxTableWork ? v : nil
        }
        let n = written.count
        var slopes: [Rational] = [], intercepts: [Rational] = []
        slopes.reserveCapacity((sorted.count + 1) * n)
        intercepts.reserveCapacity((sorted.count + 1) * n)
        for k in 0..<n {
            guard let s = entry(slope[k]), let b = entry(intercept[k]) else { return nil }
            slopes.append(s)
            intercepts.append(b)
        }
        // Past kink i, the units that start (a_u > 0) or stop (a_u < 0) change segment i's entries.
        for i in sorted.indices {
            let previous = i * n
            for (k, c) in written.enumerated() {
                var ds = TableSum(slopes[previous + k]), db = TableSum(intercepts[previous + k])
                for u in byKink[kinkStart[i]..<kinkStart[i + 1]] where a[u].signum > 0 && !f.w2[c, u].isZero {
                    ds.add(f.w2[c, u], times: a[u])
                    db.add(f.w2[c, u], times: f.b1[u])
                }
                for u in byKink[kinkStart[i]..<kinkStart[i + 1]] where a[u].signum < 0 && !f.w2[c, u].isZero {
                    ds.add(-f.w2[c, u], times: a[u])
                    db.add(-f.w2[c, u], times: f.b1[u])
                }
                guard let s = entry(ds), let b = entry(db) else { return nil }
                slopes.append(s)
                intercepts.append(b)
            }
        }
        self.slopes = slopes
        self.intercepts = intercepts
    }

    /// Number of kinks strictly below t (binary search), tried first at `hint` (the segment of the
    /// previous row: the rows of one sequence mostly fall in one segment, and the search over a
    /// million kinks is a chain of cache misses).
    func segment(_ t: Rational, hint: Int? = nil) -> Int {
        let words = kinkWords.flatMap { w in t.smallParts.map { (w, $0) } }
        /// kinks[k] < t; a/b < n/d iff a d < n b (b, d > 0), exactly in 128 bits.
        func below(_ k: Int) -> Bool {
            guard let (kinkWords, (n, d)) = words else { return kinks[k] < t }
            return Int128(kinkWords[k].numerator) * Int128(d) < Int128(n) * Int128(kinkWords[k].denominator)
        }
        if let s = hint, s >= 0, s <= kinks.count, s == 0 || below(s - 1), s == kinks.count || !below(s) { return s }
        var lo = 0, hi = kinks.count
        if let (_, (n, d)) = words {
            // j samples below t: the kinks below t are at least those up to kink step (j - 1), and
            // kink step j (when it exists) is not below t.
            var a = 0, b = kinkSample.count
            while a < b {
                let mid = (a + b) / 2, k = kinkSample[mid]
                if Int128(k.numerator) * Int128(d) < Int128(n) * Int128(k.denominator) { a = mid + 1 } else { b = mid }
            }
            if a == 0 { return 0 }
            lo = Self.sampleStep * (a - 1) + 1
            hi = min(Self.sampleStep * a, kinks.count)
        }
        while lo < hi {
            let mid = (lo + hi) / 2
            if below(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The change slope[s] t + intercept[s] for the value t = v.x in segment `s`.
    func delta(_ t: Rational, segment s: Int) -> [Rational] {
        let row = s * written.count
        return written.indices.map { k in
            var sum = DotAccumulator(intercepts[row + k])
            sum.add(slopes[row + k], times: t)
            return sum.value
        }
    }

    /// Rows in order; consecutive rows with equal t share one evaluation of the change. A row whose
    /// numbers are all in the small form is replayed on words (r x_c + slope t + intercept as one
    /// ``WordDot``) when every sum fits; otherwise with ``DotAccumulator``: the same exact values.
    func apply(_ t: inout TokenTable) {
        let w = t.width
        var lastT: Rational? = nil, change: [Rational] = []
        var out = [Rational](repeating: .zero, count: written.count)
        let residualWord = residual.integerWord
        var s = 0
        for r in 0..<t.rows {
            let base = r * w
            let x = direction.dot(t.values, base: base)
            s = segment(x, hint: s)
            if let residualWord, let (n, d) = x.smallParts,
               wordRow(segment: s, n, d, residual: residualWord, &t, base: base, &out) { continue }
            if lastT != x {
                change = delta(x, segment: s)
                lastT = x
            }
            for (k, c) in written.enumerated() {
                var sum = DotAccumulator(change[k])
                if residual == .one { sum.add(t.values[base + c]) } else { sum.add(residual, times: t.values[base + c]) }
                t.values[base + c] = sum.value
            }
        }
    }

    /// Writes r x_c + slope t + intercept (t = n / d) for every written c of the row at `base`, on
    /// words; false, with nothing written, when a number is not in the small form or a sum does not fit.
    private func wordRow(segment s: Int, _ n: Int64, _ d: Int64, residual r: Int64, _ t: inout TokenTable, base: Int,
                         _ out: inout [Rational]) -> Bool {
        let row = s * written.count
        for k in written.indices {
            guard let (xn, xd) = t.values[base + written[k]].smallParts,
                  let (sn, sd) = slopes[row + k].smallParts, let (bn, bd) = intercepts[row + k].smallParts else { return false }
            let (pn, o1) = sn.multipliedReportingOverflow(by: n), (pd, o2) = sd.multipliedReportingOverflow(by: d)
            var sum = WordDot()
            guard !o1, !o2, sum.add(r, numerator: xn, denominator: xd), sum.add(1, numerator: bn, denominator: bd),
                  sum.add(1, numerator: pn, denominator: pd), let v = sum.value else { return false }
            out[k] = v
        }
        for k in written.indices { t.values[base + written[k]] = out[k] }
        return true
    }
}

/// A table entry summed term by term, reduced every 64 terms so that its size stays that of the true
/// partial sums; nil once a partial sum passes ``RankOneFeedForward/maxTableBits`` (then no more work
/// is done on it). One kink may switch a million units, so a single sum must be bounded, not only the
/// entries.
struct TableSum {
    private var sum = DotAccumulator()
    private var terms = 0
    private var tooLarge = false

    init() {}
    init(_ start: Rational) { sum.add(start) }

    mutating func add(_ x: Rational) { add(x, times: .one) }

    mutating func add(_ a: Rational, times b: Rational) {
        guard !tooLarge else { return }
        sum.add(a, times: b)
        terms += 1
        if terms == 64 {
            let partial = sum.value
            tooLarge = partial.bitLength > RankOneFeedForward.maxTableBits
            sum = DotAccumulator()
            sum.add(partial)
            terms = 0
        }
    }

    /// The sum, or nil when it (or a partial sum) has more than ``RankOneFeedForward/maxTableBits`` bits.
    var value: Rational? {
        guard !tooLarge else { return nil }
        let v = sum.value
        return v.bitLength > RankOneFeedForward.maxTableBits ? nil : v
    }
}
