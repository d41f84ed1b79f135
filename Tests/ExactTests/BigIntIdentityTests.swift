import Testing
@testable import Exact

/// Randomised algebraic identities over sizes 1...200 limbs, seeded with the anchor's LCG.
/// Each failure message names the seed and case index so it can be replayed.
@Suite struct BigIntIdentityTests {
    static let seeds: [UInt64] = [1, 2, 3, 0x5EED]

    /// Sizes to exercise: every size up to 12, then a spread up to 200.
    static let sizes = Array(0...12) + [15, 16, 17, 31, 32, 33, 39, 40, 41, 63, 64, 65, 80, 100, 127, 150, 200]

    @Test(arguments: seeds)
    func additionAndSubtraction(seed: UInt64) {
        var g = TestGenerator(seed: seed)
        for (i, n) in BigIntIdentityTests.sizes.enumerated() {
            let a = g.bigInt(limbs: n), b = g.bigInt(limbs: g.below(n + 2))
            let s = a + b
            s.checkInvariants()
            #expect(s - b == a, "seed \(seed) case \(i): (a+b)-b")
            #expect(s == b + a, "seed \(seed) case \(i): commutative")
            #expect(a - a == 0, "seed \(seed) case \(i): a-a")
            var c = a
            c += b
            #expect(c == s, "seed \(seed) case \(i): +=")
            c -= b
            #expect(c == a, "seed \(seed) case \(i): -=")
            #expect(-(-a) == a && (a + (-a)).isZero, "seed \(seed) case \(i): negation")
        }
    }

    @Test(arguments: seeds)
    func multiplicationAndDivision(seed: UInt64) {
        var g = TestGenerator(seed: seed)
        for (i, n) in BigIntIdentityTests.sizes.enumerated() {
            let a = g.bigInt(limbs: n), b = g.nonzero(maxLimbs: max(1, n))
            let p = a * b
            p.checkInvariants()
            #expect(p == b * a, "seed \(seed) case \(i): commutative")
            let (q, r) = p.quotientAndRemainder(dividingBy: b)
            #expect(q == a && r.isZero, "seed \(seed) case \(i): (a*b)/b")
            // a = q b + r with |r| < |b| and the sign rules of truncating division.
            let (q2, r2) = a.quotientAndRemainder(dividingBy: b)
            q2.checkInvariants()
            r2.checkInvariants()
            #expect(q2 * b + r2 == a, "seed \(seed) case \(i): a = qb + r")
            #expect(r2.magnitude < b.magnitude, "seed \(seed) case \(i): |r| < |b|")
            #expect(r2.isZero || r2.signum == a.signum, "seed \(seed) case \(i): sign of r")
            #expect(q2.isZero || q2.signum == a.signum * b.signum, "seed \(seed) case \(i): sign of q")
            // Distributivity ties multiplication to addition.
            let c = g.bigInt(limbs: g.below(n + 1))
            #expect(a * (b + c) == a * b + a * c, "seed \(seed) case \(i): distributive")
        }
    }

    @Test(arguments: seeds)
    func karatsubaEqualsSchoolbook(seed: UInt64) {
        var g = TestGenerator(seed: seed)
        for (i, (an, bn)) in [(2, 2), (3, 3), (5, 4), (7, 7), (8, 3), (16, 16), (33, 17), (40, 40),
                              (64, 64), (100, 37), (129, 128), (200, 200)].enumerated() {
            let a = g.limbs(an), b = g.limbs(bn)
            var expected = [UInt64](repeating: 0, count: an + bn)
            var actual = [UInt64](repeating: 0, count: an + bn)
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    let (x, xn, y, yn) = an >= bn ? (ap, an, bp, bn) : (bp, bn, ap, an)
                    expected.withUnsafeMutableBufferPointer { r in
                        Limbs.mulSchoolbook(r.baseAddress!, x.baseAddress!, xn, y.baseAddress!, yn)
                    }
                    for threshold in [2, 3, 4, 8] {
                        let s = Limbs.mulScratchCount(an, bn, threshold: threshold)
                        var scratch = [UInt64](repeating: 0xDEAD, count: s)
                        actual.withUnsafeMutableBufferPointer { r in
                            scratch.withUnsafeMutableBufferPointer { sp in
                                Limbs.mul(r.baseAddress!, ap.baseAddress!, an, bp.baseAddress!, bn,
                                          scratch: sp.baseAddress!, threshold: threshold)
                            }
                        }
                        #expect(actual == expected, "seed \(seed) case \(i) (\(an)x\(bn)) threshold \(threshold)")
                    }
                }
            }
        }
    }

    @Test(arguments: seeds)
    func gcdProperties(seed: UInt64) {
        var g = TestGenerator(seed: seed)
        for (i, n) in BigIntIdentityTests.sizes.enumerated() where n <= 64 {
            let common = g.bigInt(limbs: g.below(3))
            let a = g.bigInt(limbs: n) * common, b = g.bigInt(limbs: g.below(n + 2)) * common
            let d = BigInt.gcd(a, b)
            d.checkInvariants()
            #expect(d.signum >= 0, "seed \(seed) case \(i): gcd >= 0")
            if d.isZero {
                #expect(a.isZero && b.isZero, "seed \(seed) case \(i): gcd 0 only for 0, 0")
                continue
            }
            #expect((a % d).isZero && (b % d).isZero, "seed \(seed) case \(i): gcd divides both")
            #expect(BigInt.gcd(a / d, b / d) == 1, "seed \(seed) case \(i): cofactors coprime")
            #expect((common.isZero || (d % common).isZero), "seed \(seed) case \(i): common factor kept")
            // Lehmer and binary agree.
            if a.limbCount >= 2 && b.limbCount >= 2 {
                let am = a.magnitudeLimbs, bm = b.magnitudeLimbs
                var r1 = [UInt64](repeating: 0, count: max(am.count, bm.count))
                var r2 = r1
                let c1 = Limbs.gcd(&r1, am, am.count, bm, bm.count, method: .lehmer)
                let c2 = Limbs.gcd(&r2, am, am.count, bm, bm.count, method: .binary)
                #expect(Array(r1[..<c1]) == Array(r2[..<c2]), "seed \(seed) case \(i): Lehmer = binary")
            }
        }
    }

    @Test(arguments: seeds)
    func decimalRoundTripAndShifts(seed: UInt64) {
        var g = TestGenerator(seed: seed)
        for (i, n) in BigIntIdentityTests.sizes.enumerated() {
            let a = g.bigInt(limbs: n)
            let text = a.description
            #expect(BigInt(decimal: text) == a, "seed \(seed) case \(i): decimal round trip")
            #expect(text.first != "0" || text == "0", "seed \(seed) case \(i): no leading zero")
            let k = g.below(300)
            #expect((a << k) >> k == a, "seed \(seed) case \(i): shift round trip")
            #expect(a << k == a * BigInt(2).power(k), "seed \(seed) case \(i): << is * 2^k")
            // >> is floor division by 2^k.
            let p = BigInt(2).power(k)
            let (q, r) = a.quotientAndRemainder(dividingBy: p)
            let floor = r.signum < 0 ? q - 1 : q
            #expect(a >> k == floor, "seed \(seed) case \(i): >> is floor")
            #expect(a.isZero || (BigInt(1) << (a.bitLength - 1) <= a.magnitude && a.magnitude < BigInt(1) << a.bitLength),
                    "seed \(seed) case \(i): bitLength")
        }
    }

    @Test func longDecimalRoundTrip() {
        // 3^40000 has 19085 digits: exercises the divide-and-conquer conversions both ways.
        let x = BigInt(3).power(40000)
        let text = x.description
        #expect(text.count == 19085)
        #expect(BigInt(decimal: text) == x)
        let y = -(x * x + 1)
        #expect(BigInt(decimal: y.description) == y)
        // A string of nines is 10^n - 1.
        let nines = String(repeating: "9", count: 5000)
        #expect(BigInt(decimal: nines) == BigInt(10).power(5000) - 1)
        #expect((BigInt(10).power(5000) - 1).description == nines)
    }
}
