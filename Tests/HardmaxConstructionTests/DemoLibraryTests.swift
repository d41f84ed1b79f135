import Exact
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel
import Testing

@Suite struct DemoLibraryTests {
    @Test func sameSeedSameBooksOtherSeedOtherBooks() {
        let a = DemoLibrary.generate(sequences: 50, lengths: 1...60)
        let b = DemoLibrary.generate(sequences: 50, lengths: 1...60)
        let c = DemoLibrary.generate(sequences: 50, seed: 7, lengths: 1...60)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func booksHaveTheAdvertisedShape() {
        let library = DemoLibrary.generate(sequences: 400, lengths: 1...500)
        #expect(library.dimension == 8 && library.sequences.count == 400)
        #expect(library.sequences[0].id == "book-001" && library.sequences[399].id == "book-400")
        let lengths = library.sequences.map(\.length)
        #expect(lengths.allSatisfy { (1...500).contains($0) })
        #expect(lengths.contains { $0 <= 3 } && lengths.contains { $0 >= 256 })   // very different lengths
        let shelves = Set(library.sequences.map(\.label))
        let names = (1...12).map { Label("shelf-" + ($0 < 10 ? "0" : "") + "\($0)") }
        #expect(shelves.isSubset(of: Set(names)))
        #expect(shelves.count >= 10)
        // Every coordinate is a multiple of 1/8.
        #expect(library.sequences.allSatisfy { s in s.values.allSatisfy { (Rational(8) * $0).isInteger } })
    }

    /// The label is a function of the empirical measure, so there are no conflicts.
    @Test func noTwoBooksWithOneMeasureDisagree() {
        let library = DemoLibrary.generate(sequences: 600, lengths: 1...4, dimension: 1, shelves: 3)
        #expect(Conflict.conflicts(in: library, positions: .none).isEmpty)
        // Short books in one dimension repeat measures, so the rule is really exercised.
        let measures = Set(library.sequences.map { CanonicalMeasure.of($0, positions: .none) })
        #expect(measures.count < library.sequences.count)
    }

    @Test(arguments: Strategy.allCases)
    func smallLibraryConstructsAndReplays(strategy: Strategy) throws {
        let library = DemoLibrary.generate(sequences: 40, lengths: 1...20, dimension: 3, shelves: 4)
        guard case .model(let model, let report) = try Constructor.construct(library, strategy: strategy)
        else { Issue.record("demo library refuted"); return }
        #expect(replayProblems(model, library).isEmpty)
        #expect(structuralProblems(model, report).isEmpty)
    }
}
