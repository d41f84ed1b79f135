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
        var sum = ExactSum(exponent: exponent + b.exponent)
        mid.withUnsafeBufferPointer { am in rad.withUnsafeBufferPointer { ar in
            b.mid.withUnsafeBufferPointer { bm in b.rad.withUnsafeBufferPointer { br in
                for k in 0..<count {
                    let (x, y) = (i + k * sa, j + k * sb)
                    sum.addProduct(am[x], ar[x], bm[y], br[y])
                }
            } }
        } }
        return sum.value
    }

    /// The ends of sum_k a_(i + k) b_(j + k) over k < count <= 128, exactly, in units of
    /// 2^(exponent + b.exponent - 2).
    @inline(__always)
    func exactDot(from i: Int, _ b: FixedBlock, from j: Int, count: Int) -> (lower: Int128, upper: Int128) {
        precondition(count <= ExactSum.exactTerms, "FixedBlock: more terms than an exact sum holds")
        var sum = ExactSum(exponent: exponent + b.exponent)
        mid.withUnsafeBufferPointer { am in rad.withUnsafeBufferPointer { ar in
            b.mid.withUnsafeBufferPointer { bm in b.rad.withUnsafeBufferPointer { br in
                for k in 0..<count { sum.addProduct(am[i + k], ar[i + k], bm[j + k], br[j + k]) }
            } }
        } }
        return sum.exactEnds
    }

    /// sum_k a_(start + k) b_(offset + columns[start + k]) over k < count (a sparse row times a vector).
    func dot(from start: Int, count: Int, _ b: FixedBlock, at offset: Int, columns: UnsafeBufferPointer<Int>) -> Interval64 {
        var sum = ExactSum(exponent: exponent + b.exponent)
        mid.withUnsafeBufferPointer { am in rad.withUnsafeBufferPointer { ar in
            b.mid.withUnsafeBufferPointer { bm in b.rad.withUnsafeBufferPointer { br in
                for x in start..<start + count {
                    let y = offset + columns[x]
                    sum.addProduct(am[x], ar[x], bm[y], br[y])
                }
            } }
        } }
        return sum.value
    }

    /// The sum of all the intervals.
    var sum: Interval64 {
        var (m, r): (Int128, Int128) = (0, 0)
        for k in mid.indices { (m, r) = (m + Int128(mid[k]), r + Int128(rad[k])) }
        return Interval64(lower: Dyadic64(m - r, exponent: exponent - 1, .down), upper: Dyadic64(m + r, exponent: exponent - 1, .up))
    }
}

/// An interval sum of products of ``FixedBlock`` intervals, held as 4 (sum) = mid +- rad: exact in
/// 128-bit integers for up to 128 terms, then folded into an ``Interval64`` (rounded outward).
struct ExactSum {
    private var mid: Int128 = 0
    private var rad: Int128 = 0
    private var terms = 0
    private var folded = Interval64.zero
    /// The exponent of the products' unit (the sum of the two blocks' exponents).
    let exponent: Int

    init(exponent: Int) { self.exponent = exponent }

    /// How many products add up exactly before a fold.
    static let exactTerms = 128

    /// += [A, Ra] [B, Rb] / 4 (doubled midpoints and radii), exactly.
    @inline(__always)
    mutating func addProduct(_ a: Int64, _ ra: Int64, _ b: Int64, _ rb: Int64) {
        if terms == ExactSum.exactTerms { fold() }
        mid &+= Self.product(a, b)
        rad &+= Self.product(a.magnitude, UInt64(rb)) &+ Self.product(UInt64(ra), b.magnitude &+ UInt64(rb))
        terms += 1
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

    private var tail: Interval64 {
        Interval64(lower: Dyadic64(mid &- rad, exponent: exponent - 2, .down), upper: Dyadic64(mid &+ rad, exponent: exponent - 2, .up))
    }

    private mutating func fold() {
        folded = folded + tail
        (mid, rad, terms) = (0, 0, 0)
    }

    /// The exact ends of a sum that never folded, in units of 2^(exponent - 2).
    var exactEnds: (lower: Int128, upper: Int128) { (mid &- rad, mid &+ rad) }

    /// The sum so far.
    var value: Interval64 { folded == .zero ? tail : folded + tail }
}
