import Exact
import Testing
@testable import HardmaxFormat
import HardmaxModel

/// Every number within the bit limit that the tool writes (`p/q` in lowest terms) reads back under the
/// limits it reads with. Regression: `1e-100000` is valid input, but its value's text `1/1000...0` has
/// 100003 characters, more than the 100000 of SPEC section 2, so a certificate recording it (as a
/// margin) could not be checked.
@Suite("Limits: number text")
struct LimitNumberTextTests {
    @Test func textLengthBoundsTheLongestFraction() throws {
        for bits in [1, 2, 3, 63, 64, 65, 1000, 4097, 100_000] {
            // p = 2^b - 1 and q = 2^b - 3 are odd, differ by 2, so coprime: the longest texts of b bits.
            let p = (BigInt(1) << bits) - BigInt(1), q = bits >= 2 ? (BigInt(1) << bits) - BigInt(3) : BigInt(1)
            let value = try Rational(-p, q)
            let text = value.description
            #expect(text.utf8.count <= NumberLimits.textLength(forBits: bits), "bits \(bits)")
            #expect(try Rational(parsing: text, limits: .reading(maxBits: bits)) == value, "bits \(bits)")
        }
        // 2^20 bits: each part has floor(2^20 log10 2) + 1 = 315653 digits, so "-p/q" has 631308 characters.
        #expect(NumberLimits.textLength(forBits: 1 << 20) == 631_308)
        #expect(InputLimits.standard.numbers == NumberLimits(maxTextLength: 631_308, maxExponent: 100_000,
                                                             maxBits: 1 << 20))
        #expect(NumberLimits.reading(maxBits: 10).maxTextLength == 100_000)  // never below the SPEC's
    }

    @Test func tinyDecimalReadsBack() throws {
        let value = try Rational(parsing: "1e-100000")
        let text = value.description
        #expect(text.utf8.count == 100_003)  // "1/" and 10^100000 (100001 digits)
        #expect(throws: NumberSyntaxError.self) { try Rational(parsing: text) }  // the SPEC's 100000
        #expect(try Rational(parsing: text, limits: InputLimits.standard.numbers) == value)
    }
}
