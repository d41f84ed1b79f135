import Testing
import TestSupport

/// The test generator's stream and sampling rules are fixed by known values, so a seed named in a
/// failure message replays the same case everywhere.
@Suite struct TestRandomTests {
    /// SplitMix64 from state 0 (the reference splitmix64.c of Steele, Lea and Flood / Vigna).
    @Test func rawOutputsMatchTheReference() {
        var r = TestRandom(seed: 0)
        #expect([r.next(), r.next(), r.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    /// Values computed by an independent Python transcription of the documented rules.
    @Test func samplingRulesGiveKnownValues() {
        var r = TestRandom(seed: 42)
        #expect((0..<12).map { _ in r.int(in: -3...3) } == [2, -2, -2, -1, -3, 3, -2, 2, -1, 1, -2, 0])
        r = TestRandom(seed: 42)
        #expect((0..<8).map { _ in r.bool() } == [false, false, false, false, true, true, false, false])
        r = TestRandom(seed: 7)
        #expect(r.shuffled(Array(0..<8)) == [7, 4, 6, 1, 2, 5, 0, 3])
    }

    @Test func drawsStayInTheirRanges() {
        for seed in UInt64(0)..<200 {
            var r = TestRandom(seed: seed)
            #expect((-5...5).contains(r.int(in: -5...5)), "seed \(seed)")
            #expect((0..<3).contains(r.int(in: 0..<3)), "seed \(seed)")
            #expect(r.int(in: 9...9) == 9, "seed \(seed)")
            #expect((0..<7).contains(r.below(7)), "seed \(seed)")
            #expect(["a", "b", "c"].contains(r.element(of: ["a", "b", "c"])), "seed \(seed)")
            #expect(r.shuffled(Array(0..<10)).sorted() == Array(0..<10), "seed \(seed)")
            _ = r.int(in: Int.min...Int.max)  // the full range needs no bound
        }
    }

    /// Every value of a small range turns up, in roughly equal numbers (a gross bias would show).
    @Test func smallRangesAreCovered() {
        var r = TestRandom(seed: 1)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<6000 { counts[r.int(in: 0...5)] += 1 }
        #expect(counts.allSatisfy { (800...1200).contains($0) }, "\(counts)")
    }
}
