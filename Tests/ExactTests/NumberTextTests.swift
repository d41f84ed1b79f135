import Testing
@testable import Exact

@Suite struct NumberTextTests {
    func parse(_ s: String) throws -> Rational {
        let v = try Rational(parsing: s)
        v.checkInvariants()
        return v
    }

    @Test func acceptedForms() throws {
        #expect(try parse("-12") == Rational(-12))
        #expect(try parse("0") == .zero)
        #expect(try parse("-0") == .zero)
        #expect(try parse("-3/4") == (try Rational(-3, 4)))
        #expect(try parse("6/8") == (try Rational(3, 4)))
        #expect(try parse("1.25") == (try Rational(5, 4)))
        #expect(try parse("-0.001") == (try Rational(-1, 1000)))
        #expect(try parse("6.02e23") == Rational(BigInt(602) * BigInt(10).power(21)))
        #expect(try parse("-8.3E-4") == (try Rational(-83, 100000)))
        #expect(try parse("1e+2") == Rational(100))
        #expect(try parse("0x1.8p-3") == (try Rational(3, 16)))
        #expect(try parse("-0x1p+0") == Rational(-1))
        #expect(try parse("0x0.0p+0") == .zero)
        // float.hex(-0.1) in Python; 0.1 as a double is 3602879701896397/2^55.
        #expect(try parse("-0x1.999999999999ap-4") == (try Rational(BigInt(-3602879701896397), BigInt(1) << 55)))
    }

    @Test func rejectedForms() {
        for s in ["", "1+000", "+5", " 5", "5 ", "1.", ".5", "1e", "0x", "--1", "1/0", "1/-2", "NaN", "nan",
                  "Infinity", "inf", "-inf", "1e5.0", "0x1.8", "0x.8p0", "1/2/3", "1.5/2", "1_0", "0x1p", "e5"] {
            #expect(throws: NumberSyntaxError.self, "accepted \(s)") { try Rational(parsing: s) }
        }
    }

    @Test func errorOffsetsAndMessages() {
        func err(_ s: String) -> NumberSyntaxError? {
            do { _ = try Rational(parsing: s); return nil } catch let e as NumberSyntaxError { return e } catch { return nil }
        }
        #expect(err("1e")?.offset == 2)
        #expect(err("1e")?.message.contains("after 'e'") == true)
        #expect(err("1+000")?.offset == 1)
        #expect(err("NaN")?.message == "NaN is not a number")
        #expect(err("1/0")?.offset == 2)
        #expect(err("1.")?.offset == 2)
    }

    @Test func limits() throws {
        #expect(throws: NumberSyntaxError.self) { try Rational(parsing: "1e100001") }
        #expect(throws: NumberSyntaxError.self) { try Rational(parsing: "1e-100001") }
        #expect(throws: NumberSyntaxError.self) { try Rational(parsing: String(repeating: "1", count: 100_001)) }
        let small = NumberLimits(maxBits: 64)
        #expect(throws: NumberSyntaxError.self) { try Rational(parsing: "1e20", limits: small) }
        #expect(throws: NumberSyntaxError.self) { try Rational(parsing: "1e-20", limits: small) }
        #expect(throws: NumberSyntaxError.self) { try Rational(parsing: "0x1p64", limits: small) }
        #expect(try Rational(parsing: "1e19", limits: small) == Rational(BigInt(10).power(19)))
        #expect(try Rational(parsing: "0x1p63", limits: small) == Rational(BigInt(1) << 63))
    }
}
