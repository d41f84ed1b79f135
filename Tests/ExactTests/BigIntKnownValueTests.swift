import Testing
@testable import Exact

/// Hand-checked values. Multi-limb expectations were computed with Python's built-in integers
/// (an independent implementation), e.g. `python3 -c "print((2**64+12345678901234567890123)*(3**100-7))"`.
@Suite struct BigIntKnownValueTests {
    func big(_ s: String) -> BigInt {
        guard let v = BigInt(decimal: s) else {
            Issue.record("not a decimal: \(s)")
            return 0
        }
        v.checkInvariants()
        return v
    }

    @Test func smallValuesAndDescription() {
        #expect(BigInt(0).description == "0")
        #expect(BigInt(-1).description == "-1")
        #expect(BigInt(Int.min).description == "-9223372036854775808")
        #expect(BigInt(Int.max).description == "9223372036854775807")
        #expect(BigInt(UInt64.max).description == "18446744073709551615")
        #expect(BigInt(Int.min).intValue == Int.min)
        #expect((BigInt(Int.max) + 1).intValue == nil)
        #expect((BigInt(Int.min) - 1).intValue == nil)
        #expect(BigInt(decimal: "-0") == BigInt(0))
        #expect(BigInt(decimal: "-0")?.signum == 0)
    }

    @Test func decimalRejectsNonDigits() {
        for s in ["", "-", "+5", " 5", "5 ", "1_000", "1+000", "--1", "0x10", "１"] {
            #expect(BigInt(decimal: s) == nil, "accepted \(s)")
        }
    }

    @Test func wordBoundaries() {
        let two64 = big("18446744073709551616")
        #expect(BigInt(UInt64.max) + 1 == two64)
        #expect(two64 - 1 == BigInt(UInt64.max))
        #expect(BigInt(1) << 64 == two64)
        #expect(two64.bitLength == 65)
        #expect(BigInt(UInt64.max).bitLength == 64)
        #expect(BigInt(1) << 63 == big("9223372036854775808"))
        #expect(-(BigInt(1) << 63) == BigInt(Int.min))
        #expect(BigInt(UInt64.max) * BigInt(UInt64.max) == big("340282366920938463426481119284349108225"))
    }

    @Test func carriesAcrossManyLimbs() {
        for limbs in [2, 3, 64, 200] {
            let ones = (BigInt(1) << (64 * limbs)) - 1  // every bit set
            ones.checkInvariants()
            #expect(ones.bitLength == 64 * limbs)
            #expect(ones + 1 == BigInt(1) << (64 * limbs), "carry through \(limbs) limbs")
            #expect((BigInt(1) << (64 * limbs)) - 1 == ones, "borrow through \(limbs) limbs")
            #expect(-ones - 1 == -(BigInt(1) << (64 * limbs)))
            var x = ones
            x += 1
            #expect(x == BigInt(1) << (64 * limbs), "in-place carry through \(limbs) limbs")
            x -= 1
            #expect(x == ones, "in-place borrow through \(limbs) limbs")
            // (B^n - 1)^2 = B^2n - 2 B^n + 1
            #expect(ones * ones == (BigInt(1) << (128 * limbs)) - (BigInt(1) << (64 * limbs + 1)) + 1)
            #expect(ones / ones == 1 && (ones % (ones - 1)) == 1)
        }
        // Int64 edges move between the inline and the heap form.
        let min = BigInt(Int.min)
        #expect(-min == BigInt(UInt64(1) << 63) && (-min).intValue == nil && -(-min) == min)
        #expect(min - 1 + 1 == min && (min * -1).description == "9223372036854775808")
        #expect(min / -1 == -min && min % -1 == 0)
        #expect(BigInt(Int.max) + 1 == -min && (-min) - 1 == BigInt(Int.max))
        #expect((-min).heap != nil && (-min - 1).heap == nil)
    }

    @Test func multiLimbProductAndQuotient() {
        let a = big("12364125645308277441739")  // 2**64 + 12345678901234567890123
        let b = BigInt(3).power(100) - 7
        #expect(a == (BigInt(1) << 64) + big("12345678901234567890123"))
        #expect(a * b == big("6372192421098059734119546372316671305589725488853979918844018996107566"))
        let (q, r) = b.quotientAndRemainder(dividingBy: a)
        #expect(q == big("41683296944461074416004577"))
        #expect(r == big("5255510913266832682591"))
        let (nq, nr) = (-b).quotientAndRemainder(dividingBy: a)
        #expect(nq == -q && nr == -r)
        #expect(BigInt.gcd((BigInt(1) << 200) - 1, (BigInt(1) << 120) - 1) == big("1099511627775"))
    }

    /// From Python: a = 2**320 - 1, b = 2**192 + 12345; x = 3**200, y = 7**90 + 1.
    @Test func pythonProductsAndQuotients() {
        let a = (BigInt(1) << 320) - 1, b = (BigInt(1) << 192) + 12345
        #expect(a * b == big("13407807929942597099574024998205846127479365820592393404092321402165398997240089939464995152937284479081174916501950863629633189907538057624456148203589575"))
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        #expect(q == big("340282366920938463463374607431768211455"))
        #expect(r == big("6277101735386676563049969784222334960742826699285464100920"))
        let x = BigInt(3).power(200), y = BigInt(7).power(90) + 1
        #expect(x * y == big("3041407028361443166354064482231003261045150440633004652166702419791201939210454192639111820312711514671276781947857333870308433074314923140084269520770465744405729189027250"))
        let (q2, r2) = x.quotientAndRemainder(dividingBy: y)
        #expect(q2 == big("23196760719186782608"))
        #expect(r2 == big("1070899271811779049303735016967845875860090566313191361764176479758952976001"))
    }

    /// The reciprocal division agrees with the hardware 128-by-64 division.
    @Test func reciprocalDivision() {
        var g = TestGenerator(seed: 31)
        for i in 0..<5000 {
            let d = g.word() | (1 << 63)
            let u1 = i % 7 == 0 ? d - 1 : g.word() % d
            let u0 = i % 11 == 0 ? UInt64.max : g.word()
            let expected = d.dividingFullWidth((u1, u0))
            let actual = Reciprocal(normalized: d).divide(u1, u0)
            #expect(actual == expected, "seed 31 case \(i)")
        }
    }

    @Test func truncatingDivisionSigns() {
        for (a, b, q, r) in [(7, 2, 3, 1), (-7, 2, -3, -1), (7, -2, -3, 1), (-7, -2, 3, -1), (0, 5, 0, 0)] {
            let (qq, rr) = BigInt(a).quotientAndRemainder(dividingBy: BigInt(b))
            #expect(qq == BigInt(q) && rr == BigInt(r), "\(a) / \(b)")
        }
    }

    @Test func shiftsFloor() {
        #expect(BigInt(-1) >> 1 == BigInt(-1))
        #expect(BigInt(-5) >> 1 == BigInt(-3))
        #expect(BigInt(-4) >> 1 == BigInt(-2))
        #expect(BigInt(5) >> 1 == BigInt(2))
        #expect(-(BigInt(1) << 130) >> 130 == BigInt(-1))
        #expect((-(BigInt(1) << 130) - 1) >> 130 == BigInt(-2))
        #expect((BigInt(3) << 200) >> 200 == BigInt(3))
    }

    @Test func power() {
        #expect(BigInt(0).power(0) == 1)
        #expect(BigInt(10).power(19) == BigInt(UInt64(10_000_000_000_000_000_000)))
        #expect(BigInt(-2).power(3) == BigInt(-8))
        #expect(BigInt(10).power(40).description == "1" + String(repeating: "0", count: 40))
    }
}
