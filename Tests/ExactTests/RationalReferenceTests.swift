import Testing
@testable import Exact

/// Differential tests: `Rational` (reduction, + - * /, order) against `ReferenceRational`, which
/// applies the textbook formulas and reduces with Euclid's gcd on the schoolbook reference.
///
/// Part sizes cross the word (small form) boundary, Lehmer's two limbs and the Karatsuba
/// threshold of 32 limbs in the cross products; denominators are independent, equal after
/// reduction, sharing factors (the gcd-first branches of `addBig` and `multiplyBig`), or
/// powers of two at limb boundaries. The reference gcd is slow in a debug build, so the parts
/// stay below about 70 limbs here; `BigIntReferenceTests` goes to hundreds of limbs.
@Suite struct RationalReferenceTests {
    static let seed: UInt64 = 0x5EED_2011

    /// Limbs of x's numerator and denominator, of y's, and of a common factor put into x's
    /// numerator and denominator for the reduction to remove.
    static let shapes: [(xn: Int, xd: Int, yn: Int, yd: Int, common: Int)] = [
        (1, 1, 1, 1, 0), (1, 1, 2, 1, 1), (2, 2, 2, 2, 1), (2, 1, 1, 2, 2), (3, 2, 2, 3, 1),
        (1, 33, 32, 1, 1), (9, 8, 8, 9, 2), (31, 33, 33, 31, 1), (40, 2, 2, 40, 3),
    ]

    /// Checks that an `Exact` rational has exactly the reference's numerator and denominator.
    func expectSame(_ exact: Rational, _ reference: ReferenceRational, _ what: @autoclosure () -> String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        // Equal parts to the reference's imply lowest terms and a positive denominator; only the
        // BigInt representation is checked here (Rational.checkInvariants would use Exact's gcd).
        exact.numerator.checkInvariants()
        exact.denominator.checkInvariants()
        let agrees = ReferenceInteger(exact: exact.numerator) == reference.numerator
            && ReferenceInteger(exact: exact.denominator) == ReferenceInteger(negative: false, magnitude: reference.denominator)
        let shown = exact.bitLength <= 256 && reference.numerator.magnitude.digits.count <= 8 && reference.denominator.digits.count <= 8
        #expect(agrees, "\(what())\(shown ? ": Exact \(exact), reference \(reference.numerator.decimal)/\(reference.denominator.decimal)" : "")",
                sourceLocation: sourceLocation)
    }

    /// x and y, both as reference values and as `Exact` values reduced by `Rational.init`.
    func checkOperations(_ n1: ReferenceInteger, _ d1: ReferenceInteger, _ n2: ReferenceInteger, _ d2: ReferenceInteger,
                         _ text: String) throws {
        let (rx, ry) = (ReferenceRational(n1, d1), ReferenceRational(n2, d2))
        let x = try Rational(BigInt(reference: n1), BigInt(reference: d1))
        let y = try Rational(BigInt(reference: n2), BigInt(reference: d2))
        expectSame(x, rx, "\(text): reduce x")
        expectSame(y, ry, "\(text): reduce y")
        expectSame(x + y, rx + ry, "\(text): x + y")
        expectSame(x - y, rx - ry, "\(text): x - y")
        expectSame(x * y, rx * ry, "\(text): x * y")
        if !ry.numerator.isZero { expectSame(try x / y, rx / ry, "\(text): x / y") }
        #expect((x < y) == (rx < ry) && (y < x) == (ry < rx) && (x == y) == (rx == ry), "\(text): order")
        #expect((x + -x).isZero && (x - x).isZero, "\(text): x - x")
    }

    /// Variants per shape: 0 independent denominators; 1 y = x + k (the same reduced
    /// denominator); 2 denominators sharing 6 w (w a random word), so gcd(b, d) > 1.
    @Test(arguments: shapes.indices)
    func arithmetic(shape: Int) throws {
        var g = TestGenerator(seed: RationalReferenceTests.seed &+ UInt64(shape))
        let (xn, xd, yn, yd, cn) = RationalReferenceTests.shapes[shape]
        let all = LimbPattern.allCases
        for variant in 0..<3 {
            let (p1, p2) = (all[(shape + variant) % all.count], all[(shape + 2 * variant + 1) % all.count])
            let common = cn == 0 ? ReferenceInteger(1) : g.reference(limbs: cn, .random, negative: false)
            let shared = variant == 2 ? ReferenceInteger(6) * g.reference(limbs: 1, .random, negative: false) : ReferenceInteger(1)
            let n1 = g.reference(limbs: xn, p1, negative: g.below(2) == 0) * common
            let d1 = g.reference(limbs: xd, .random, negative: g.below(2) == 0) * common * shared
            var n2 = g.reference(limbs: yn, p2, negative: g.below(2) == 0)
            var d2 = g.reference(limbs: yd, .random, negative: g.below(2) == 0) * shared
            if variant == 1 {
                n2 = n1 + n2 * d1
                d2 = d1
            }
            let text = "seed \(RationalReferenceTests.seed) shape \(shape) \(RationalReferenceTests.shapes[shape]) variant \(variant), patterns \(p1), \(p2)"
            try checkOperations(n1, d1, n2, d2, text)
        }
    }

    /// Powers-of-two denominators at the limb and inline boundaries (the dyadic fast paths),
    /// against word and multi-limb numerators, and integers (denominator 1).
    @Test func dyadicAndIntegers() throws {
        var g = TestGenerator(seed: RationalReferenceTests.seed)
        let exponents = [0, 1, 2, 62, 63, 64, 65, 127, 128, 2000]
        for (i, k1) in exponents.enumerated() {
            for k2 in [exponents[(i + 3) % exponents.count], k1] {
                for (nx, ny) in [(1, 1), (1, 3), (33, 2)] {
                    let n1 = g.reference(limbs: nx, .random, negative: g.below(2) == 0)
                    let n2 = g.reference(limbs: ny, .allOnes, negative: g.below(2) == 0)
                    let d1 = ReferenceInteger(1).shiftedLeft(k1), d2 = ReferenceInteger(1).shiftedLeft(k2)
                    try checkOperations(n1, d1, n2, d2, "seed \(RationalReferenceTests.seed): \(nx) limbs / 2^\(k1), \(ny) limbs / 2^\(k2)")
                }
            }
        }
        let edges: [Int64] = [0, 1, -1, Int64.max, Int64.min, Int64.min + 1, 1 << 62, 3]
        for (i, a) in edges.enumerated() {
            for b in edges where b != 0 {
                let c = edges[(i + 1) % edges.count]
                try checkOperations(ReferenceInteger(a), ReferenceInteger(b), ReferenceInteger(c), ReferenceInteger(b == Int64.min ? 1 : b),
                                    "word edges \(a)/\(b), \(c)/\(b)")
            }
        }
    }

    /// Word numerators odd x 2^j over 2^k: the cancellation of a power-of-two denominator by shifts
    /// (every j against every k, both signs) gives the reference's lowest terms, and the bit length is
    /// that of the larger part.
    @Test func powerOfTwoDenominatorsCancelByShifts() throws {
        var g = TestGenerator(seed: RationalReferenceTests.seed ^ 0x2)
        for j in 0...62 {
            for k in 0...62 {
                let odd = Int64(g.below(1 << 20)) * 2 + 1
                let (shifted, overflow) = odd.multipliedReportingOverflow(by: 1 << Int64(j))
                guard !overflow else { continue }
                for n in [shifted, -shifted] {
                    let exact = try Rational(BigInt(n), BigInt(Int64(1) << Int64(k)))
                    expectSame(exact, ReferenceRational(ReferenceInteger(n), ReferenceInteger(Int64(1) << Int64(k))),
                               "\(n) / 2^\(k)")
                    #expect(exact.bitLength == max(exact.numerator.bitLength, exact.denominator.bitLength))
                }
            }
        }
    }
}
