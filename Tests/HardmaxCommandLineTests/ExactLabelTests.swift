import Foundation
import HardmaxCommandLine
import Testing

/// Class names and labels are compared by their exact Unicode scalars everywhere: "é" (U+00E9) and
/// "e" + U+0301 are two different classes for the reader, `verify`, `check` and `inspect` alike.
@Suite("Exact labels")
struct ExactLabelTests {
    static let composed = "\u{E9}", decomposed = "e\u{301}"

    /// Two classes whose names are canonically equivalent: score of class 0 is x, of class 1 is -x.
    static let model = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 1, "layers": [],
         "readout": {"pool": "mean", "classes": ["\(composed)", "\(decomposed)"], "weight": [[1], [-1]], "bias": [0, 0]}}
        """

    @Test func canonicallyEquivalentClassesAreDistinctThroughVerify() throws {
        let folder = try temporaryFolder()
        try write(Self.model, to: folder + "/model.json")
        try write("""
            {"label": "\(Self.composed)", "tokens": [[1]]}
            {"label": "\(Self.decomposed)", "tokens": [[-2]]}
            {"label": "\(Self.decomposed)", "tokens": [[3]]}

            """, to: folder + "/data.jsonl")
        let inspected = hardmax("inspect", folder + "/model.json")
        #expect(inspected.status == .pass, "\(inspected.err)")
        #expect(inspected.out.contains("2 classes"))

        let verified = hardmax("verify", folder + "/model.json", folder + "/data.jsonl",
                               "--certificate", folder + "/model.certificate.json")
        #expect(verified.status == .verdictNotPass, "\(verified.err)")
        // Sequence 2 is labelled with the decomposed name but scores the composed class higher.
        #expect(verified.lastLine == "2 passed, 1 failed")
        #expect(verified.out.contains("FAIL sequence 2"))
        for plain in [false, true] {
            let checked = hardmax(["check", folder + "/model.certificate.json"] + (plain ? ["--plain"] : []))
            #expect(checked.status == .pass && checked.out.contains("confirmed"), "plain \(plain): \(checked.err)")
        }
    }

    @Test func duplicateClassNamesAreRefusedWithThePath() throws {
        let folder = try temporaryFolder()
        try write(Self.model.replacingOccurrences(of: Self.decomposed, with: Self.composed), to: folder + "/model.json")
        let inspected = hardmax("inspect", folder + "/model.json")
        #expect(inspected.status == .unusableInput)
        #expect(inspected.err.contains("readout.classes[1]: error: duplicate class name"))
    }
}
