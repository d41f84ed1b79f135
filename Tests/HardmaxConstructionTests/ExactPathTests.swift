import Exact
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxConstruction

/// The machine-integer path (a common denominator) and the `Rational` path must build the same
/// model; data without a usable common denominator, or whose sums overflow, must still work.
@Suite struct ExactPathTests {
    @Test(arguments: Strategy.allCases)
    func scaledAndRationalPathsBuildTheSameModel(strategy: Strategy) throws {
        for seed: UInt64 in 1...120 {
            let positions: Positions = seed % 2 == 0 ? .index : .none
            let dataset = randomDataset(seed: seed, positions: positions)
            let fast = try Constructor.construct(dataset, strategy: strategy, positions: positions, allowScaled: true)
            let slow = try Constructor.construct(dataset, strategy: strategy, positions: positions, allowScaled: false)
            guard case .model(let a, let reportA) = fast, case .model(let b, let reportB) = slow else {
                Issue.record("seed \(seed): refuted")
                continue
            }
            // Both try t = 1...8 first; past that their searches differ (then only check both replay).
            if reportA.projection == reportB.projection {
                #expect(a == b, "seed \(seed): the two paths built different models")
            } else {
                #expect(replayProblems(b, dataset).isEmpty, "seed \(seed)")
            }
        }
    }

    /// Denominators 3^41 and 2^70 have an lcm beyond machine integers: only the Rational path works.
    @Test(arguments: Strategy.allCases)
    func hugeDenominatorsUseRationals(strategy: Strategy) throws {
        let third = try Rational(BigInt(1), BigInt(3).power(41))
        let half = try Rational(BigInt(1), BigInt(2).power(70))
        let dataset = Dataset(dimension: 2, sequences: [
            LabelledSequence(label: "a", dimension: 2, values: [third, half, half, third]),
            LabelledSequence(label: "b", dimension: 2, values: [third, third]),
            LabelledSequence(label: "a", dimension: 2, values: [half, half, third, half, 1, 2]),
        ])
        #expect(MeasureClasses.commonDenominator(dataset) == nil)
        guard case .model(let model, let report) = try Constructor.construct(dataset, strategy: strategy)
        else { Issue.record("refuted"); return }
        #expect(replayProblems(model, dataset).isEmpty)
        #expect(structuralProblems(model, report).isEmpty)
    }

    /// Integers near 2^62: s = x_0 + t x_1 overflows, so projection and sums fall back to Rational.
    @Test(arguments: Strategy.allCases)
    func overflowingSumsFallBackToRationals(strategy: Strategy) throws {
        let big = Int.max / 2
        let dataset = Dataset(dimension: 2, sequences: [
            sequence("a", [[big, big], [1, 2]]),
            sequence("b", [[big, big - 1]]),
            sequence("a", [[big - 1, big], [big, big]]),
            sequence("b", [[-big, 3]]),
        ])
        let data = MeasureClasses.group(dataset, positions: .none)
        #expect(data.scaled != nil)
        // t = 1 collides ((big, big - 1) and (big - 1, big)); t = 2 overflows, so s is kept as Rationals.
        let projected = ProjectedData(data: data)
        #expect(projected.projection.u == [1, 2])
        #expect(projected.projection.scaled == nil)
        guard case .model(let model, let report) = try Constructor.construct(dataset, strategy: strategy)
        else { Issue.record("refuted"); return }
        #expect(replayProblems(model, dataset).isEmpty)
        #expect(structuralProblems(model, report).isEmpty)
    }

    /// RowTable against a Dictionary: same ids, in order of first appearance, through several growths.
    @Test func rowTableAgreesWithADictionary() {
        var random = TestRandom(seed: 99)
        var table = RowTable(width: 3, expectedRows: 4)
        var reference: [[Int]: Int] = [:]
        for _ in 0..<5000 {
            let row = [random.int(in: -20...20), random.int(in: -20...20), random.int(in: 0...3)]
            let expected = reference[row] ?? reference.count
            if reference[row] == nil { reference[row] = expected }
            #expect(table.id(of: row) == expected)
        }
        #expect(table.count == reference.count)
        for (row, id) in reference { #expect(Array(table.rows[(id * 3)..<(id * 3 + 3)]) == row) }
    }
}

@Suite struct IntegerSetTests {
    /// IntegerSet against Set<Int>, through growths and many O(1) clears.
    @Test func agreesWithSetAcrossClears() {
        var random = TestRandom(seed: 7)
        var set = IntegerSet(initialCapacity: 4)
        var mismatches: [String] = []
        for round in 0..<40 {
            set.removeAll()
            var reference = Set<Int>()
            for _ in 0..<(round * 37 % 500) {
                // Small values collide often; full-width values exercise the hash.
                let x = round % 2 == 0 ? random.int(in: -50...50) : Int(bitPattern: UInt(random.next()))
                if set.insert(x) != reference.insert(x).inserted { mismatches.append("round \(round): \(x)") }
            }
            if set.count != reference.count { mismatches.append("round \(round): count") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
