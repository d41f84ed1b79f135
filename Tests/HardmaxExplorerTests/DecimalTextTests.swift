import Exact
import Testing
import TestSupport
@testable import HardmaxExplorer

@Suite struct DecimalTextTests {
    @Test func handWorkedValues() {
        #expect(DecimalText.fixed(q("2/3"), digits: 3) == "0.667")
        #expect(DecimalText.fixed(q("-1/8"), digits: 2) == "-0.13")      // half away from zero
        #expect(DecimalText.fixed(q("1/8"), digits: 2) == "0.13")
        #expect(DecimalText.fixed(q("-1/1000"), digits: 2) == "0.00")    // no "-0"
        #expect(DecimalText.fixed(q("5"), digits: 0) == "5")
        #expect(DecimalText.fixed(q("-7/2"), digits: 0) == "-4")
        #expect(DecimalText.fixed(q("123456789/1000"), digits: 1) == "123456.8")
        #expect(DecimalText.fixed(q("1/3"), digits: 5) == "0.33333")
        #expect(DecimalText.fixed(q("-99999/100000"), digits: 2) == "-1.00")
        #expect(DecimalText.compact(q("1/2"), digits: 3) == "0.5")
        #expect(DecimalText.compact(q("2"), digits: 3) == "2")
        #expect(DecimalText.compact(q("-1/1000"), digits: 2) == "0")
        #expect(DecimalText.compact(q("-5/2"), digits: 2) == "-2.5")
    }

    /// The text read back exactly is within half a unit of the last digit of the value, and the
    /// number of digits after the point is exactly `digits`.
    @Test func roundingErrorIsAtMostHalfAUnit() throws {
        for seed in UInt64(0)..<300 {
            var g = TestRandom(seed: seed)
            let p = g.int(in: -1_000_000...1_000_000)
            let qd = g.int(in: 1...100_000)
            let digits = g.int(in: 0...6)
            let r = try Rational(p, qd)
            let text = DecimalText.fixed(r, digits: digits)
            let back = try Rational(parsing: text)
            let error = back - r
            let half = try Rational(1, 2) * (try .one / Rational(BigInt(10).power(digits)))
            #expect(error <= half && -error <= half, "seed \(seed): \(r) -> \(text)")
            let fraction = text.split(separator: ".").dropFirst().first ?? ""
            #expect(fraction.count == digits, "seed \(seed): \(text)")
        }
    }

    @Test func niceSteps() throws {
        #expect(AxisScale.niceStep(span: 10, targetTicks: 6) == (2, 0))       // raw 5/3 -> 2
        #expect(AxisScale.niceStep(span: 7, targetTicks: 7) == (1, 0))        // raw 1 -> 1
        #expect(AxisScale.niceStep(span: q("1/100"), targetTicks: 5) == (q("1/500"), 3))
        #expect(AxisScale.niceStep(span: 45, targetTicks: 6) == (10, 0))      // raw 7.5 -> 10
        #expect(AxisScale.niceStep(span: q("3/10"), targetTicks: 6) == (q("1/20"), 2))
        let axis = AxisScale(low: q("-13/10"), high: q("27/10"), start: 0, end: 400)
        // Step 1 (raw 2/3 -> 1): ticks -1, 0, 1, 2, all inside [low, high].
        #expect(axis.ticks == [-1, 0, 1, 2])
        #expect(axis.pixel(q("-13/10")) == 0 && axis.pixel(q("27/10")) == 400)
        #expect(axis.pixel(q("7/10")) == 200)
        #expect(axis.ticks.map(axis.label) == ["-1", "0", "1", "2"])
    }
}
