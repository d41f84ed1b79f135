import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

@Suite struct CanonicalMeasureTests {
    @Test func orderAndProportionalMultiplicitiesDoNotMatter() {
        let a = [1, 2], b = [0, 5]
        let m1 = CanonicalMeasure.of(sequence("x", [a, b]), positions: .none)
        let m2 = CanonicalMeasure.of(sequence("y", [b, a, b, a]), positions: .none)
        #expect(m1 == m2)
        #expect(m1.hashValue == m2.hashValue)
        // Sorted lexicographically: (0, 5) before (1, 2); weights 2:2 reduced to 1:1.
        #expect(m1.tokens == [[0, 5], [1, 2]].map { $0.map { Rational($0) } })
        #expect(m1.weights == [1, 1])
    }

    @Test func weightsAreDividedByTheirGcd() {
        // Multiplicities 4, 6, 2 -> 2, 3, 1.
        let s = sequence("x", [[2], [1], [2], [3], [2], [1], [2], [3], [2], [1], [2], [1]])
        let m = CanonicalMeasure.of(s, positions: .none)
        #expect(m.tokens == [[1], [2], [3]].map { $0.map { Rational($0) } })
        #expect(m.weights == [2, 3, 1])
        let t = sequence("x", [[3], [1], [1], [3], [1], [3], [1], [3]])
        #expect(CanonicalMeasure.of(t, positions: .none).weights == [1, 1])
        let u = sequence("x", [[2], [2], [2]])
        #expect(CanonicalMeasure.of(u, positions: .none).weights == [1])
    }

    @Test func fractionsCompareExactly() {
        // 1/3 < 1/2 although 3 > 2; 2/4 equals 1/2.
        let s = sequence("x", [[q(1, 2)], [q(1, 3)], [q(2, 4)]])
        let m = CanonicalMeasure.of(s, positions: .none)
        #expect(m.tokens == [[q(1, 3)], [q(1, 2)]])
        #expect(m.weights == [1, 2])
    }

    @Test func positionsIndexMakesTokensDistinct() {
        let m = CanonicalMeasure.of(sequence("x", [[7], [7]]), positions: .index)
        #expect(m.tokens == [[7, 1], [7, 2]].map { $0.map { Rational($0) } })
        #expect(m.weights == [1, 1])
        let swapped = CanonicalMeasure.of(sequence("x", [[1], [2]]), positions: .index)
        let original = CanonicalMeasure.of(sequence("x", [[2], [1]]), positions: .index)
        #expect(swapped != original)
    }

    @Test func conflictsPairEachDifferentLabelWithTheGroupsFirst() {
        let d = dataset([
            sequence("a", [[1], [2]], id: "s0"),
            sequence("a", [[2], [1]], id: "s1"),        // same measure, same label: no conflict
            sequence("b", [[1], [2], [2], [1]], id: "s2"), // same measure, other label
            sequence("c", [[5]]),
            sequence("c", [[5], [5]]),                 // same measure, same label
            sequence("d", [[5]]),                       // identical to s3, other label
            sequence("e", [[9]]),
        ])
        let c = Conflict.conflicts(in: d, positions: .none)
        #expect(c.map { [$0.first, $0.second] } == [[0, 2], [3, 5]])
        #expect(c[0].firstID == "s0" && c[0].secondID == "s2")
        #expect(c[0].firstLabel == "a" && c[0].secondLabel == "b")
        #expect(c[0].measure.weights == [1, 1])
        #expect(c[0].identical == false)
        #expect(c[1].identical == true)
        #expect(c[1].firstID == nil)
        // With positions, only the identical pair remains.
        let p = Conflict.conflicts(in: d, positions: .index)
        #expect(p.map { [$0.first, $0.second] } == [[3, 5]])
        #expect(p[0].measure.tokens == [[5, 1]].map { $0.map { Rational($0) } })
    }

    @Test func noConflictsWhenLabelsAgree() {
        let d = dataset([sequence("a", [[1, 0]]), sequence("a", [[1, 0], [1, 0]]), sequence("b", [[0, 1]])])
        #expect(Conflict.conflicts(in: d, positions: .none).isEmpty)
    }
}
