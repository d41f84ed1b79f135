import Foundation
import HardmaxCommandLine
import Testing

/// `--max-precision` and the verdict `undecided` on the command line (SPEC.md section 11): exit status 1
/// like fail, "undecided" in the summary; a certificate's check replays at the precision it is given.
///
/// The model reads 1/sqrt 2 (the layer norm of (0, 1) with epsilon 1/4) against the threshold
/// r = 458938539825448058214252037959337/2^109 < 1/sqrt 2 < r + 2^-110: class a wins by less than
/// 2^-110, which 64 bits cannot decide and 128 bits can (see EnclosurePrecisionTests).
@Suite("Undecided")
struct UndecidedWorkflowTests {
    static let model = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 2,
         "layers": [{"type": "layernorm", "gamma": [1, 1], "beta": [0, 0], "epsilon": "1/4"}],
         "readout": {"pool": "mean", "classes": ["a", "b"], "weight": [[0, 1], [0, 0]],
                     "bias": [0, "458938539825448058214252037959337/649037107316853453566312041152512"]}}
        """

    func setUp(_ name: String = #function) throws -> String {
        let folder = try temporaryFolder(name)
        try write(Self.model, to: folder + "/m.json")
        try write("{\"label\": \"a\", \"tokens\": [[0, 1]]}\n", to: folder + "/d.jsonl")
        return folder
    }

    @Test func undecidedAt64BitsIsExitOneAndSaysSo() throws {
        let folder = try setUp()
        let decided = hardmax("verify", folder + "/m.json", folder + "/d.jsonl")
        #expect(decided.status == .pass && decided.lastLine == "1 passed, 0 failed", "\(decided.out)\(decided.err)")
        #expect(decided.out.contains("verdict pass") && decided.out.contains("min margin in ["), "\(decided.out)")
        let capped = hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--max-precision", "64")
        #expect(capped.status == .verdictNotPass, "\(capped.out)\(capped.err)")
        #expect(capped.out.contains("verdict undecided"), "\(capped.out)")
        #expect(capped.lastLine == "0 passed, 0 failed, 1 undecided")
        // The sequence is listed as undecided, not as failing.
        #expect(capped.out.hasPrefix("UNDECIDED sequence 0: label a, undecided at 64 bits\n"), "\(capped.out)")
        #expect(!capped.out.contains("FAIL"))
    }

    @Test func maxPrecisionBelow64IsAUsageError() throws {
        let folder = try setUp()
        for bad in ["63", "0", "x", "65537"] {
            let run = hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--max-precision", bad)
            #expect(run.status == .unusableInput && run.err.contains("--max-precision"), "\(bad): \(run.err)")
        }
    }

    @Test func checkReplaysAtThePrecisionItIsGiven() throws {
        let folder = try setUp()
        let cert = folder + "/c.json"
        #expect(hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--certificate", cert).status == .pass)
        let text = try String(contentsOfFile: cert, encoding: .utf8)
        #expect(text.contains("\"semantics\": \"hardmax-enclosure\"") && text.contains("\"status\": \"pass\"")
                && text.contains("\"precision\": 128"), "\(text)")
        #expect(hardmax("check", cert).status == .pass)
        // At 64 bits check cannot prove the recorded pass: not confirmed.
        let low = hardmax("check", cert, "--max-precision", "64")
        #expect(low.status == .verdictNotPass, "\(low.out)")
        #expect(low.out.contains("NOT CONFIRMED: results[0].status: recorded pass, recomputed undecided"), "\(low.out)")
        // An undecided certificate (made at 64 bits) is confirmed at 64 bits and at the default 4096:
        // its row's interval meets the narrower one.
        let undecided = folder + "/u.json"
        let made = hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--certificate", undecided, "--max-precision", "64")
        #expect(made.status == .verdictNotPass)
        #expect(try String(contentsOfFile: undecided, encoding: .utf8).contains("\"verdict\": \"undecided\""))
        for extra in [["--max-precision", "64"], []] {
            let checked = hardmax(["check", undecided] + extra)
            #expect(checked.status == .pass && checked.out.contains("confirmed"), "\(extra): \(checked.out)")
        }
    }
}
