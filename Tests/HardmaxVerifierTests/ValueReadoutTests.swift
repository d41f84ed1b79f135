import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// Value readouts (SPEC.md section 10), hand-computed: the prediction is W z + b, the error the largest
/// |prediction_c - label_c|, and a read passes iff the error is at most the tolerance.
@Suite struct ValueReadoutTests {
    /// One value y = z.
    static func one(_ pool: Pool, tolerance: Rational = 0) -> Model {
        Model(dimension: 1, layers: [], readout: Readout(pool: pool, values: ValueOutput(names: ["y"], tolerance: tolerance),
                                                         weight: mat([[1]]), bias: [0]))
    }

    /// Two values (u, v) = (z, 2 z + 1/2).
    static func two(tolerance: Rational) -> Model {
        Model(dimension: 1, layers: [], readout: Readout(pool: .every, values: ValueOutput(names: ["u", "v"], tolerance: tolerance),
                                                         weight: mat([[1], [2]]), bias: [0, q(1, 2)]))
    }

    @Test func errorEqualToTheTolerancePasses() throws {
        // Mean of 0 and 1 is 1/2; label 1/3: error 1/6.
        let s = sequence("1/3", [[0], [1]])
        let pass = try compiledRows(Self.one(.mean, tolerance: q(1, 6)), [s])[0]
        #expect(pass == SequenceResult(index: 0, id: nil, labels: .whole("1/3"), predicted: [.values([q(1, 2)])],
                                       margin: nil, error: q(1, 6), passed: true, reason: nil, attentionGaps: []))
        let fail = try compiledRows(Self.one(.mean, tolerance: q(1, 7)), [s])[0]
        #expect(!fail.passed && fail.error == q(1, 6) && fail.margin == nil)
        #expect(fail.reason == "predicted 1/2, error 1/6 above the tolerance 1/7")
        // Below the label the error is the distance too: prediction 0 against 5/2.
        let below = try compiledRows(Self.one(.mean, tolerance: 3), [sequence("5/2", [[0]])])[0]
        #expect(below.passed && below.error == q(5, 2))
        // Tolerance 0 (the default): only the exact value passes; 0.5 is the number 1/2.
        let exact = try compiledRows(Self.one(.mean), [sequence("0.5", [[0], [1]]), sequence("1/2", [[1], [0]]),
                                                       sequence("1/3", [[0], [1]])])
        #expect(exact.map(\.passed) == [true, true, false] && exact.map(\.error) == [0, 0, q(1, 6)])
    }

    @Test func perTokenVectorLabels() throws {
        // x = 1: (1, 5/2) against [1, -1/2]: errors 0 and 3, so 3. x = 2: (2, 9/2), exact. x = 7: null.
        let s = perToken([nil, "[1, -1/2]", "[2, 9/2]"], [7, 1, 2])
        let pass = try compiledRows(Self.two(tolerance: 3), [s])[0]
        #expect(pass.passed && pass.error == 3 && pass.margin == nil)
        #expect(pass.predicted == [nil, .values([1, q(5, 2)]), .values([2, q(9, 2)])])
        let fail = try compiledRows(Self.two(tolerance: q(299, 100)), [s])[0]
        #expect(!fail.passed && fail.error == 3)
        #expect(fail.reason == "token 2: label [1, -1/2], predicted [1, 5/2], error 3 above the tolerance 299/100")
        // Other spellings of the same numbers: no spaces, decimals, unreduced fractions.
        let spelled = perToken([nil, "[1,-0.5]", "[ 4/2 , 4.5 ]"], [7, 1, 2])
        #expect(try compiledRows(Self.two(tolerance: 3), [spelled])[0].error == 3)
    }

    @Test func aLabelThatIsNotTheRightNumbersFailsTheRow() throws {
        let cases: [(Label, String)] = [
            ("abc", "label abc is not 2 numbers"), ("[1]", "label [1] is not 2 numbers"),
            ("[1, 2, 3]", "label [1, 2, 3] is not 2 numbers"), ("[1, x]", "label [1, x] is not 2 numbers"),
            ("1/0", "label 1/0 is not 2 numbers"), ("[1, 2", "label [1, 2 is not 2 numbers"),
            ("[]", "label [] is not 2 numbers"), ("[1,, 2]", "label [1,, 2] is not 2 numbers"),
        ]
        for (label, reason) in cases {
            let r = try compiledRows(Self.two(tolerance: 100), [perToken([label], [1])])[0]
            #expect(!r.passed && r.error == nil && r.margin == nil, "\(label)")
            #expect(r.reason == "token 1: label \(label), " + reason, "\(label)")
            #expect(r.predicted == [.values([1, q(5, 2)])], "\(label)")
        }
        // One value: "1/3" is a number, "[1/3]" is one number, "a" is not.
        let rows = try compiledRows(Self.one(.mean), [sequence("1/3", [[q(1, 3)]]), sequence("[1/3]", [[q(1, 3)]]),
                                                      sequence("a", [[q(1, 3)]])])
        #expect(rows.map(\.passed) == [true, true, false])
        #expect(rows[2].reason == "label a is not 1 number")
    }

    @Test func oneLabelReadAtEveryTokenRecordsTheWorstRead() throws {
        // Tokens 1, 3, 0 against label 1: errors 0, 2, 1; the sequence's error is 2, predicted at token 2.
        let r = try compiledRows(Self.one(.every), [sequence("1", [[1], [3], [0]])])[0]
        #expect(!r.passed && r.error == 2 && r.predicted == [.values([3])])
        #expect(r.reason == "token 2: predicted 3, error 2 above the tolerance 0")
        // Duplicates (merged by the shortcut): tokens 3, 1, 3: errors 2, 0, 2.
        let d = try compiledRows(Self.one(.every, tolerance: 2), [sequence("1", [[3], [1], [3]])])[0]
        #expect(d.passed && d.error == 2 && d.predicted == [.values([3])])
    }

    @Test func verificationRecordsTheLargestError() throws {
        let d = dataset([sequence("1", [[1]]), sequence("0", [[q(-3, 4)]]), sequence("x", [[0]]), sequence("1/2", [[0]])])
        for options in [VerifierOptions.plainOnly, .standard] {
            let v = try Verifier(model: Self.one(.mean, tolerance: q(1, 2)), options: options).verify(d)
            // Errors 0, 3/4 (fails), none (label x fails), 1/2 (passes at the boundary).
            #expect(v.results.map(\.error) == [0, q(3, 4), nil, q(1, 2)])
            #expect(v.results.map(\.passed) == [true, false, false, true])
            #expect(v.maxError == q(3, 4) && v.minMargin == nil && v.verdict == .fail)
            #expect(v.counts == VerificationCounts(sequences: 4, tokens: 4, classes: 0, passed: 2, failed: 2))
        }
    }
}
