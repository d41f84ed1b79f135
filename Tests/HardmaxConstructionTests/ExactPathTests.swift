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
        var grouping = ScaledGrouping(layout: Layout(dimension: 2, positions: .none))
        for (j, s) in dataset.sequences.enumerated() { grouping.add(s, number: j) }
        #expect(grouping.failed && grouping.result() == nil)
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
        for (row, id) in reference { #expect(table.rows.row(id) == row) }
    }

    /// Rows of 32-bit entries move to 64 bits at the first entry that needs it, through rescaling and
    /// across blocks of 2^16 rows; ids and entries stay those of a plain array of rows.
    @Test func rowTableRescalesAndWidens() {
        var random = TestRandom(seed: 5)
        var table = RowTable(width: 2, expectedRows: 4)
        var reference: [[Int]] = []
        var index: [[Int]: Int] = [:]
        var factor = 1
        for k in 0..<150_000 {
            if k == 70_000 || k == 100_000 {
                let rescaled = table.rescale(by: 3)
                #expect(rescaled)
                factor *= 3
                reference = reference.map { $0.map { $0 * 3 } }
                index = Dictionary(uniqueKeysWithValues: reference.enumerated().map { ($1, $0) })
            }
            // From row 120,000 on, some entries need 64 bits.
            let big = k >= 120_000 && k % 7 == 0 ? Int(Int32.max) * 5 : 0
            let row = [random.int(in: -3000...3000) * factor + big, random.int(in: 0...50) * factor]
            let expected = index[row] ?? reference.count
            if index[row] == nil {
                index[row] = expected
                reference.append(row)
            }
            if table.id(of: row) != expected { Issue.record("row \(k): id"); return }
        }
        #expect(table.rows.isWide && table.count == reference.count)
        #expect(reference.indices.allSatisfy { table.rows.row($0) == reference[$0] })
        // Overflow is reported, not wrapped.
        let overflowed = !table.rescale(by: Int.max / 2)
        #expect(overflowed)
    }

    /// Denominators that first appear late (1/3 after 1/2 after integers, then 1/7 with positions):
    /// the streamed grouping rescales and equals the Rational grouping token for token.
    @Test(arguments: [Positions.none, .index])
    func lateDenominatorsRescaleToTheSameTokens(positions: Positions) throws {
        let r = { (p: Int, q: Int) in try Rational(p, q) }
        let dataset = Dataset(dimension: 2, sequences: [
            LabelledSequence(label: "a", dimension: 2, values: [1, 2, 3, 4, 1, 2]),
            LabelledSequence(label: "b", dimension: 2, values: [try r(1, 2), 5, 1, 2]),
            LabelledSequence(label: "a", dimension: 2, values: [try r(2, 3), try r(-1, 2), 3, 4]),
            LabelledSequence(label: "b", dimension: 2, values: [try r(1, 7), try r(1, 2), try r(2, 3), try r(-1, 2)]),
        ])
        let fast = MeasureClasses.group(dataset, positions: positions)
        let slow = MeasureClasses.group(dataset, positions: positions, allowScaled: false)
        let scaled = try #require(fast.scaled)
        #expect(scaled.denominator == 42)
        #expect(fast.tokenCount == slow.tokenCount)
        for p in 0..<fast.tokenCount {
            for c in 0..<fast.layout.width {
                #expect(fast.coordinate(p, c) == slow.coordinate(p, c), "token \(p), coordinate \(c)")
            }
        }
        #expect(fast.classOfSequence == slow.classOfSequence)
        #expect(fast.classes.map(\.key) == slow.classes.map(\.key))
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
            if round % 3 == 0 {  // the value that marks empty slots inside the set
                for _ in 0..<2 where set.insert(Int.min) != reference.insert(Int.min).inserted {
                    mismatches.append("round \(round): Int.min")
                }
            }
            if set.count != reference.count { mismatches.append("round \(round): count") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
