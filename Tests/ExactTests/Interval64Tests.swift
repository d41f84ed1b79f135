import Testing
@testable import Exact

/// ``Dyadic64`` and ``Interval64`` against exact rational arithmetic and against ``Enclosure`` at 256
/// bits: every result holds the real value, and is as narrow as its contract says.
@Suite struct Interval64Tests {
    static let seeds: [UInt64] = [1, 2, 3, 0x5EED]

    /// A random 64-bit dyadic of either sign: a full or short significand, exponents from -200 to 200.
    func dyadic(_ g: inout TestGenerator) -> Dyadic64 {
        var m = g.word()
        if g.below(3) == 0 { m >>= UInt64(g.below(63)) }          // short significands: exact sums
        if g.below(8) == 0 { m = 1 << UInt64(g.below(64)) }         // powers of two: borrow edges
        if m == 0 { return .zero }
        let e = g.below(8) == 0 ? g.below(401) - 200 : g.below(141) - 70
        let d = Dyadic(mantissa: g.below(2) == 0 ? BigInt(m) : -BigInt(m), exponent: e)
        return Dyadic64(d, .down)
    }

    /// The next 64-bit dyadic above d (one unit in the last place).
    func nextUp(_ d: Dyadic64) -> Rational {
        d.dyadic.rational + Dyadic(mantissa: BigInt(1), exponent: d.exponent).rational
    }

    /// lower <= exact <= upper, and they are equal or adjacent 64-bit dyadics (correct directed rounding).
    func expectTight(_ lower: Dyadic64, _ upper: Dyadic64, _ exact: Rational, _ what: String) {
        let (l, u) = (lower.dyadic.rational, upper.dyadic.rational)
        #expect(l <= exact && exact <= u, "\(what): \(exact) not in [\(l), \(u)]")
        let gap = u - l
        let ulp = lower.isZero ? gap : max(Dyadic(mantissa: BigInt(1), exponent: lower.exponent).rational,
                                            Dyadic(mantissa: BigInt(1), exponent: upper.exponent).rational)
        #expect(gap <= ulp, "\(what): ends \(l), \(u) more than one unit apart")
    }

    @Test(arguments: seeds)
    func sumsProductsAndQuotientsAreCorrectlyRounded(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for i in 0..<3000 {
            let a = dyadic(&g)
            var b = dyadic(&g)
            if i % 5 == 0 { b = -Dyadic64(a.dyadic.rational == .zero ? .zero : (a.dyadic), .down) }   // cancellation
            if i % 7 == 0, !a.isZero { b = Dyadic64(Dyadic(mantissa: BigInt(g.below(1000) + 1), exponent: a.exponent - g.below(140)), .down) }
            let (x, y) = (a.dyadic.rational, b.dyadic.rational)
            expectTight(Dyadic64.sum(a, b, .down), Dyadic64.sum(a, b, .up), x + y, "seed \(seed) case \(i): \(a) + \(b)")
            expectTight(Dyadic64.difference(a, b, .down), Dyadic64.difference(a, b, .up), x - y, "seed \(seed) case \(i): \(a) - \(b)")
            expectTight(Dyadic64.product(a, b, .down), Dyadic64.product(a, b, .up), x * y, "seed \(seed) case \(i): \(a) * \(b)")
            if !b.isZero {
                expectTight(Dyadic64.quotient(a, b, .down), Dyadic64.quotient(a, b, .up), try x / y, "seed \(seed) case \(i): \(a) / \(b)")
            }
        }
    }

    @Test(arguments: seeds)
    func squareRootsAreCorrectlyRounded(seed: UInt64) {
        var g = TestGenerator(seed: seed)
        for i in 0..<2000 {
            var a = dyadic(&g).magnitude
            if i % 4 == 0 { a = Dyadic64.product(a, a, .down) }   // exact squares
            let (l, u) = (Dyadic64.squareRoot(a, .down), Dyadic64.squareRoot(a, .up))
            let x = a.dyadic.rational
            let (ll, uu) = (l.dyadic.rational, u.dyadic.rational)
            #expect(ll * ll <= x && x <= uu * uu, "seed \(seed) case \(i): sqrt(\(a)) not in [\(l), \(u)]")
            #expect(l == u || nextUp(l) == uu, "seed \(seed) case \(i): sqrt(\(a)) ends not adjacent")
        }
    }

    @Test func handPickedValues() throws {
        let three = Dyadic64(3), seven = Dyadic64(7)
        #expect(Dyadic64.sum(three, seven, .down) == Dyadic64(10))
        #expect(Dyadic64.product(three, seven, .up) == Dyadic64(21))
        #expect(Dyadic64.squareRoot(Dyadic64(49), .down) == seven)
        // 1/3 = 0.0101...: the two ends are the 64-bit dyadics around it.
        let third = Interval64(Rational(1).divided(by: 3))
        #expect(third.lower.dyadic.rational < Rational(1).divided(by: 3))
        #expect(nextUp(third.lower) == third.upper.dyadic.rational)
        // 1 + 2^-200 rounds down to 1 and up to 1 + 2^-63.
        let tiny = Dyadic64.one.timesPowerOfTwo(-200)
        #expect(Dyadic64.sum(.one, tiny, .down) == .one)
        #expect(Dyadic64.sum(.one, tiny, .up).dyadic.rational == nextUp(.one))
        // 1 - 2^-200 rounds up to 1 and down to 1 - 2^-64.
        #expect(Dyadic64.difference(.one, tiny, .up) == .one)
        #expect(Dyadic64.difference(.one, tiny, .down).dyadic.rational == Rational(1) - Dyadic(mantissa: BigInt(1), exponent: -64).rational)
        #expect(Interval64(Rational(5)).isPoint)
    }

    /// Arguments of exp: 0, tiny, the ends of the reduction (multiples of ln 2 and of 1/256), large.
    func expArguments(_ g: inout TestGenerator) -> [Rational] {
        var xs: [Rational] = [0, 1, -1, Rational(1).divided(by: 256), Rational(255).divided(by: 256), 30, -30, 700, -700, -100_000,
                              Dyadic(mantissa: BigInt(1), exponent: -90).rational, -Dyadic(mantissa: BigInt(3), exponent: -100).rational]
        // ln 2 = 0.693147180559945309417232121458...
        let ln2 = try! Rational(BigInt(693147180559945309), BigInt(1_000_000_000_000_000_000))
        for k in [-40, -3, -1, 1, 2, 17] { xs.append(ln2 * Rational(k)); xs.append(ln2 * Rational(k) + Rational(1).divided(by: 1 << 20)) }
        for _ in 0..<200 { xs.append(try! Rational(BigInt(Int64(g.below(1 << 30)) - (1 << 29)), BigInt(1 + g.below(1 << 22)))) }
        return xs
    }

    /// `fast` holds the 256-bit enclosure `reference` and (unless nil) is at most 2^-bits |value| + 2^-1000 wide.
    func expectEncloses(_ fast: Interval64, _ reference: Enclosure, relativeBits: Int?, _ what: String) {
        let f = fast.enclosure
        #expect(f.lowerBound <= reference.lowerBound && reference.upperBound <= f.upperBound,
                "\(what): \(fast) does not hold \(reference)")
        guard let relativeBits else { return }
        let magnitude = max(abs(reference.lowerBound), abs(reference.upperBound))
        let allowed = magnitude * Dyadic(mantissa: BigInt(1), exponent: -relativeBits).rational
            + Dyadic(mantissa: BigInt(1), exponent: -1000).rational
        #expect(f.upperBound - f.lowerBound <= allowed, "\(what): \(fast) wider than 2^-\(relativeBits) relative")
    }

    func width(_ a: Interval64) -> Rational { a.upper.dyadic.rational - a.lower.dyadic.rational }
    func power(_ n: Int) -> Rational { Dyadic(mantissa: BigInt(1), exponent: n).rational }

    func abs(_ q: Rational) -> Rational { q.signum < 0 ? -q : q }

    @Test(arguments: seeds)
    func expHoldsTheReferenceAndIsNarrow(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for x in expArguments(&g) {
            // Containment for x itself (an interval when x is not a 64-bit dyadic); the width, which the
            // argument's own width would dominate, at the point below x.
            let interval = Interval64(x)
            expectEncloses(try interval.exp(), try Enclosure(x).exp(precision: 256), relativeBits: nil, "exp(\(x))")
            let point = interval.lower.dyadic.rational
            expectEncloses(try Interval64(point).exp(), try Enclosure(point).exp(precision: 256),
                           relativeBits: x < -100_000 + 1 ? 0 : 60, "exp(\(point))")
        }
        #expect(throws: EnclosureError.exponentialOverflow) { try Interval64(Rational(1 << 25)).exp() }
    }

    /// exponentialOnGrid(a, b, u, F): floor(e^(a 2^u) 2^F) and ceiling(e^(b 2^u) 2^F), against 256-bit
    /// enclosures: the lower end at most e^(a 2^u) 2^F and within 4 units of it (the kernel's 2^-61
    /// relative budget is 2 units at F = 62), the upper at least e^(b 2^u) 2^F and, for a = b, within 4
    /// units; from scores at 0 down to below -2^24.
    @Test(arguments: seeds)
    func exponentialsOnAFixedPointGrid(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for i in 0..<400 {
            let u = [-110, -96, -64, -20, 0, 5][i % 6]
            let F = [56, 62, 0, 30][i % 4]
            let a = -Int128(g.word() >> UInt64(g.below(64))) * (i % 5 == 0 ? Int128(1) << 40 : 1)
            let b = i % 3 == 0 ? a : min(a + Int128(g.below(1 << 20)), 0)
            let (lo, hi) = Interval64.exponentialOnGrid(a, b, exponent: u, fractionBits: F)
            func scaled(_ v: Int128, _ direction: RoundingDirection) throws -> Enclosure {
                let x = Dyadic(mantissa: BigInt(Int64(truncatingIfNeeded: v >> 64)) * BigInt(1 << 32) * BigInt(1 << 32)
                               + BigInt(UInt64(truncatingIfNeeded: v)), exponent: u).rational
                if x < Rational(-(1 << 24)) { return Enclosure(lower: .zero, upper: Dyadic(mantissa: BigInt(1), exponent: -(1 << 20))) }
                return try Enclosure(x).exp(precision: 256).multiplied(by: Dyadic(mantissa: BigInt(1), exponent: F).rational, precision: 256)
            }
            let (ea, eb) = (try scaled(a, .down), try scaled(b, .up))
            #expect(Rational(Int(lo)) <= ea.lowerBound && ea.upperBound <= Rational(Int(lo) + 4), "case \(i): floor \(lo) against \(ea)")
            #expect(Rational(Int(hi)) >= eb.upperBound && (b != a || eb.lowerBound >= Rational(Int(hi) - 4)),
                    "case \(i): ceiling \(hi) against \(eb)")
        }
    }

    @Test func expOfAnIntervalHoldsItsEndsExps() throws {
        let a = Rational(-3).divided(by: 7), b = a + Rational(1).divided(by: 1 << 30)
        let wide = Interval64(lower: Interval64(a).lower, upper: Interval64(b).upper)
        let e = try wide.exp().enclosure
        #expect(e.lowerBound <= (try Enclosure(a).exp(precision: 256)).lowerBound)
        #expect(e.upperBound >= (try Enclosure(b).exp(precision: 256)).upperBound)
    }

    @Test(arguments: seeds)
    func erfAndTanhHoldTheReferenceAndAreNarrow(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        var xs: [Rational] = [0, Rational(1).divided(by: 32), Rational(191).divided(by: 32), 6, Rational(-6), 7, 40, -40,
                              Rational(1).divided(by: 3), Dyadic(mantissa: BigInt(1), exponent: -80).rational]
        for _ in 0..<150 { xs.append(try Rational(BigInt(Int64(g.below(1 << 24)) - (1 << 23)), BigInt(1 + g.below(1 << 20)))) }
        for x in xs {
            expectEncloses(Interval64(x).erf(), Enclosure(x).erf(precision: 256), relativeBits: nil, "erf(\(x))")
            expectEncloses(Interval64(x).tanh(), Enclosure(x).tanh(precision: 256), relativeBits: nil, "tanh(\(x))")
            // Absolute widths (what 1 + erf and 1 + tanh in GELU need): 2^-60 (2^-54 past 6, where
            // erf is 1 - erfc with erfc < 2^-55).
            let point = Interval64(x).lower.dyadic.rational
            #expect(width(Interval64(point).erf()) <= power(abs(point) >= 6 ? -54 : -60), "erf(\(point)): \(Interval64(point).erf())")
            #expect(width(Interval64(point).tanh()) <= power(-60), "tanh(\(point)): \(Interval64(point).tanh())")
        }
    }

    @Test func intervalArithmeticHoldsEveryPointProduct() throws {
        var g = TestGenerator(seed: 9)
        for i in 0..<500 {
            let ends = [dyadic(&g), dyadic(&g)].sorted { Dyadic64.compare($0, $1) < 0 }
            let others = [dyadic(&g), dyadic(&g)].sorted { Dyadic64.compare($0, $1) < 0 }
            let a = Interval64(lower: ends[0], upper: ends[1]), b = Interval64(lower: others[0], upper: others[1])
            let (p, s, d) = (a * b, a + b, a - b)
            for x in [ends[0], ends[1]] {
                for y in [others[0], others[1]] {
                    let (u, v) = (x.dyadic.rational, y.dyadic.rational)
                    #expect(p.enclosure.contains(u * v), "case \(i): \(x) * \(y) not in \(p)")
                    #expect(s.enclosure.contains(u + v), "case \(i): sum")
                    #expect(d.enclosure.contains(u - v), "case \(i): difference")
                    if b.isPositive || b.isNegative {
                        let q = try a / b, exact = try u / v
                        #expect(q.enclosure.contains(exact), "case \(i): \(x) / \(y) not in \(q)")
                    }
                }
            }
        }
    }
}
