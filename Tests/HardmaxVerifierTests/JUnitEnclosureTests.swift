import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxKernel

/// JUnit reports of a replay with enclosures (SPEC.md section 11): an undecided sequence did not pass,
/// so it is a `<failure>` (of type hardmax.undecided) and counts in `failures`; rows show their intervals.
@Suite struct JUnitEnclosureTests {
    @Test func undecidedSequencesAreFailuresWithTheirIntervals() throws {
        // EnclosureCertificateTests' softmax model: statuses undecided, pass, fail, pass, fail.
        let base = EnclosureCertificateTests()
        let f = try base.files()
        defer { try? FileManager.default.removeItem(atPath: f.folder) }
        let run = Run(options: EnclosureCertificateTests.options)
        let v = try run.verify(try run.readModel(f.model), data: .files([f.data])).verification
        let xml = JUnitReport(suiteName: "s").xml(for: v)
        // Three sequences did not pass: the counts and the <failure> elements say so alike.
        #expect(xml.contains("tests=\"5\" failures=\"3\""), "\(xml)")
        #expect(xml.components(separatedBy: "<failure ").count - 1 == 3)
        #expect(xml.components(separatedBy: "type=\"hardmax.undecided\"").count - 1 == 1)
        #expect(xml.components(separatedBy: "type=\"hardmax.fail\"").count - 1 == 2)
        // Row 2's detail gives its margin interval, which holds -1 (see EnclosureCertificateTests).
        let prefix = "label a, predicted c, margin in ["
        let start = try #require(xml.range(of: prefix)).upperBound
        let ends = xml[start...].prefix { $0 != "]" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(ends.count == 2)
        let margin = Bounds(lower: try Rational(parsing: ends[0]), upper: try Rational(parsing: ends[1]))
        #expect(margin.holds(Bracket(exactly: -1)) && margin.upper - margin.lower < HandBrackets.twoToMinus(50), "\(margin)")
        #expect(!xml.contains("margin none"))
    }
}
