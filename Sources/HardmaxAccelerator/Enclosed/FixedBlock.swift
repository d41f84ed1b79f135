import Exact

/// Intervals in block fixed point: the k-th is [(mid_k - rad_k) / 2, (mid_k + rad_k) / 2] 2^exponent,
/// with integers |mid_k|, rad_k <= 2^58 sharing one exponent. A product of two such intervals lies in
/// (A B +- (|A| Rb + Ra |B| + Ra Rb)) / 4 (A, B the doubled midpoints, Ra, Rb the doubled radii), exact
/// in 128-bit integers without a branch on signs, and 128 products add up exactly (``ExactSum``).
/// Built from ``Interval64``s by rounding each end outward, so each interval still holds the value it
/// came from; the largest end keeps 57 bits, smaller ones fewer.
struct FixedBlock: Sendable {
    /// lower + upper of each interval, in units of 2^exponent.
    var mid: [Int64]
    /// upper - lower (>= 0).
    var rad: [Int64]
    let exponent: Int

    /// Bits of the largest end: |A|, R <= 2^58, so 128 * 3 * 2^116 < 2^125.
    static let bits = 57

    init(_ values: [Interval64]) {
        var top = Int.min
        for v in values { top = max(top, v.lower.top, v.upper.top) }
        let e = top == Int.min ? 0 : top - FixedBlock.bits
        exponent = e
        var mid = [Int64](repeating: 0, count: values.count), rad = mid
        for (k, v) in values.enumerated() {
            let (l, h) = (v.lower.fixedPoint(exponent: e, .down), v.upper.fixedPoint(exponent: e, .up))
            (mid[k], rad[k]) = (l + h, h - l)
        }
        (self.mid, self.rad) = (mid, rad)
    }

    /// The intervals [lower_k, upper_k] 2^exponent, for |lower_k|, |upper_k| <= 2^57.
    init(lower: [Int64], upper: [Int64], exponent: Int) {
        self.exponent = exponent
        mid = zip(lower, upper).map { $0 + $1 }
        rad = zip(lower, upper).map { $1 - $0 }
    }

    /// sum_k a_(i + k sa) b_(j + k sb) over k < count, exactly until rounded once per 128 terms.
    @inline(__always)
    func dot(from i: Int, stride sa: Int, _ b: FixedBlock, from j: Int, stride sb: Int, count: Int) -> Interval64 {
        withEnds(b) { am, ar, bm, br in
            ExactSum.sum(count: count, exponent: exponent + b.exponent) { k in
                let (x, y) = (i + k * sa, j + k * sb)
                return (am[x], ar[x], bm[y], br[y])
            }
        }
    }

    /// The ends of sum_k a_(i + k) b_(j + k) over k < count <= 128, exactly, in units of
    /// 2^(exponent + b.exponent - 2).
    @inline(__always)
    func exactDot(from i: Int, _ b: FixedBlock, from j: Int, count: Int) -> (lower: Int128, upper: Int128) {
        precondition(count <= ExactSum.exactTerms, "FixedBlock: more terms than an exact sum holds")
        return withEnds(b) { am, ar, bm, br in
            var (mid, rad): (Int128, Int128) = (0, 0)
            for k in 0..<count { ExactSum.addProduct(am[i + k], ar[i + k], bm[j + k], br[j + k], &mid, &rad) }
            return (mid &- rad, mid &+ rad)
        }
    }

    /// sum_k a_(start + k) b_(offset + columns[start + k]) over k < count (a sparse row times a vector).
    func dot(from start: Int, count: Int, _ b: FixedBlock, at offset: Int, columns: UnsafeBufferPointer<Int>) -> Interval64 {
        withEnds(b) { am, ar, bm, br in
            ExactSum.sum(count: count, exponent: exponent + b.exponent) { k in
                let (x, y) = (start + k, offset + columns[start + k])
                return (am[x], ar[x], bm[y], br[y])
            }
        }
    }

    /// `body` with the doubled midpoints and radii of this block and of `b`.
    @inline(__always)
    private func withEnds<R>(_ b: FixedBlock, _ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Int64>,
                                                      UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Int64>) -> R) -> R {
        mid.withUnsafeBufferPointer { am in rad.withUnsafeBufferPointer { ar in
            b.mid.withUnsafeBufferPointer { bm in b.rad.withUnsafeBufferPointer { br in body(am, ar, bm, br) } }
        } }
    }

    /// The sum of all the intervals.
    var sum: Interval64 {
        var (m, r): (Int128, Int128) = (0, 0)
        for k in mid.indices { (m, r) = (m + Int128(mid[k]), r + Int128(rad[k])) }
        return Interval64(lower: Dyadic64(m - r, exponent: exponent - 1, .down), upper: Dyadic64(m + r, exponent: exponent - 1, .up))
    }
}

/// Interval sums of products of ``FixedBlock`` intervals, held as 4 (sum) = mid +- rad: exact in
/// 128-bit integers for up to 128 terms, then folded into an ``Interval64`` (rounded outward).
enum ExactSum {
    /// How many products add up exactly before a fold.
    static let exactTerms = 128

    /// sum_k [A_k, Ra_k] [B_k, Rb_k] / 4 2^exponent over k < count, `term(k)` giving the doubled
    /// midpoints and radii (A_k, Ra_k, B_k, Rb_k).
    @inline(__always)
    static func sum(count: Int, exponent: Int, _ term: (Int) -> (Int64, Int64, Int64, Int64)) -> Interval64 {
        var total = Interval64.zero
        var first = 0
        repeat {
            let last = min(count, first + exactTerms)
            var (mid, rad): (Int128, Int128) = (0, 0)
            for k in first..<last {
                let (a, ra, b, rb) = term(k)
                addProduct(a, ra, b, rb, &mid, &rad)
            }
            let part = Interval64(lower: Dyadic64(mid &- rad, exponent: exponent - 2, .down),
                                  upper: Dyadic64(mid &+ rad, exponent: exponent - 2, .up))
            total = first == 0 ? part : total + part
            first = last
        } while first < count
        return total
    }

    /// (mid, rad) += [A, Ra] [B, Rb] exactly: A B, and |A| Rb + Ra (|B| + Rb) for the radius.
    @inline(__always)
    static func addProduct(_ a: Int64, _ ra: Int64, _ b: Int64, _ rb: Int64, _ mid: inout Int128, _ rad: inout Int128) {
        mid &+= product(a, b)
        rad &+= product(a.magnitude, UInt64(rb)) &+ product(UInt64(ra), b.magnitude &+ UInt64(rb))
    }

    /// a b exactly (one machine multiplication).
    @inline(__always)
    private static func product(_ a: Int64, _ b: Int64) -> Int128 {
        let (h, l) = a.multipliedFullWidth(by: b)
        return Int128(h) << 64 | Int128(l)
    }

    @inline(__always)
    private static func product(_ a: UInt64, _ b: UInt64) -> Int128 {
        let (h, l) = a.multipliedFullWidth(by: b)
        return Int128(h) << 64 | Int128(l)
    }
}
