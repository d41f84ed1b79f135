import Testing
@testable import Exact

@Suite struct RationalKnownValueTests {
    func q(_ n: Int, _ d: Int) -> Rational {
        do { return try Rational(n, d) } catch {
            Issue.record("\(n)/\(d): \(error)")
            return .zero
        }
    }

    @Test func lowestTermsAndSign() throws {
        let x = try Rational(6, -4)
        x.checkInvariants()
        #expect(x.numerator == -3 && x.denominator == 2)
        #expect(x.description == "-3/2")
        #expect(Rational(5).description == "5")
        #expect(try Rational(0, -7).description == "0")
        #expect(throws: ExactError.divisionByZero) { try Rational(1, 0) }
        #expect(throws: ExactError.divisionByZero) { try Rational(1) / Rational.zero }
    }

    @Test func hashFollowsEquality() {
        #expect(q(2, 4) == q(1, 2))
        #expect(q(2, 4).hashValue == q(1, 2).hashValue)
        #expect(Set([q(2, 4), q(1, 2), q(-3, -6)]).count == 1)
    }

    @Test func arithmetic() throws {
        #expect(q(1, 2) + q(1, 3) == q(5, 6))
        #expect(q(1, 2) - q(1, 3) == q(1, 6))
        #expect(q(2, 3) * q(9, 4) == q(3, 2))
        #expect(try q(2, 3) / q(4, 9) == q(3, 2))
        #expect(-q(1, 2) == q(-1, 2))
        #expect(q(7, 3).divided(by: -7) == q(-1, 3))
        #expect(q(1, 3) < q(1, 2))
        #expect(q(-1, 2) < q(-1, 3))
        #expect(q(-1, 2).relu == .zero && q(1, 2).relu == q(1, 2))
    }

    @Test func floorCeil() {
        #expect(q(7, 2).floor() == 3 && q(7, 2).ceil() == 4)
        #expect(q(-7, 2).floor() == -4 && q(-7, 2).ceil() == -3)
        #expect(q(6, 2).floor() == 3 && q(6, 2).ceil() == 3)
        #expect(q(-6, 2).floor() == -3 && q(-6, 2).ceil() == -3)
    }

    @Test func dotAccumulator() {
        var acc = DotAccumulator()
        acc.add(q(1, 2), times: q(2, 3))
        acc.add(q(1, 6))
        acc.add(q(-1, 4), times: q(2, 1))
        #expect(acc.value == q(0, 1))
    }

    @Test func ieee() {
        #expect(Rational(float64Bits: 0x3FF8_0000_0000_0000) == q(3, 2))
        #expect(Rational(float64Bits: 0x8000_0000_0000_0000) == .zero)
        #expect(Rational(float64Bits: 0x7FF0_0000_0000_0000) == nil)
        #expect(Rational(float64Bits: 0x7FF8_0000_0000_0000) == nil)
        // Smallest subnormal 2^-1074.
        #expect(Rational(float64Bits: 1) == (try? Rational(BigInt(1), BigInt(1) << 1074)))
        #expect(Rational(float32Bits: 0x3E80_0000) == q(1, 4))
        #expect(Rational(float16Bits: 0x3C00) == q(1, 1))
        #expect(Rational(float16Bits: 0x0001) == (try? Rational(BigInt(1), BigInt(1) << 24)))
        #expect(Rational(bfloat16Bits: 0xC040) == q(-3, 1))
        #expect(Rational(float16Bits: 0x7C00) == nil)
        #expect(Rational(float16Bits: 0xFE00) == nil)
        #expect(Rational(bfloat16Bits: 0x7F80) == nil && Rational(bfloat16Bits: 0x7FC1) == nil)
        #expect(Rational(float32Bits: 0xFF80_0000) == nil)
        #expect(Rational(float32Bits: 0x8000_0000) == .zero && Rational(float16Bits: 0x8000) == .zero)
    }

    /// Values from Python: `Fraction(struct.unpack('<f', struct.pack('<I', bits))[0])` and the
    /// same with '<e' for binary16.
    @Test func ieeeAgainstPython() throws {
        #expect(Rational(float32Bits: 0x7F7F_FFFF) == Rational(BigInt(decimal: "340282346638528859811704183484516925440")!))
        #expect(Rational(float32Bits: 0x0000_0001)
                == (try Rational(BigInt(1), BigInt(decimal: "713623846352979940529142984724747568191373312")!)))
        #expect(Rational(float16Bits: 0x7BFF) == q(65504, 1))
        #expect(Rational(float16Bits: 0x3555) == q(1365, 4096))
        #expect(Rational(float16Bits: 0x8001) == q(-1, 16_777_216))
        // bfloat16 is the top half of binary32: 0x3F80 = 1.0, 0x0001 = 2^-133.
        #expect(Rational(bfloat16Bits: 0x3F80) == .one)
        #expect(Rational(bfloat16Bits: 0x0001) == (try Rational(BigInt(1), BigInt(1) << 133)))
        // Every binary16 pattern: value = (-1)^s m 2^(e-25) with m = 1024 + f (normal) or f.
        for bits in 0..<UInt16.max where (bits >> 10) & 0x1F != 0x1F {
            let s = bits >> 15, e = Int((bits >> 10) & 0x1F), f = Int(bits & 0x3FF)
            let m = e == 0 ? f : 1024 + f
            let exp = (e == 0 ? 1 : e) - 25
            var v = exp >= 0 ? Rational(BigInt(m) << exp) : try Rational(BigInt(m), BigInt(1) << -exp)
            if s == 1 { v = -v }
            #expect(Rational(float16Bits: bits) == v, "binary16 \(bits)")
        }
    }
}
