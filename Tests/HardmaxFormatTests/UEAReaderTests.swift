import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

@Suite struct UEAReaderTests {
    private func read(_ text: String) throws -> Dataset {
        try DatasetReader.read(.contents([("d.ts", Array(text.utf8))])).dataset
    }

    private let header = "@problemName P\n@univariate false\n@dimensions 2\n@classLabel true a b\n@data\n"

    /// Class labels are exact scalars here too: "é" (U+00E9) and "e" + U+0301 are two classes.
    @Test func classLabelsAreExactScalars() throws {
        let composed = "\u{E9}", decomposed = "e\u{301}"
        let data = try read("@classLabel true \(composed) \(decomposed)\n@data\n1,2:\(composed)\n3,4:\(decomposed)\n")
        #expect(data.sequences.map(\.label) == [Label(composed), Label(decomposed)])
        let undeclared = #expect(throws: InputError.self) {
            try read("@classLabel true \(composed)\n@data\n1,2:\(decomposed)\n")
        }
        #expect(undeclared?.message.contains("is not declared in @classLabel") == true)
    }

    @Test func channelMajorTokensAndHeaderVariants() throws {
        let text = """
            # comment
            % another
            @PROBLEMNAME Toy
            @TimeStamps FALSE
            @missing false
            @Univariate False
            @dimensions 2
            @equalLength true
            @seriesLength 3
            @ClassLabel True a b

            @DATA
            1, 2 ,3 : 4,5,6 : a\r
            # a comment between cases
            0.5,-1/2,0x1p-1:1e1,2E-1,-0:b
            """
        let d = try read(text)
        #expect(d.dimension == 2 && d.sequences.count == 2)
        // Token t is (channel 1 [t], channel 2 [t]).
        #expect(d.sequences[0].values == [1, 4, 2, 5, 3, 6])
        #expect(d.sequences[0].label == "a" && d.sequences[1].label == "b")
        let half = try Rational(1, 2)
        #expect(d.sequences[1].values == [half, 10, -half, try Rational(1, 5), half, 0])
    }

    @Test func univariateWithoutDimensionsAndUnlistedLabels() throws {
        let d = try read("@univariate true\n@classLabel true\n@data\n1,2:x\n3:y y\n")
        #expect(d.dimension == 1 && d.sequences.map(\.label) == ["x", "y y"])
        #expect(d.sequences[0].values == [1, 2] && d.sequences[1].values == [3])
    }

    /// Each malformed file gives one error at line:column whose message contains `phrase`.
    @Test(arguments: [
        ("@classLabel true a\n1:a\n", 2, 1, "expected a header tag"),
        ("@timeStamps true\n@classLabel true a\n@data\n", 1, 13, "time stamps are not supported"),
        ("@classLabel false\n@data\n1:a\n", 1, 13, "regression"),
        ("@targetLabel true\n@data\n1:2\n", 1, 1, "regression targets"),
        ("@problemName P\n@data\n1:a\n", 2, 1, "no @classLabel true"),
        ("@classLabel true a\n@foo 1\n@data\n", 2, 1, "unknown header tag @foo"),
        ("@classLabel true a\n@CLASSLABEL true a\n@data\n", 2, 1, "repeated header tag"),
        ("@classLabel true a a\n@data\n", 1, 20, "listed twice"),
        ("@missing maybe\n@classLabel true a\n@data\n", 1, 10, "expected true or false"),
        ("@dimensions 0\n@classLabel true a\n@data\n", 1, 13, "positive integer"),
        ("@univariate true\n@dimensions 2\n@classLabel true a\n@data\n", 4, 1, "@univariate true but @dimensions 2"),
        ("@classLabel true a\n", 2, 1, "expected @data"),
        ("@classLabel true a\n@data\n1,?,3:a\n", 3, 3, "missing value '?'"),
        ("@classLabel true a\n@data\n1,NaN,3:a\n", 3, 3, "missing value NaN"),
        ("@classLabel true a\n@data\n1,-nan:a\n", 3, 3, "missing value NaN"),
        ("@classLabel true a\n@data\n(0,1),(1,2):a\n", 3, 1, "time-stamped"),
        ("@classLabel true a\n@data\n1,,3:a\n", 3, 3, "empty value"),
        ("@classLabel true a\n@data\n1,2,3\n", 3, 6, "class label after the last ':'"),
        ("@classLabel true a\n@data\n1,2:\n", 3, 5, "expected a class label"),
        ("@classLabel true a b\n@data\n1,2:c\n", 3, 5, "\"c\" is not declared in @classLabel (declared: a b)"),
        ("@classLabel true a\n@data\n1,2:3,4:5:a\n", 3, 9, "channel 3 has 1 value, but channel 1 has 2"),
        ("@classLabel true a\n@data\n1,2:3,4:a\n1:a\n", 4, 1, "case has 1 channel, expected 2 (the first case, on line 3)"),
        ("@dimensions 3\n@classLabel true a\n@data\n1:2:a\n", 4, 1, "expected 3 (@dimensions 3)"),
        ("@univariate true\n@classLabel true a\n@data\n1:2:a\n", 4, 1, "expected 1 (@univariate true)"),
        ("@seriesLength 2\n@classLabel true a\n@data\n1,2,3:a\n", 4, 1, "@seriesLength is 2"),
        ("@equalLength true\n@classLabel true a\n@data\n1,2:a\n\n1:a\n", 6, 1, "the case on line 4 has 2"),
        ("@classLabel true a\n@data\n1.5.2:a\n", 3, 4, "found \"1.5.2\""),
        ("@classLabel true a\n@data\n 1, 2x :a\n", 3, 6, "found \"2x\""),
        ("@classLabel true a\n@data\n1:a\n@dimensions 1\n", 4, 1, "after @data"),
    ])
    func malformed(text: String, line: Int, column: Int, phrase: String) {
        guard let e = inputError({ try read(text) }) else { return }
        #expect(e.file == "d.ts")
        #expect(e.line == line && e.column == column, "\(text.debugDescription): \(e)")
        #expect(e.message.contains(phrase), "\(text.debugDescription): \(e)")
    }

    @Test func invalidUTF8LabelIsRefused() {
        var bytes = Array("@classLabel true\n@data\n1:a".utf8)
        bytes.append(0xFF)
        let e = inputError { try DatasetReader.read(.contents([("d.ts", bytes)])) }
        #expect(e?.message.contains("invalid UTF-8") == true && e?.line == 3 && e?.column == 3)
    }
}
