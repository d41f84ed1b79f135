import Testing
@testable import Exact

/// Differential tests: `BigInt` against the schoolbook reference in `Reference/`, at sizes
/// that straddle every size where `Exact` changes method:
///
/// - representation: inline `Int64` below 2^63 in magnitude, heap limbs above (one-limb heap
///   values between 2^63 and 2^64);
/// - multiplication: one-limb factor (`mul1`); schoolbook while the shorter factor has fewer
///   than `Limbs.karatsubaThreshold` = 32 limbs; Karatsuba from 32, nested from 63 (halves of
///   32); unbalanced products in chunks of the shorter size, the last chunk possibly below 32;
/// - division: dividend below divisor; one-limb divisor (`divRem1` with the Möller-Granlund
///   reciprocal, shifted or already normalised); Knuth's Algorithm D from two limbs, with the
///   reciprocal estimate, the qhat = 2^64 - 1 branch and the rare add-back step;
/// - gcd: words (binary); one limb against many (one remainder, then words); Lehmer from two
///   limbs, with its full division step when the leading digits make no progress;
/// - decimal: quadratic up to `DecimalRadix.splitLimbs` = 32 limbs (text) and 19 * 32 = 608
///   digits (parsing), divide and conquer by 10^(19 * 2^k) above;
/// - shifts: inline fast path below 63 bits, whole-limb and in-limb parts, floor for negatives.
///
/// Failure messages name the seed, case, sizes, patterns and signs; the values replay from them.
@Suite struct BigIntReferenceTests {
    static let seed: UInt64 = 0x5EED_2011

    /// Limb counts: 1-3, each side of 32 (Karatsuba, decimal), 63-65 (nested Karatsuba), hundreds.
    static let sizes = [1, 2, 3, 31, 32, 33, 63, 64, 65, 300, 600]

    /// Operand limb counts: balanced, then unbalanced both ways across the thresholds.
    static let pairs: [(Int, Int)] = sizes.map { ($0, $0) } + [
        (2, 1), (1, 2), (3, 2), (33, 31), (31, 33), (64, 63), (65, 33), (100, 32), (97, 40),
        (600, 1), (1, 600), (600, 2), (600, 31), (600, 33), (33, 600), (300, 64), (600, 300), (300, 600),
    ]

    /// Checks the invariants of an `Exact` result and that it equals the reference value; the
    /// message shows both values when they are short (long ones replay from the message).
    func expectSame(_ exact: BigInt, _ reference: ReferenceInteger, _ what: @autoclosure () -> String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        exact.checkInvariants()
        let agrees = ReferenceInteger(exact: exact) == reference
        let shown = exact.bitLength <= 256 && reference.magnitude.digits.count <= 8
        #expect(agrees, "\(what())\(shown ? ": Exact \(exact), reference \(reference.decimal)" : "")",
                sourceLocation: sourceLocation)
    }

    /// The reference operands of case i: sizes from `pairs`, patterns p and p + i, signs from bits.
    func operands(_ g: inout TestGenerator, _ i: Int, _ pattern: LimbPattern, signs: Int)
        -> (a: ReferenceInteger, b: ReferenceInteger, text: String) {
        let (an, bn) = BigIntReferenceTests.pairs[i]
        let all = LimbPattern.allCases
        let bPattern = all[(all.firstIndex(of: pattern)! + i) % all.count]
        let a = g.reference(limbs: an, pattern, negative: signs & 1 != 0)
        let b = g.reference(limbs: bn, bPattern, negative: signs & 2 != 0)
        let text = "seed \(BigIntReferenceTests.seed) case \(i): \(an) limbs \(pattern) (negative: \(a.negative)) " +
            "with \(bn) limbs \(bPattern) (negative: \(b.negative))"
        return (a, b, text)
    }

    /// The reference against machine-word arithmetic (no `Exact`), and its own identities at
    /// multi-limb sizes: the reference must be right before it can judge.
    @Test func referenceAgreesWithMachineWords() {
        var g = TestGenerator(seed: BigIntReferenceTests.seed)
        for i in 0..<3000 {
            let x = g.edgyInt64().magnitude | (g.below(3) == 0 ? 1 << 63 : 0)
            let y = g.edgyInt64().magnitude
            let (a, b) = (ReferenceNatural(x), ReferenceNatural(y))
            let context = "case \(i): \(x), \(y)"
            let (s, o) = x.addingReportingOverflow(y)
            #expect((a + b).limbs == (o ? [s, 1] : s == 0 ? [] : [s]), "\(context): +")
            if x >= y { #expect((a - b).limbs == (x == y ? [] : [x - y]), "\(context): -") }
            let p = x.multipliedFullWidth(by: y)
            #expect(a * b == ReferenceNatural(limbs: [p.low, p.high]), "\(context): *")
            #expect((a < b) == (x < y) && (a == b) == (x == y), "\(context): <")
            #expect(a.decimal == String(x) && ReferenceNatural(decimal: String(x)) == a, "\(context): decimal")
            let k = g.below(64)
            #expect(a.shiftedRight(k) == ReferenceNatural(x >> UInt64(k)), "\(context): >> \(k)")
            #expect(a.shiftedLeft(k) == ReferenceNatural(limbs: [x << UInt64(k), k == 0 ? 0 : x >> UInt64(64 - k)]),
                    "\(context): << \(k)")
            if y != 0 {
                let (q, r) = a.quotientAndRemainder(dividingBy: b)
                #expect(q == ReferenceNatural(x / y) && r == ReferenceNatural(x % y), "\(context): /")
                var (u, v) = (x, y)
                while v != 0 { (u, v) = (v, u % v) }
                #expect(ReferenceNatural.gcd(a, b) == ReferenceNatural(u), "\(context): gcd")
            }
            let (sx, sy) = (Int64(bitPattern: x), Int64(bitPattern: y))
            if sy != 0 && !(sx == Int64.min && sy == -1) {
                let (q, r) = ReferenceInteger(sx).quotientAndRemainder(dividingBy: ReferenceInteger(sy))
                #expect(q == ReferenceInteger(sx / sy) && r == ReferenceInteger(sx % sy), "\(context): signed /")
            }
            #expect(ReferenceInteger(sx).shiftedRight(k) == ReferenceInteger(sx >> Int64(k)), "\(context): signed >>")
            #expect((ReferenceInteger(sx) < ReferenceInteger(sy)) == (sx < sy), "\(context): signed <")
        }
        // Multi-limb: division inverts multiplication, decimal text round-trips.
        for (i, (an, bn)) in [(2, 1), (7, 3), (40, 33), (65, 64)].enumerated() {
            for pattern in LimbPattern.allCases {
                let a = ReferenceNatural(limbs: g.limbs(an, pattern)), b = ReferenceNatural(limbs: g.limbs(bn, .random))
                let r = ReferenceNatural(limbs: g.limbs(bn, pattern)).quotientAndRemainder(dividingBy: b).remainder
                let (q, r2) = (a * b + r).quotientAndRemainder(dividingBy: b)
                #expect(q == a && r2 == r, "multi-limb case \(i) \(pattern): (a b + r) / b")
                #expect(ReferenceNatural(decimal: a.decimal) == a, "multi-limb case \(i) \(pattern): decimal")
                #expect(a.shiftedLeft(77).shiftedRight(77) == a, "multi-limb case \(i) \(pattern): shifts")
            }
        }
    }

    @Test(arguments: LimbPattern.allCases)
    func additionSubtractionComparison(pattern: LimbPattern) {
        var g = TestGenerator(seed: BigIntReferenceTests.seed)
        for i in BigIntReferenceTests.pairs.indices {
            for signs in 0..<4 {
                let (a, b, text) = operands(&g, i, pattern, signs: signs)
                let (x, y) = (BigInt(reference: a), BigInt(reference: b))
                expectSame(x + y, a + b, "\(text): a + b")
                expectSame(x - y, a - b, "\(text): a - b")
                expectSame(-x, -a, "\(text): -a")
                #expect((x < y) == (a < b) && (y < x) == (b < a) && (x == y) == (a == b), "\(text): compare")
                // In place: a fresh (uniquely referenced) value, and a sum with spare capacity.
                var t = BigInt(reference: a)
                t += y
                expectSame(t, a + b, "\(text): a += b")
                var u = BigInt(reference: a)
                u -= y
                expectSame(u, a - b, "\(text): a -= b")
                var w = x + y
                w -= y
                w -= y
                expectSame(w, a - b, "\(text): (a + b) -= b twice")
                var z = BigInt(reference: a)
                z += z
                expectSame(z, a + a, "\(text): a += a")
                // Neighbours: a ± 1, a built again, and a plus b three limbs up.
                let one = ReferenceInteger(1)
                for c in [a + one, a - one, a, ReferenceInteger(negative: a.negative, magnitude: a.magnitude + b.magnitude.shiftedLeft(64 * 3))] {
                    let e = BigInt(reference: c)
                    #expect((x < e) == (a < c) && (e < x) == (c < a) && (x == e) == (a == c), "\(text): compare neighbour")
                    expectSame(x - e, a - c, "\(text): a - neighbour")
                }
            }
        }
    }

    @Test(arguments: LimbPattern.allCases)
    func multiplication(pattern: LimbPattern) {
        var g = TestGenerator(seed: BigIntReferenceTests.seed)
        for i in BigIntReferenceTests.pairs.indices {
            let (a, b, text) = operands(&g, i, pattern, signs: i)
            let (x, y) = (BigInt(reference: a), BigInt(reference: b))
            expectSame(x * y, a * b, "\(text): a * b")
            var m = x
            m *= y
            expectSame(m, a * b, "\(text): a *= b")
            if BigIntReferenceTests.pairs[i].0 <= 300 { expectSame(x * x, a * a, "\(text): a * a") }
        }
    }

    @Test(arguments: LimbPattern.allCases)
    func division(pattern: LimbPattern) {
        var g = TestGenerator(seed: BigIntReferenceTests.seed)
        for i in BigIntReferenceTests.pairs.indices {
            // All four sign combinations for small operands; one (varying with i) for large ones,
            // where the reference division is slow in a debug build.
            let big = BigIntReferenceTests.pairs[i].0 + BigIntReferenceTests.pairs[i].1 > 200
            for signs in big ? [i % 4] : Array(0..<4) {
                let (a, b, text) = operands(&g, i, pattern, signs: signs)
                let (x, y) = (BigInt(reference: a), BigInt(reference: b))
                let (q, r) = x.quotientAndRemainder(dividingBy: y)
                let (rq, rr) = a.quotientAndRemainder(dividingBy: b)
                expectSame(q, rq, "\(text): quotient")
                expectSame(r, rr, "\(text): remainder")
                expectSame(x / y, rq, "\(text): /")
                expectSame(x % y, rr, "\(text): %")
                // The other way round (b / a) covers the dividend-below-divisor case.
                expectSame(y / x, b.quotientAndRemainder(dividingBy: a).quotient, "\(text): b / a")
            }
        }
    }

    /// Divisors at the one-limb and inline boundaries (the reciprocal division `divRem1`,
    /// normalised or shifted, and `Int64.min`, whose magnitude 2^63 is one normalised limb).
    @Test func divisionByWordSizedDivisors() {
        var g = TestGenerator(seed: BigIntReferenceTests.seed)
        // With both signs: -2^63 is the inline Int64.min, +2^63 a one-limb heap value.
        let words: [UInt64] = [1, 2, 3, 7, 1 << 32, UInt64(Int64.max), 1 << 63, 1 << 63 | 1,
                               10_000_000_000_000_000_000, 0xFFFF_FFFF_0000_0000, UInt64.max]
        let divisors = (words.map { [$0] } + [[0, 1], [1, 1]]).map {
            ReferenceInteger(negative: false, magnitude: ReferenceNatural(limbs: $0))
        }
        for (i, d) in divisors.enumerated() {
            for n in [1, 2, 3, 33, 600] {
                for pattern in LimbPattern.allCases {
                    let negative = g.below(2) == 0
                    let a = g.reference(limbs: n, pattern, negative: negative)
                    for dd in [d, -d] {
                        let text = "seed \(BigIntReferenceTests.seed) divisor \(i) (\(dd.decimal)): \(n) limbs \(pattern) negative \(negative)"
                        let (q, r) = BigInt(reference: a).quotientAndRemainder(dividingBy: BigInt(reference: dd))
                        let (rq, rr) = a.quotientAndRemainder(dividingBy: dd)
                        expectSame(q, rq, "\(text): quotient")
                        expectSame(r, rr, "\(text): remainder")
                    }
                }
            }
        }
    }

    /// Dividends built as q v + r by the reference, so the expected quotient and remainder are
    /// known by construction: all-ones quotients against normalised divisors reach the
    /// qhat = 2^64 - 1 branch of Algorithm D, r = v - 1 the largest remainders, and
    /// u = 2^63 B^(m-1) + 3, v = 2^61 B^(m-1) + 1 (B = 2^64, m >= 3) the add-back step.
    @Test func divisionWithKnownQuotients() {
        var g = TestGenerator(seed: BigIntReferenceTests.seed)
        let one = ReferenceNatural(1)
        for (i, (vn, qn)) in [(2, 1), (2, 5), (3, 3), (32, 2), (33, 33), (64, 300), (300, 1), (300, 300)].enumerated() {
            for vPattern in [LimbPattern.allOnes, .topBits, .highBitOnly, .random] {
                for qPattern in [LimbPattern.allOnes, .random, .highBitOnly] {
                    let v = ReferenceNatural(limbs: g.limbs(vn, vPattern)), q = ReferenceNatural(limbs: g.limbs(qn, qPattern))
                    for (k, r) in [ReferenceNatural.zero, one, v - one, v.shiftedRight(1) + one].enumerated() {
                        let text = "seed \(BigIntReferenceTests.seed) case \(i): divisor \(vn) limbs \(vPattern), quotient \(qn) limbs \(qPattern), remainder \(k)"
                        let u = ReferenceInteger(negative: k == 1, magnitude: q * v + r)
                        let (eq, er) = BigInt(reference: u).quotientAndRemainder(dividingBy: BigInt(reference: ReferenceInteger(negative: k == 2, magnitude: v)))
                        expectSame(eq, ReferenceInteger(negative: k == 1 || k == 2, magnitude: q), "\(text): quotient")
                        expectSame(er, ReferenceInteger(negative: k == 1, magnitude: r), "\(text): remainder")
                    }
                }
            }
        }
        for m in [3, 4, 33, 300] {
            let top = ReferenceNatural(1).shiftedLeft(64 * (m - 1))
            let u = top.shiftedLeft(63) + ReferenceNatural(3), v = top.shiftedLeft(61) + one
            let (eq, er) = BigInt(reference: ReferenceInteger(negative: false, magnitude: u))
                .quotientAndRemainder(dividingBy: BigInt(reference: ReferenceInteger(negative: false, magnitude: v)))
            expectSame(eq, ReferenceInteger(3), "add-back case, \(m) limbs: quotient")
            expectSame(er, ReferenceInteger(negative: false, magnitude: top.shiftedLeft(61)), "add-back case, \(m) limbs: remainder")
        }
    }
}
