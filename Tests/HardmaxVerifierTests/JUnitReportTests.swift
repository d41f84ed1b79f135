import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

@Suite struct JUnitReportTests {
    @Test func oneTestCasePerSequenceWithFailures() throws {
        let model = Model(dimension: 1, layers: [], readout: Readout(pool: .mean, classes: ["a", "b<&>"],
                          weight: mat([[1], [-1]]), bias: [0, 0]))
        let d = dataset([sequence("a", [[1]], id: "x\"1"), sequence("a", [[-1]]), sequence("b<&>", [[-2]])])
        let v = try Verifier(model: model).verify(d)
        let xml = JUnitReport(suiteName: "hardmax verify", files: [("train.ts", 2), ("test's.ts", 1)]).xml(for: v)
        #expect(xml == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="hardmax verify" tests="3" failures="1" errors="0" time="0">
          <testsuite name="hardmax verify" tests="3" failures="1" errors="0" skipped="0" time="0">
            <testcase classname="train.ts" name="sequence 0 (id x&quot;1)" time="0"/>
            <testcase classname="train.ts" name="sequence 1" time="0">
              <failure message="predicted b&lt;&amp;&gt;" type="hardmax.fail">label a, predicted b&lt;&amp;&gt;, margin -2</failure>
            </testcase>
            <testcase classname="test&apos;s.ts" name="sequence 2" time="0"/>
          </testsuite>
        </testsuites>

        """)
    }

    @Test func escapingControlCharacters() {
        #expect(XMLText.escape("a\tb\nc\u{1}d\u{FFFF}") == "a&#9;b&#10;c\u{FFFD}d\u{FFFD}")
    }
}
