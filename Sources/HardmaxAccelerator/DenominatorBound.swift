import Exact

/// An upper bound on the bits of the lcm of denominators, built one denominator at a time: what a
/// sum of terms with these denominators can need as its common denominator.
///
/// Sound and cheap: powers of two enter as the largest one (so dyadic numbers, what floats become,
/// cost what their largest denominator does); odd parts of one word enter the lcm exactly (a word
/// gcd while the lcm fits in a word, then a remainder by one word) until it passes ``exactCap`` bits;
/// larger odd parts, and every odd part past the cap, add their bits (lcm(a, b) <= a b). So small
/// denominators shared across a matrix (1/3, 2/9, 5/6, 1/10^6) cost little, and distinct 20000-bit
/// denominators count as their sum.
/// - Complexity: O(exactCap / 64) word steps per denominator.
struct DenominatorBound {
    private var twos = 0
    /// The exact lcm of the word-sized odd parts while it fits in an `Int`.
    private var small = 1
    /// The exact lcm once it passes `Int`, until ``exactCap`` bits.
    private var big: BigInt? = nil
    /// Bits added as a product: odd parts of more than one word, and every odd part past the cap.
    private var extra = 0

    /// Where the exact lcm stops (2^16 bits, 1024 words).
    static let exactCap = 1 << 16

    init() {}

    mutating func add(_ x: Rational) {
        if !x.isInteger { add(denominator: x.denominator) }
    }

    mutating func add<S: Sequence>(_ xs: S) where S.Element == Rational {
        for x in xs { add(x) }
    }

    mutating func add(denominator d: BigInt) {
        if let v = d.intValue {
            add(word: v)
            return
        }
        let z = d.trailingZeroBitCount
        twos = max(twos, z)
        let odd = d >> z
        if let v = odd.intValue { add(word: v) } else { extra = WorkEstimate.add(extra, odd.bitLength) }
    }

    /// Adds a bound of `bits` bits on a number that multiplies the lcm (a product bound).
    mutating func add(bits: Int) { extra = WorkEstimate.add(extra, bits) }

    /// Adds a denominator that fits a word (v >= 1).
    mutating func add(word v: Int) {
        guard v > 1 else { return }
        let z = v.trailingZeroBitCount
        twos = max(twos, z)
        let odd = v >> z
        guard odd > 1 else { return }
        if let b = big {
            guard b.bitLength <= Self.exactCap else { extra = WorkEstimate.add(extra, Int.bitWidth - odd.leadingZeroBitCount); return }
            let o = BigInt(odd)
            let r = (b % o).intValue ?? 0
            if r == 0 { return }
            let g = Int.gcd(r, odd)
            big = b * BigInt(odd / g)
            return
        }
        if small % odd == 0 { return }
        let g = Int.gcd(small, odd)
        let factor = odd / g
        let (p, overflow) = small.multipliedReportingOverflow(by: factor)
        if overflow { big = BigInt(small) * BigInt(factor) } else { small = p }
    }

    /// The bits of the bound (0 for denominators that are all 1).
    var bits: Int {
        let exact = big?.bitLength ?? (small == 1 ? 0 : Int.bitWidth - small.leadingZeroBitCount)
        return WorkEstimate.add(WorkEstimate.add(exact, twos), extra)
    }
}
