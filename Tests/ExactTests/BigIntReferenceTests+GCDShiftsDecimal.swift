import Testing
@testable import Exact

/// gcd, shifts and decimal text of `BigInt` against the reference (thresholds: see
/// `BigIntReferenceTests`).
extension BigIntReferenceTests {
    /// The reference gcd (Euclid) is quadratic with a large constant in a debug build, so it
    /// judges small operands directly: every gcd path (words, word against limbs, Lehmer from
    /// two limbs) in both argument orders, with common factors of 0 to 3 limbs; operands of
    /// up to 70 limbs in total for every pattern, up to 65 + 65 for random limbs.
    /// `gcdWithKnownAnswers` goes to hundreds of limbs.
    @Test(arguments: LimbPattern.allCases)
    func gcdAgainstEuclid(pattern: LimbPattern) {
        var g = TestGenerator(seed: BigIntReferenceTests.seed)
        for (i, (an, bn)) in BigIntReferenceTests.pairs.enumerated() where an + bn <= 70 || (pattern == .random && max(an, bn) <= 65) {
            let (a0, b0, text) = operands(&g, i, pattern, signs: i)
            let cn = i % 4
            let c = cn == 0 ? ReferenceInteger(1) : g.reference(limbs: cn, .random, negative: false)
            let (a, b) = (a0 * c, b0 * c)
            let expected = ReferenceInteger(negative: false, magnitude: ReferenceNatural.gcd(a.magnitude, b.magnitude))
            let (x, y) = (BigInt(reference: a), BigInt(reference: b))
            let what = "\(text), common factor of \(cn) limbs"
            expectSame(BigInt.gcd(x, y), expected, "\(what): gcd(a, b)")
            expectSame(BigInt.gcd(y, x), expected, "\(what): gcd(b, a)")
            expectSame(BigInt.gcd(x, 0), -a < a ? a : -a, "\(what): gcd(a, 0)")
            expectSame(BigInt.gcd(0, y), -b < b ? b : -b, "\(what): gcd(0, b)")
            expectSame(BigInt.gcd(x, -x), -a < a ? a : -a, "\(what): gcd(a, -a)")
            let w = ReferenceInteger(negative: false, magnitude: ReferenceNatural(g.word() | 1 << 63))
            expectSame(BigInt.gcd(x, BigInt(reference: w)), ReferenceInteger(negative: false, magnitude: ReferenceNatural.gcd(a.magnitude, w.magnitude)),
                       "\(what): gcd(a, one-limb \(w.decimal))")
        }
    }

    /// Larger operands with the gcd known by construction: gcd(g x, g (k x + 1)) = |g| because
    /// k x + 1 and x are coprime; and consecutive Fibonacci numbers (every Euclid quotient is 1,
    /// the slowest case for Lehmer's leading-digit steps) times a common factor.
    @Test func gcdWithKnownAnswers() {
        var gen = TestGenerator(seed: BigIntReferenceTests.seed)
        for (i, (gn, xn, kn)) in [(1, 600, 1), (300, 300, 1), (2, 300, 300), (33, 2, 600), (64, 64, 64), (600, 1, 1), (31, 280, 33)].enumerated() {
            for pattern in LimbPattern.allCases {
                let gg = gen.reference(limbs: gn, pattern, negative: i % 2 == 0)
                let x = gen.reference(limbs: xn, .random, negative: i % 3 == 0)
                let k = gen.reference(limbs: kn, pattern, negative: false)
                let (a, b) = (gg * x, gg * (k * x + ReferenceInteger(1)))
                let text = "seed \(BigIntReferenceTests.seed) case \(i): g \(gn) limbs \(pattern), x \(xn) limbs, k \(kn) limbs"
                expectSame(BigInt.gcd(BigInt(reference: a), BigInt(reference: b)), ReferenceInteger(negative: false, magnitude: gg.magnitude), "\(text): gcd(g x, g (k x + 1))")
                expectSame(BigInt.gcd(BigInt(reference: b), BigInt(reference: a)), ReferenceInteger(negative: false, magnitude: gg.magnitude), "\(text): gcd(g (k x + 1), g x)")
            }
        }
        var (f0, f1) = (ReferenceNatural(0), ReferenceNatural(1))
        var n = 1
        for target in [2, 33, 100] {
            while f1.limbs.count < target {
                (f0, f1) = (f1, f0 + f1)
                n += 1
            }
            for gn in [0, 1, 33] {
                let gg = gn == 0 ? ReferenceNatural(1) : ReferenceNatural(limbs: gen.limbs(gn, .random))
                let (x, y) = (BigInt(reference: ReferenceInteger(negative: false, magnitude: gg * f1)), BigInt(reference: ReferenceInteger(negative: true, magnitude: gg * f0)))
                expectSame(BigInt.gcd(x, y), ReferenceInteger(negative: false, magnitude: gg), "gcd(F(\(n)) g, -F(\(n - 1)) g) with g of \(gn) limbs")
            }
        }
    }

    /// << and >> by whole limbs, within a limb and across both, for both signs; a negative
    /// count shifts the other way; >> floors.
    @Test(arguments: LimbPattern.allCases)
    func shifts(pattern: LimbPattern) {
        var g = TestGenerator(seed: BigIntReferenceTests.seed)
        let counts = [0, 1, 2, 31, 32, 33, 62, 63, 64, 65, 127, 128, 129, 1000, 64 * 600 - 1, 64 * 600, 64 * 601 + 3]
        for n in [0] + BigIntReferenceTests.sizes {
            for negative in [false, true] {
                let a = g.reference(limbs: n, pattern, negative: negative)
                let x = BigInt(reference: a)
                for k in counts + [g.below(64 * n + 130)] {
                    let text = "seed \(BigIntReferenceTests.seed): \(n) limbs \(pattern) negative \(negative), shift \(k)"
                    expectSame(x << k, a.shiftedLeft(k), "\(text): <<")
                    expectSame(x >> k, a.shiftedRight(k), "\(text): >>")
                    expectSame(x << -k, a.shiftedRight(k), "\(text): << -k")
                    expectSame(x >> -k, a.shiftedLeft(k), "\(text): >> -k")
                }
            }
        }
        // Small values at the inline fast path's edges.
        for v in [1, -1, 3, -3, Int64.max, Int64.min, 1 << 62, -(1 << 62)] as [Int64] {
            for k in [0, 1, 62, 63, 64, 65] {
                expectSame(BigInt(v) << k, ReferenceInteger(v).shiftedLeft(k), "\(v) << \(k)")
                expectSame(BigInt(v) >> k, ReferenceInteger(v).shiftedRight(k), "\(v) >> \(k)")
            }
        }
    }

    /// Decimal text both ways against repeated division by 10^9, around the 32-limb and
    /// 608-digit splits, and at powers of ten next to the divide-and-conquer powers 10^(19 * 2^k).
    @Test(arguments: LimbPattern.allCases)
    func decimalText(pattern: LimbPattern) {
        var g = TestGenerator(seed: BigIntReferenceTests.seed)
        for n in BigIntReferenceTests.sizes {
            for negative in [false, true] {
                let a = g.reference(limbs: n, pattern, negative: negative)
                let text = "seed \(BigIntReferenceTests.seed): \(n) limbs \(pattern) negative \(negative)"
                let x = BigInt(reference: a)
                let expected = a.decimal
                #expect(x.description == expected, "\(text): description")
                let parsed = BigInt(decimal: expected)
                #expect(parsed.map(ReferenceInteger.init(exact:)) == a, "\(text): parsing")
                let padded = (negative ? "-" : "") + String(repeating: "0", count: 1 + g.below(40)) + expected.drop { $0 == "-" }
                #expect(BigInt(decimal: padded).map(ReferenceInteger.init(exact:)) == a, "\(text): parsing with leading zeros")
            }
        }
        guard pattern == .random else { return }
        for e in [1, 18, 19, 20, 38, 39, 76, 77, 152, 304, 607, 608, 609, 616, 617, 618, 1216, 1217, 2432, 4864] {
            let power = "1" + String(repeating: "0", count: e), nines = String(repeating: "9", count: e)
            let ten = ReferenceNatural(decimal: power)!
            let cases = [(ten, power), (ten - ReferenceNatural(1), nines),
                         (ten + ReferenceNatural(1), "1" + String(repeating: "0", count: e - 1) + "1")]
            for (v, digits) in cases {
                for negative in [false, true] {
                    let r = ReferenceInteger(negative: negative, magnitude: v), s = (negative ? "-" : "") + digits
                    #expect(BigInt(reference: r).description == s, "description of \(s.prefix(3))... (10^\(e) neighbour, \(digits.count) digits)")
                    #expect(BigInt(decimal: s).map(ReferenceInteger.init(exact:)) == r, "parsing \(s.prefix(3))... (10^\(e) neighbour)")
                }
            }
            // Zero chunks inside: 10^e times a random word plus a small number.
            let w = ReferenceNatural(g.word()), v = ten * w + ReferenceNatural(7)
            #expect(BigInt(reference: ReferenceInteger(negative: false, magnitude: v)).description == v.decimal, "description of w 10^\(e) + 7")
        }
        #expect(BigInt(decimal: "-0").map(ReferenceInteger.init(exact:)) == ReferenceInteger(0) && BigInt(decimal: "-000")?.isZero == true)
    }
}
