import Exact

/// A bound on the exact numbers of one sequence at one point of a replay, carried from layer to layer
/// (``ValueGrowth``) so that the work estimate counts operations by the size their numbers can reach.
///
/// Every coordinate of token i is p / Q_i with |p / Q_i| < 2^magnitude, where Q_i (common to the
/// token's coordinates) has at most `token` bits and divides a Q (common to all tokens of the
/// sequence) of at most `sequence` bits. So every number has at most ``bits`` bits: its denominator
/// divides Q_i, its numerator is at most 2^magnitude Q_i.
///
/// A linear map x -> M x + c whose entries' denominators have an lcm L multiplies Q_i and Q by L
/// (``LinearBound``); attention sums tokens, whose common denominator Q (or the product of the Q_j,
/// at most n `token` bits) then enters every token, times the count it divides by. All counts in
/// bits, saturating at ``cap``.
struct ValueBound: Equatable, Sendable {
    var token: Int
    var sequence: Int
    var magnitude: Int

    /// Every bit count saturates here (far past any bit limit).
    static let cap = 1 << 40
    /// The magnitude of zero (no term).
    static let none = -(1 << 40)

    init(token: Int, sequence: Int, magnitude: Int) {
        self.token = Self.clamp(token)
        self.sequence = Self.clamp(max(sequence, token))
        self.magnitude = max(min(magnitude, Self.cap), Self.none)
    }

    /// The most bits a numerator or denominator can have.
    var bits: Int { Self.clamp(token + max(magnitude, 0)) }

    /// The bits of a common denominator of all tokens of a sequence of `n` tokens: Q, or the product
    /// of the n tokens' Q_i.
    func mixed(n: Int) -> Int { min(sequence, Self.product(n, token)) }

    static func clamp(_ x: Int) -> Int { min(max(x, 0), cap) }

    static func sum(_ xs: Int...) -> Int { clamp(xs.reduce(0) { WorkEstimate.add($0, $1) }) }

    static func product(_ a: Int, _ b: Int) -> Int { clamp(WorkEstimate.multiply(a, b)) }

    /// A bound on log2 |x|: |x| < 2^magnitude(x) (``none`` for 0).
    static func magnitude(_ x: Rational) -> Int {
        if let (n, d) = x.smallParts { return magnitude(numerator: n, denominator: d) }
        return x.isZero ? none : x.numerator.bitLength - x.denominator.bitLength + 1
    }

    /// The same for n / d in the small form (d > 0), from the words.
    static func magnitude(numerator n: Int64, denominator d: Int64) -> Int {
        n == 0 ? none : (Int64.bitWidth - n.magnitude.leadingZeroBitCount) - (Int64.bitWidth - d.leadingZeroBitCount) + 1
    }

    /// The bits of a denominator.
    static func denominatorBits(_ x: Rational) -> Int { x.isInteger ? 0 : x.denominator.bitLength }

    /// Bits of n (a bound on log2 n).
    static func bits(of n: Int) -> Int { Int.bitWidth - max(n, 0).leadingZeroBitCount }

    /// A bound on the bits of lcm(1, ..., n): exact up to 4096, then 1.5 n + 1 (Rosser and Schoenfeld:
    /// psi(n) < 1.03883 n, so log2 lcm(1..n) < 1.4988 n).
    static func countLcmBits(_ n: Int) -> Int {
        guard n > 1 else { return 0 }
        guard n <= 4096 else { return product(n, 3) / 2 + 1 }
        var lcm = DenominatorBound()
        for k in 2...n { lcm.add(denominator: BigInt(k)) }
        return lcm.bits
    }
}

/// What a linear map x -> M x + c does to a ``ValueBound``, from its entries alone: the bits of the
/// lcm of all denominators (``DenominatorBound``), and the gain: log2 of the largest row sum of
/// |entries| is below max over rows of (largest magnitude + bits of the row's non-zeros).
struct LinearBound: Sendable {
    var denominatorBits = 0
    var gain = ValueBound.none
    var biasMagnitude = ValueBound.none
    /// The most non-zeros of a row.
    var terms = 0

    init() {}

    /// Rows of `entries` (row-major, `columns` wide) and the bias `bias` (empty: none).
    init(entries: [Rational], columns: Int, bias: [Rational]) {
        var lcm = DenominatorBound()
        var row = 0
        while row * columns < entries.count, columns > 0 {
            var largest = ValueBound.none, count = 0
            for x in entries[(row * columns)..<((row + 1) * columns)] where !x.isZero {
                count += 1
                largest = max(largest, ValueBound.magnitude(x))
                lcm.add(x)
            }
            if count > 0 { gain = max(gain, largest + ValueBound.bits(of: count)) }
            terms = max(terms, count)
            row += 1
        }
        for b in bias where !b.isZero {
            biasMagnitude = max(biasMagnitude, ValueBound.magnitude(b))
            lcm.add(b)
        }
        denominatorBits = lcm.bits
    }

    /// y = M x + c for x within `v`.
    func apply(_ v: ValueBound) -> ValueBound {
        ValueBound(token: ValueBound.sum(v.token, denominatorBits), sequence: ValueBound.sum(v.sequence, denominatorBits),
                   magnitude: max(gain == ValueBound.none ? ValueBound.none : v.magnitude + gain, biasMagnitude) + 1)
    }
}
