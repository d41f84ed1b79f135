import Exact
import Testing
@testable import HardmaxAccelerator

/// The work estimate reads small numbers as words; the bounds are the ones the numbers' own
/// numerators and denominators give.
@Suite struct ValueBoundWordsTests {
    @Test func magnitudeFromWordsIsTheRationalOne() throws {
        var values: [Rational] = [Rational(1), Rational(-1), try Rational(3, 8), try Rational(-1000, 7),
                                  Rational(BigInt(Int64.max)), Rational(BigInt(Int64.min) + BigInt(1)),
                                  try Rational(BigInt(1), BigInt(Int64.max))]
        for k in 0..<200 { values.append(try Rational(k * k - 5000, k % 13 + 1)) }
        for x in values where !x.isZero {
            #expect(ValueBound.magnitude(x) == x.numerator.bitLength - x.denominator.bitLength + 1, "\(x)")
        }
        #expect(ValueBound.magnitude(.zero) == ValueBound.none)
        #expect(ValueBound.magnitude(try Rational(3, 8)) == -1)   // 3/8 < 2^-1
    }

    /// A sequence's bound, read from words, is what adding its numbers one by one to the denominators'
    /// lcm bounds gives (per token, and for the whole sequence).
    @Test func dataBoundReadsDenominatorsAsWords() throws {
        let values = [try Rational(1, 8), try Rational(3, 4), Rational(5), try Rational(-7, 6), try Rational(1, 9), .zero]
        let b = DataBound.bound(values, dimension: 3)
        var token1 = DenominatorBound(), token2 = DenominatorBound(), all = DenominatorBound()
        for x in values[0..<3] { token1.add(x); all.add(x) }
        for x in values[3..<6] { token2.add(x); all.add(x) }
        #expect(b.token == max(token1.bits, token2.bits) && b.sequence == all.bits)
        #expect(b.magnitude == ValueBound.magnitude(Rational(5)))
    }
}
