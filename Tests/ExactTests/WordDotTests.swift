import Testing
@testable import Exact

/// `WordDot` sums integer-weighted rationals on words; whenever it gives a value, that value is the
/// exact sum of the products (computed here term by term with `Rational`), and it gives up (nil)
/// rather than overflow.
@Suite struct WordDotTests {
    /// Decimal data (denominators dividing 10^k), dyadic values, word-edge numerators and denominators.
    func value(_ g: inout TestGenerator) -> Rational {
        switch g.below(5) {
        case 0: return (try? Rational(g.below(20001) - 10000, [1, 10, 100, 1000, 10000][g.below(5)])) ?? .zero
        case 1: return (try? Rational(g.below(2001) - 1000, 1 << g.below(40))) ?? .zero
        case 2: return (try? Rational(BigInt(Int64.max) - BigInt(g.below(1000)), BigInt(g.below(7) + 1))) ?? .zero
        case 3: return (try? Rational(BigInt(g.below(1000) + 1), BigInt(Int64.max - Int64(g.below(1000))))) ?? .zero
        default: return (try? Rational(BigInt(1) << 70, BigInt(3))) ?? .zero   // not a word: always refused
        }
    }

    func weight(_ g: inout TestGenerator) -> Int64 {
        [Int64(g.below(201)) - 100, Int64.max - Int64(g.below(9)), Int64.min + Int64(g.below(9)),
         Int64(1) << 43 + Int64(g.below(99))][g.below(4)]
    }

    @Test func givesTheExactSumOrGivesUp() {
        var exact = 0, refused = 0
        for seed in UInt64(1)...3000 {
            var g = TestGenerator(seed: seed)
            var dot = WordDot()
            var reference = Rational.zero
            var fits = true
            for _ in 0..<(1 + g.below(9)) {
                let a = weight(&g), x = value(&g)
                reference += Rational(BigInt(a)) * x
                fits = dot.add(a, times: x) && fits
            }
            if let v = dot.value {
                #expect(fits && v == reference, "seed \(seed)")
                v.checkInvariants()
                exact += 1
            } else {
                #expect(!fits, "seed \(seed): nil without a refused term")
                refused += 1
            }
        }
        #expect(exact > 300 && refused > 300, "both outcomes are exercised: \(exact) exact, \(refused) refused")
    }

    /// Terms given as words need not be in lowest terms (the rank-1 step adds a product of two small
    /// rationals as one term): the value is still the exact, reduced sum.
    @Test func unreducedTermsGiveTheExactSum() {
        for seed in UInt64(1)...2000 {
            var g = TestGenerator(seed: seed)
            var dot = WordDot()
            var reference = Rational.zero
            var fits = true
            for _ in 0..<(1 + g.below(6)) {
                let a = Int64(g.below(21)) - 10
                let k = Int64(g.below(12) + 1)   // a common factor of numerator and denominator
                let n = (Int64(g.below(2001)) - 1000) * k
                let d = [Int64(1), 2, 8, 10, 1000, 3, 7 * 64][g.below(7)] * k
                reference += Rational(BigInt(a)) * ((try? Rational(BigInt(n), BigInt(d))) ?? .zero)
                fits = dot.add(a, numerator: n, denominator: d) && fits
            }
            guard let v = dot.value else { Issue.record("seed \(seed): small terms refused"); continue }
            #expect(fits && v == reference, "seed \(seed)")
            v.checkInvariants()
        }
    }

    /// By hand: 3 * 1/2 + 5 * 3/4 + (-2) * 0.125 = 3/2 + 15/4 - 1/4 = 5.
    @Test func handComputed() throws {
        var dot = WordDot()
        #expect(dot.add(3, times: try Rational(1, 2)))
        #expect(dot.add(5, times: try Rational(3, 4)))
        #expect(dot.add(-2, times: try Rational(1, 8)))
        #expect(dot.value == Rational(5))
        #expect(WordDot().value == .zero)
    }
}
