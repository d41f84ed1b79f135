import Testing
@testable import Exact

/// Identities of exp, sqrt, erf, tanh and softmax on seeded random arguments, the ends of their
/// ranges, and failures that must be errors rather than hangs or traps.
@Suite struct EnclosureFunctionTests {
    static let seeds: [UInt64] = [1, 2, 3, 0x5EED]

    /// A random rational of moderate size in about (-40, 40): numerator up to 2^bits, denominator up to 2^16.
    func argument(_ g: inout TestGenerator) -> Rational {
        let n = BigInt(Int64(g.below(1 << 22)) - (1 << 21)), d = BigInt(1 + g.below(1 << 16))
        return (try? Rational(n, d)) ?? .zero
    }

    @Test(arguments: seeds)
    func expOfSumMeetsProductOfExps(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for i in 0..<60 {
            let p = [64, 128, 256][i % 3]
            let a = Enclosure(argument(&g)), b = Enclosure(argument(&g))
            let left = try a.adding(b, precision: p).exp(precision: p)
            let right = try a.exp(precision: p).multiplied(by: try b.exp(precision: p), precision: p)
            #expect(left.meets(right), "seed \(seed) case \(i): exp(\(a) + \(b)) vs exp(a) exp(b)")
            // exp(-a) exp(a) contains 1; exp of an interval holds exp of every point in it.
            let one = try a.exp(precision: p).multiplied(by: try (-a).exp(precision: p), precision: p)
            #expect(one.contains(.one), "seed \(seed) case \(i): exp(a) exp(-a) = \(one)")
        }
    }

    @Test(arguments: seeds)
    func intervalArgumentsContainEveryPoint(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for i in 0..<40 {
            let p = [64, 128][i % 2]
            let x = argument(&g), y = x + Rational(g.below(1000)).divided(by: 1 << 12)
            let wide = Enclosure(lower: Dyadic(x, bits: 40, .down), upper: Dyadic(y, bits: 40, .up))
            for point in [x, y] {
                let e = Enclosure(point)
                #expect(try wide.exp(precision: p).meets(try e.exp(precision: p)) || x > 27, "seed \(seed) case \(i): exp")
                #expect(wide.erf(precision: p).meets(e.erf(precision: p)), "seed \(seed) case \(i): erf")
                #expect(wide.tanh(precision: p).meets(e.tanh(precision: p)), "seed \(seed) case \(i): tanh")
                // The interval's image contains the image of its points: both ends of the point's.
                let (pl, ph) = e.erf(precision: p).interval ?? (Dyadic.zero, Dyadic.zero)
                if let (wl, wh) = wide.erf(precision: p).interval {
                    #expect(wl <= ph && pl <= wh, "seed \(seed) case \(i): erf hull")
                }
            }
        }
    }

    @Test(arguments: seeds)
    func oddFunctionsAndSquareRoots(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        for i in 0..<60 {
            let p = [64, 128, 256][i % 3]
            let x = Enclosure(argument(&g))
            #expect(x.tanh(precision: p) == -(-x).tanh(precision: p), "seed \(seed) case \(i): tanh odd")
            #expect(x.erf(precision: p) == -(-x).erf(precision: p), "seed \(seed) case \(i): erf odd")
            #expect(x.tanh(precision: p).meets((-(-x).tanh(precision: p))), "seed \(seed) case \(i)")
            let t = x.tanh(precision: p), e = x.erf(precision: p)
            #expect(t.lowerBound >= -1 && t.upperBound <= 1 && e.lowerBound >= -1 && e.upperBound <= 1, "seed \(seed) case \(i): range")
            // tanh(x) = (e^(2x) - 1) / (e^(2x) + 1), computed another way.
            if let v = x.exactValue, v < 300, v > -300 {
                let e2 = try x.multiplied(by: Rational(2), precision: p).exp(precision: p)
                let other = try e2.subtracting(Enclosure(1), precision: p).divided(by: e2.adding(Enclosure(1), precision: p), precision: p)
                #expect(t.meets(other), "seed \(seed) case \(i): tanh vs exp formula")
            }
            if let v = x.exactValue, v.signum > 0 {
                let r = try x.squareRoot(precision: p)
                #expect(r.multiplied(by: r, precision: p).contains(v), "seed \(seed) case \(i): sqrt(x)^2 holds x")
                let s = Enclosure(v * v)
                #expect(try s.squareRoot(precision: p).exactValue == v, "seed \(seed) case \(i): sqrt(x^2) exact")
            }
        }
    }

    @Test func uniformSoftmaxIsExact() throws {
        for n in [1, 2, 3, 7, 10] {
            let scores = Array(repeating: Enclosure(try Rational(-5, 3)), count: n)
            let w = try Enclosure.softmax(scores, precision: 64)
            #expect(w.count == n && w.allSatisfy { $0.exactValue == Rational.one.divided(by: n) })
        }
    }

    @Test func softmaxAgainstTheReferenceOfE() throws {
        // softmax(0, 1) = (1 / (1 + e), e / (1 + e)), with e bracketed by the committed reference.
        guard let e = EnclosureReference.all.first(where: { $0.function == "exp" && $0.argumentText == "1" }) else {
            Issue.record("fixture lacks exp(1)")
            return
        }
        let (e1, e2) = e.bracket
        for p in [64, 128, 256, 1024] {
            let w = try Enclosure.softmax([Enclosure(0), Enclosure(1)], precision: p)
            // 1 / (1 + e) is decreasing in e: its reals lie in [1/(1+e2), 1/(1+e1)].
            let w0 = (try Rational.one / (1 + e2), try Rational.one / (1 + e1))
            let w1 = (try e1 / (1 + e1), try e2 / (1 + e2))
            #expect(Dyadic.compare(w[0].interval!.lower, w0.1) <= 0 && Dyadic.compare(w[0].interval!.upper, w0.0) >= 0, "p = \(p)")
            #expect(Dyadic.compare(w[1].interval!.lower, w1.1) <= 0 && Dyadic.compare(w[1].interval!.upper, w1.0) >= 0, "p = \(p)")
            let total = w[0].adding(w[1], precision: p)
            #expect(total.contains(.one))
            let width = w[0].width(precision: 64)
            #expect(width.top <= 4 - p, "p = \(p): weight width \(width)")
            // Interval scores around the same points give weights that meet.
            let wide = try Enclosure.softmax([Enclosure(lower: Dyadic(mantissa: -1, exponent: -80), upper: .zero), Enclosure(1)], precision: p)
            #expect(wide[0].meets(w[0]) && wide[1].meets(w[1]))
        }
    }

    @Test func hugeArguments() throws {
        let p = 64
        // exp: 2^40 and above is refused; at or below -2^40 the enclosure is [0, 2^-(2^40)].
        let big = Enclosure(Dyadic(mantissa: 1, exponent: 40).rational)
        #expect(throws: EnclosureError.exponentialOverflow) { try big.exp(precision: p) }
        #expect(throws: EnclosureError.exponentialOverflow) { try Enclosure(Rational(BigInt(10).power(400))).exp(precision: p) }
        let tiny = try (-big).exp(precision: p)
        #expect(tiny.interval?.lower == .zero && tiny.interval?.upper == Dyadic(mantissa: 1, exponent: -(1 << 40)))
        // Just inside the bound: a correct enclosure in bounded time, e^x = 2^(x / ln 2).
        let x = Rational(BigInt(-(1 << 40) + 1))
        let inside = try Enclosure(x).exp(precision: p)
        let ln2 = Enclosure.ln2(precision: 256)
        if let (l, h) = inside.interval {
            #expect(l.signum > 0 && Dyadic.compare(inside.width(precision: 64), Dyadic.product(h, Dyadic(mantissa: 1, exponent: 3 - p), bits: 64, .up)) <= 0)
            // log2(e^x) = x / ln 2 lies in [top(l) - 1, top(h)].
            let k = try Enclosure(x).divided(by: ln2, precision: 256)
            #expect(k.meets(Enclosure(lower: Dyadic(l.top - 1), upper: Dyadic(h.top))), "exp(\(x)) = \(inside)")
        } else {
            Issue.record("exp(\(x)) is not an interval")
        }
        // erf and tanh saturate: [1 - 2^-p, 1], whatever the size.
        let huge = Enclosure(Rational(BigInt(10).power(100)))
        let saturated = Enclosure(lower: Dyadic(mantissa: (BigInt(1) << p) - BigInt(1), exponent: -p), upper: .one)
        #expect(huge.erf(precision: p) == saturated && huge.tanh(precision: p) == saturated)
        #expect((-huge).erf(precision: p) == -saturated && (-huge).tanh(precision: p) == -saturated)
        // Square roots of huge and tiny exact points.
        let r = try Enclosure(Rational(BigInt(10).power(400) + BigInt(1))).squareRoot(precision: p)
        let root = Rational(BigInt(10).power(200))      // within 10^-200 of the real root
        #expect(r.contains(root) && r.upperBound - r.lowerBound <= root * Dyadic(mantissa: 1, exponent: 2 - p).rational)
        let small = try Enclosure(Rational(BigInt(3)) * Dyadic(mantissa: 1, exponent: -3001).rational).squareRoot(precision: p)
        #expect(small.interval?.lower.top == -1500 + 1)   // sqrt(3 * 2^-3001) = sqrt(1.5) 2^-1500
        #expect(throws: EnclosureError.negativeSquareRoot) { try Enclosure(-1).squareRoot(precision: p) }
        #expect(throws: EnclosureError.negativeSquareRoot) {
            try Enclosure(lower: Dyadic(mantissa: -1, exponent: -100), upper: .one).squareRoot(precision: p)
        }
    }
}
