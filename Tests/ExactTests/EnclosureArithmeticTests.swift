import Testing
@testable import Exact

/// Dyadic rounding and interval arithmetic against exact `Rational` arithmetic on seeded random
/// inputs (the anchor's LCG, `TestGenerator`); each failure names its seed and case.
@Suite struct EnclosureArithmeticTests {
    static let seeds: [UInt64] = [1, 2, 3, 0x5EED]

    /// One unit in the p-th bit of a nonzero dyadic d with a p-bit mantissa: 2^(top(d) - p).
    func ulp(_ d: Dyadic, bits p: Int) -> Rational { Dyadic(mantissa: BigInt(1), exponent: d.top - p).rational }

    /// A random interval around x with ends of `bits` bits (a point when x fits), as an Enclosure.
    func around(_ x: Rational, bits: Int) -> Enclosure {
        Enclosure(lower: Dyadic(x, bits: bits, .down), upper: Dyadic(x, bits: bits, .up))
    }

    @Test(arguments: seeds)
    func roundingOfRationals(seed: UInt64) {
        var g = TestGenerator(seed: seed)
        for i in 0..<400 {
            let q = g.rational(maxLimbs: 3)
            let p = 1 + g.below(130)
            let down = Dyadic(q, bits: p, .down), up = Dyadic(q, bits: p, .up)
            down.checkInvariants()
            up.checkInvariants()
            #expect(down.mantissa.bitLength <= p && up.mantissa.bitLength <= p, "seed \(seed) case \(i)")
            #expect(down.rational <= q && q <= up.rational, "seed \(seed) case \(i): \(down) <= \(q) <= \(up)")
            #expect(Dyadic.compare(down, q) == (down.rational < q ? -1 : (down.rational == q ? 0 : 1)),
                    "seed \(seed) case \(i): compare")
            if let d = Dyadic(exactly: q), d.mantissa.bitLength <= p {
                #expect(down == d && up == d, "seed \(seed) case \(i): exact value not kept")
            } else if !q.isZero {
                // Correctly rounded: the next p-bit dyadic beyond each end passes q.
                #expect(down.rational + ulp(down.isZero ? up : down, bits: p) > q, "seed \(seed) case \(i): down not the nearest")
                #expect(up.rational - ulp(up.isZero ? down : up, bits: p) < q, "seed \(seed) case \(i): up not the nearest")
            }
        }
    }

    @Test(arguments: seeds)
    func roundedOperationsBracketTheExactResult(seed: UInt64) {
        var g = TestGenerator(seed: seed)
        for i in 0..<400 {
            let p = 2 + g.below(100)
            let a = Dyadic(g.rational(maxLimbs: 2), bits: 1 + g.below(150), .down)
            var b = Dyadic(g.rational(maxLimbs: 2), bits: 1 + g.below(150), .up)
            if g.below(4) == 0 { b = b.timesPowerOfTwo(g.below(400) - 200) }
            let exactSum = a.rational + b.rational, exactProduct = a.rational * b.rational
            let s1 = Dyadic.sum(a, b, bits: p, .down), s2 = Dyadic.sum(a, b, bits: p, .up)
            #expect(s1.rational <= exactSum && exactSum <= s2.rational, "seed \(seed) case \(i): sum")
            #expect((a + b).rational == exactSum && (a - b).rational == a.rational - b.rational, "seed \(seed) case \(i): exact sum")
            #expect(Dyadic.product(a, b, bits: p, .down) == Dyadic(exactProduct, bits: p, .down), "seed \(seed) case \(i): product down")
            #expect(Dyadic.product(a, b, bits: p, .up) == Dyadic(exactProduct, bits: p, .up), "seed \(seed) case \(i): product up")
            #expect((a * b).rational == exactProduct, "seed \(seed) case \(i): exact product")
            #expect(Dyadic.compare(a, b) == (a.rational < b.rational ? -1 : (a.rational == b.rational ? 0 : 1)), "seed \(seed) case \(i): order")
            if !b.isZero, let q = try? a.rational / b.rational {
                #expect(Dyadic.quotient(a, b, bits: p, .down) == Dyadic(q, bits: p, .down), "seed \(seed) case \(i): quotient down")
                #expect(Dyadic.quotient(a, b, bits: p, .up) == Dyadic(q, bits: p, .up), "seed \(seed) case \(i): quotient up")
            }
        }
    }

    @Test(arguments: seeds)
    func intervalOperationsContainTheExactResult(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for i in 0..<300 {
            let p = 8 + g.below(120)
            let x = g.rational(maxLimbs: 2), y = g.rational(maxLimbs: 2), q = g.rational(maxLimbs: 2)
            let a = around(x, bits: 4 + g.below(60)), b = around(y, bits: 4 + g.below(60))
            let results: [(String, Enclosure, Rational)] = [
                ("+", a.adding(b, precision: p), x + y),
                ("-", a.subtracting(b, precision: p), x - y),
                ("*", a.multiplied(by: b, precision: p), x * y),
                ("* q", a.multiplied(by: q, precision: p), x * q),
                ("* exact", a.multiplied(by: Enclosure(q), precision: p), x * q),
                ("exact +", Enclosure(q).adding(b, precision: p), q + y),
                ("neg", -a, -x),
                ("min", Enclosure.minimum(a, b, precision: p), min(x, y)),
                ("max", Enclosure.maximum(a, Enclosure(q), precision: p), max(x, q)),
                ("relu", a.relu, x.relu),
            ]
            for (name, r, exact) in results {
                r.checkInvariants()
                #expect(r.contains(exact), "seed \(seed) case \(i): \(name) of \(x), \(y), \(q) gave \(r)")
            }
            let divisions: [(String, () throws -> Enclosure, Rational?)] = [
                ("/", { try a.divided(by: b, precision: p) }, y.isZero ? nil : try x / y),
                ("/ q", { try a.divided(by: q, precision: p) }, q.isZero ? nil : try x / q),
                ("exact /", { try Enclosure(q).divided(by: b, precision: p) }, y.isZero ? nil : try q / y),
            ]
            for (name, f, exact) in divisions {
                do {
                    let r = try f()
                    r.checkInvariants()
                    if let e = exact { #expect(r.contains(e), "seed \(seed) case \(i): \(name) gave \(r)") }
                } catch EnclosureError.divisorContainsZero {
                    // Allowed only when the divisor's enclosure contains 0.
                    let divisor = name == "/ q" ? Enclosure(q) : b
                    #expect(divisor.contains(.zero), "seed \(seed) case \(i): \(name) refused a divisor without 0")
                }
            }
            // Tight: the sum's ends are the correctly rounded sums of the ends.
            if let (a1, a2) = a.interval, let (b1, b2) = b.interval, let (s1, s2) = a.adding(b, precision: p).interval {
                #expect(s1 == Dyadic(a1.rational + b1.rational, bits: p, .down) && s2 == Dyadic(a2.rational + b2.rational, bits: p, .up),
                        "seed \(seed) case \(i): sum not correctly rounded")
            }
        }
    }

    @Test func exactPointsStayExact() throws {
        let a = Enclosure(try Rational(-7, 3)), b = Enclosure(try Rational(5, 11))
        #expect(a.adding(b, precision: 64).exactValue == (try Rational(-62, 33)))
        #expect(a.subtracting(b, precision: 64).exactValue == (try Rational(-92, 33)))
        #expect(a.multiplied(by: b, precision: 64).exactValue == (try Rational(-35, 33)))
        #expect(try a.divided(by: b, precision: 64).exactValue == (try Rational(-77, 15)))
        #expect((-a).exactValue == (try Rational(7, 3)))
        #expect(Enclosure.minimum(a, b, precision: 64).exactValue == (try Rational(-7, 3)))
        #expect(try Enclosure(0).exp(precision: 64).exactValue == .one)
        #expect(Enclosure(0).erf(precision: 64).exactValue == .zero && Enclosure(0).tanh(precision: 64).exactValue == .zero)
        #expect(try Enclosure(try Rational(49, 64)).squareRoot(precision: 64).exactValue == (try Rational(7, 8)))
        #expect(try Enclosure(2).squareRoot(precision: 64).exactValue == nil)
        // An interval times the exact point 0 is exactly 0; relu of a nonpositive interval is exactly 0.
        let i = Enclosure(lower: Dyadic(-3), upper: Dyadic(5))
        #expect(i.multiplied(by: Enclosure(0), precision: 64).exactValue == .zero)
        #expect(Enclosure(lower: Dyadic(-3), upper: .zero).relu.exactValue == .zero)
        #expect(throws: EnclosureError.divisorContainsZero) { try a.divided(by: i, precision: 64) }
        #expect(throws: EnclosureError.divisorContainsZero) { try a.divided(by: Enclosure(0), precision: 64) }
    }

    @Test func threeValuedComparison() throws {
        let third = Enclosure(try Rational(1, 3))
        let around = Enclosure(lower: Dyadic(mantissa: 5, exponent: -4), upper: Dyadic(mantissa: 3, exponent: -3))
        #expect(Enclosure.compare(third, third) == .equal)
        #expect(Enclosure.compare(third, Enclosure(try Rational(1, 2))) == .less)
        #expect(Enclosure.compare(around, third) == .undecided)        // [5/16, 3/8] holds 1/3
        #expect(Enclosure.compare(around, Enclosure(1)) == .less)
        #expect(Enclosure.compare(Enclosure(1), around) == .greater)
        #expect(Enclosure.compare(around, around) == .undecided)       // intervals are never certainly equal
        // Touching ends are not a certain order.
        #expect(Enclosure.compare(around, Enclosure(try Rational(3, 8))) == .undecided)
        let half = try Rational(1, 2), oneThird = try Rational(1, 3)
        #expect(around.contains(oneThird) && !around.contains(half))
        #expect(around.meets(third) && !around.meets(Enclosure(1)))
        #expect(around.certainSign == 1 && (-around).certainSign == -1 && Enclosure(0).certainSign == 0)
        #expect(Enclosure(lower: Dyadic(-1), upper: Dyadic(1)).certainSign == nil)
        #expect(around.width(precision: 64) == Dyadic(mantissa: 1, exponent: -4))
    }
}
