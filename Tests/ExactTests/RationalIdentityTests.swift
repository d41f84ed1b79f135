import Testing
@testable import Exact

/// Randomised identities for `Rational` and `DotAccumulator`, seeded with the anchor's LCG.
@Suite struct RationalIdentityTests {
    static let seeds: [UInt64] = [1, 2, 3, 0x5EED]

    /// x as n/d computed without any `Rational` fast path: plain BigInt gcd reduction.
    func reference(_ n: BigInt, _ d: BigInt) -> (BigInt, BigInt) {
        let g = BigInt.gcd(n, d)
        var (p, q) = (n / g, d / g)
        if q.signum < 0 { (p, q) = (-p, -q) }
        return (p, q)
    }

    func same(_ x: Rational, _ r: (BigInt, BigInt)) -> Bool {
        x.numerator == r.0 && x.denominator == r.1
    }

    @Test(arguments: seeds)
    func fieldIdentities(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for i in 0..<300 {
            let maxLimbs = 1 + i % 8
            let x = g.rational(maxLimbs: maxLimbs), y = g.rational(maxLimbs: maxLimbs)
            let s = x + y, d = x - y, p = x * y
            for v in [s, d, p] { v.checkInvariants() }
            // Against the definition through BigInt (the small form must agree with it).
            let (a, b, c, e) = (x.numerator, x.denominator, y.numerator, y.denominator)
            #expect(same(s, reference(a * e + c * b, b * e)), "seed \(seed) case \(i): x + y = \(x) + \(y)")
            #expect(same(d, reference(a * e - c * b, b * e)), "seed \(seed) case \(i): x - y = \(x) - \(y)")
            #expect(same(p, reference(a * c, b * e)), "seed \(seed) case \(i): x * y = \(x) * \(y)")
            #expect(s - y == x, "seed \(seed) case \(i): (x+y)-y")
            #expect(x - x == .zero && x + (-x) == .zero, "seed \(seed) case \(i): x-x")
            if !y.isZero {
                let q = try x / y
                q.checkInvariants()
                #expect(q * y == x, "seed \(seed) case \(i): (x/y)*y")
                #expect(same(q, reference(a * e, b * c)), "seed \(seed) case \(i): x / y")
            }
            // Ordering agrees with cross-multiplication, and equality with hashing.
            #expect((x < y) == (a * e < c * b), "seed \(seed) case \(i): order of \(x), \(y)")
            #expect((x == y) == (a * e == c * b), "seed \(seed) case \(i): equality")
            #expect(min(x, y) <= max(x, y))
            // floor <= x < floor + 1, ceil - 1 < x <= ceil.
            let f = Rational(x.floor()), cl = Rational(x.ceil())
            #expect(f <= x && x < f + 1, "seed \(seed) case \(i): floor of \(x)")
            #expect(cl - 1 < x && x <= cl, "seed \(seed) case \(i): ceil of \(x)")
            #expect(x.relu == max(x, .zero), "seed \(seed) case \(i): relu")
            #expect(x.signum == x.numerator.signum)
        }
    }

    @Test(arguments: seeds)
    func smallFormBoundaries(seed: UInt64) throws {
        // Words at the Int64 edges: results must match the BigInt definition and shrink back.
        var g = TestGenerator(seed: seed)
        for i in 0..<2000 {
            let a = g.edgyInt64(), c = g.edgyInt64()
            let b = g.edgyInt64().magnitude | 1, e = UInt64(1) << UInt64(g.below(63))
            let x = try Rational(BigInt(a), BigInt(b)), y = try Rational(BigInt(c), BigInt(e))
            let (xa, xb, yc, ye) = (x.numerator, x.denominator, y.numerator, y.denominator)
            let s = x + y, p = x * y, d = x - y
            for v in [s, p, d] { v.checkInvariants() }
            #expect(same(s, reference(xa * ye + yc * xb, xb * ye)), "seed \(seed) case \(i): \(x) + \(y)")
            #expect(same(d, reference(xa * ye - yc * xb, xb * ye)), "seed \(seed) case \(i): \(x) - \(y)")
            #expect(same(p, reference(xa * yc, xb * ye)), "seed \(seed) case \(i): \(x) * \(y)")
            #expect((x < y) == (xa * ye < yc * xb), "seed \(seed) case \(i): \(x) < \(y)")
        }
        // A big intermediate whose result fits a word again is stored inline.
        let big = try Rational(BigInt(1) << 100, BigInt(3))
        let back = big - (try Rational((BigInt(1) << 100) - 3, BigInt(3)))
        #expect(back == .one && back.numerator.heap == nil && back.denominator.heap == nil)
    }

    @Test func hashingFollowsEquality() throws {
        var g = TestGenerator(seed: 9)
        for i in 0..<200 {
            let x = g.rational(maxLimbs: 4)
            let k = g.nonzero(maxLimbs: 3)
            let y = try Rational(x.numerator * k, x.denominator * k)
            #expect(x == y && x.hashValue == y.hashValue, "seed 9 case \(i)")
        }
        #expect(try Rational(2, 4).hashValue == Rational(1, 2).hashValue)
        #expect(try Rational(-2, -4) == Rational(1, 2))
    }

    @Test(arguments: seeds)
    func dotAccumulatorEqualsPlainSum(seed: UInt64) {
        var g = TestGenerator(seed: seed)
        for i in 0..<60 {
            var acc = DotAccumulator()
            var plain = Rational.zero
            let terms = g.below(40)
            let kind = g.below(4)
            for _ in 0..<terms {
                // Mixed denominators: small, dyadic, big, or shared.
                let a = kind == 0 ? g.rational(maxLimbs: 1) : g.rational(maxLimbs: 4)
                let b = g.rational(maxLimbs: kind == 3 ? 6 : 2)
                if g.below(3) == 0 {
                    acc.add(a)
                    plain = plain + a
                } else {
                    acc.add(a, times: b)
                    plain = plain + a * b
                }
            }
            let v = acc.value
            v.checkInvariants()
            #expect(v == plain, "seed \(seed) case \(i)")
            // Reading the value does not disturb the accumulator; copies are independent.
            var copy = acc
            copy.add(.one)
            #expect(acc.value == plain && copy.value == plain + .one, "seed \(seed) case \(i): value semantics")
        }
    }

    /// Word denominators whose lcm grows to many limbs, products that overflow a word, powers of
    /// two against odd words: every path of the word-factor absorption.
    @Test(arguments: seeds)
    func dotAccumulatorWordDenominators(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for i in 0..<40 {
            var acc = DotAccumulator()
            var plain = Rational.zero
            for _ in 0..<(1 + g.below(30)) {
                func word() -> BigInt {
                    switch g.below(4) {
                    case 0: return BigInt(1) << g.below(63)
                    case 1: return BigInt(1 + g.below(1000))
                    case 2: return BigInt(g.word() >> UInt64(1 + g.below(40))) + 1
                    default: return BigInt(g.word() | 1)
                    }
                }
                let a = try Rational(BigInt(g.edgyInt64()), word())
                let b = try Rational(g.bigInt(limbs: g.below(3)), word())
                acc.add(a, times: b)
                plain = plain + a * b
            }
            let v = acc.value
            v.checkInvariants()
            #expect(v == plain, "seed \(seed) case \(i)")
        }
    }

    /// Any positive starting denominator gives the same exact value; the lcm helper is the lcm.
    @Test(arguments: seeds)
    func dotAccumulatorCommonDenominator(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for i in 0..<40 {
            let x = (0..<(1 + g.below(12))).map { _ in g.rational(maxLimbs: 3) }
            let w = x.map { _ in g.rational(maxLimbs: 1) }
            let l = DotAccumulator.lcmOfDenominators(x)
            // Reference lcm by the definition lcm(a, b) = a / gcd(a, b) * b.
            var reference = BigInt(1)
            for v in x { reference = reference / BigInt.gcd(reference, v.denominator) * v.denominator }
            #expect(l == reference, "seed \(seed) case \(i): lcm")
            var plain = Rational.zero
            for k in x.indices { plain = plain + w[k] * x[k] }
            for start in [l, BigInt(1), l * 6, g.nonzero(maxLimbs: 2).magnitude] {
                var acc = DotAccumulator(commonDenominator: start)
                for k in x.indices { acc.add(w[k], times: x[k]) }
                let v = acc.value
                v.checkInvariants()
                #expect(v == plain, "seed \(seed) case \(i): start \(start)")
            }
        }
        #expect(DotAccumulator.lcmOfDenominators([Rational]()) == 1)
        #expect(DotAccumulator.lcmOfDenominators([try Rational(1, 4), try Rational(5, 6), Rational(7)]) == 12)
    }

    @Test func dotAccumulatorCancellation() throws {
        var acc = DotAccumulator()
        let x = try Rational(BigInt(1) << 200, BigInt(3).power(50))
        acc.add(x, times: x)
        acc.add(-x, times: x)
        #expect(acc.value == .zero)
        acc.add(try Rational(1, 3))
        acc.add(try Rational(1, 6))
        #expect(acc.value == (try Rational(1, 2)))
    }
}
