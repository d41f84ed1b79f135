/// ln 2, pi and 2/sqrt(pi) as fixed-point enclosures: value in [lo, hi] * 2^-B, from series whose
/// every rounding and remainder is counted (so hi - lo is a few units).
///
/// The first `cachedBits` bits are computed once, on first use (a `static let`: thread-safe lazy
/// initialisation), and shortened for smaller B; larger B are computed on demand.
enum EnclosureConstants {
    /// Bits kept: enough for every kernel at the default maximum precision 4096.
    static let cachedBits = 4608

    static let cachedLn2 = computeLn2(bits: cachedBits)
    static let cachedPi = computePi(bits: cachedBits)
    static let cachedTwoOverSqrtPi = computeTwoOverSqrtPi(bits: cachedBits)

    /// ln 2 in [lo, hi] * 2^-B.
    static func ln2(bits b: Int) -> (lo: BigInt, hi: BigInt) {
        b <= cachedBits ? shortened(cachedLn2, to: b) : computeLn2(bits: b)
    }

    /// pi in [lo, hi] * 2^-B.
    static func pi(bits b: Int) -> (lo: BigInt, hi: BigInt) {
        b <= cachedBits ? shortened(cachedPi, to: b) : computePi(bits: b)
    }

    /// 2 / sqrt(pi) in [lo, hi] * 2^-B.
    static func twoOverSqrtPi(bits b: Int) -> (lo: BigInt, hi: BigInt) {
        b <= cachedBits ? shortened(cachedTwoOverSqrtPi, to: b) : computeTwoOverSqrtPi(bits: b)
    }

    /// [lo, hi] * 2^-cachedBits as [floor, ceil] at b bits.
    static func shortened(_ c: (lo: BigInt, hi: BigInt), to b: Int) -> (lo: BigInt, hi: BigInt) {
        let k = cachedBits - b
        return (c.lo >> k, FixedPoint.ceilShift(c.hi, k))
    }

    /// The series atanh(1/m) = sum 1/(j m^j) (alternating: false) or atan(1/m) = sum
    /// (-1)^((j-1)/2) / (j m^j) (alternating: true) over odd j, scaled by 2^G, for m >= 3.
    ///
    /// Returns `sum`, the signed sum of floor(2^G / (j m^j)) over the K = `terms` odd j with
    /// floor(2^G / m^j) > 0, and then 2^G * series lies in (sum - K - 2, sum + K + 2):
    /// - each term is one floor of its exact value (nested floors: floor(floor(a / b) / c) =
    ///   floor(a / (b c)) for a >= 0, b, c >= 1), so the K floors lose less than K in all;
    /// - the remainder after the last term starts at the first j with 2^G / m^j < 1: for atan
    ///   it alternates with decreasing terms, so it is below that term, < 1; for atanh it is
    ///   below (2^G / m^j) (1 + 1/m^2 + 1/m^4 + ...) <= 9/8.
    /// - Complexity: about G / (2 log2 m) divisions of a G-bit number by a word.
    static func arcSeries(_ m: Int, alternating: Bool, fractionBits g: Int) -> (sum: BigInt, terms: Int) {
        let m2 = BigInt(m * m)
        var power = (BigInt(1) << g) / BigInt(m)
        var sum = BigInt.zero
        var j = 1
        var terms = 0
        while !power.isZero {
            let term = power / BigInt(j)
            if alternating && terms & 1 == 1 { sum -= term } else { sum += term }
            terms += 1
            j += 2
            power = power / m2
        }
        return (sum, terms)
    }

    /// ln 2 = 2 atanh(1/3), 32 guard bits, then outward to B bits.
    static func computeLn2(bits b: Int) -> (lo: BigInt, hi: BigInt) {
        let g = b + 32
        let (s, k) = arcSeries(3, alternating: false, fractionBits: g)
        let err = BigInt(k + 2)
        return ((BigInt(2) * (s - err)) >> 32, FixedPoint.ceilShift(BigInt(2) * (s + err), 32))
    }

    /// pi = 16 atan(1/5) - 4 atan(1/239) (Machin), 32 guard bits, then outward to B bits.
    static func computePi(bits b: Int) -> (lo: BigInt, hi: BigInt) {
        let g = b + 32
        let (s5, k5) = arcSeries(5, alternating: true, fractionBits: g)
        let (s239, k239) = arcSeries(239, alternating: true, fractionBits: g)
        let mid = BigInt(16) * s5 - BigInt(4) * s239
        let err = BigInt(16 * (k5 + 2) + 4 * (k239 + 2))
        return ((mid - err) >> 32, FixedPoint.ceilShift(mid + err, 32))
    }

    /// 2 / sqrt(pi) = sqrt(4 / pi): with pi in [P1, P2] * 2^-G,
    ///   (2 / sqrt(pi)) * 2^B lies in [isqrt(floor(2^(2B+G+2) / P2)), ceil-sqrt(ceil(2^(2B+G+2) / P1))].
    static func computeTwoOverSqrtPi(bits b: Int) -> (lo: BigInt, hi: BigInt) {
        let g = b + 32
        let (p1, p2) = pi(bits: g)
        let n = BigInt(1) << (2 * b + g + 2)
        let lo = FixedPoint.squareRoot(n / p2)
        let (q, r) = n.quotientAndRemainder(dividingBy: p1)
        let top = r.isZero ? q : q + BigInt(1)
        let root = FixedPoint.squareRoot(top)
        return (lo, root * root == top ? root : root + BigInt(1))
    }
}
