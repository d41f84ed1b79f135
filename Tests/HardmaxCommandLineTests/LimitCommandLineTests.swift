import Foundation
import HardmaxCommandLine
import Testing

/// Resource limits through the command line: each refuses with exit status 2 and a message that names
/// the flag raising it; raising it lets the same run through.
@Suite("Limits: command line")
struct LimitCommandLineTests {
    static let data = """
        {"label": "a", "tokens": [[1], [2]]}
        {"label": "b", "tokens": [[-1]]}

        """

    /// `layers` copies of `layer` on width 1, readout a = x, b = -x.
    static func model(_ layer: String, count: Int) -> String {
        """
        {"format": "hardmax-transformer", "version": 1, "dimension": 1,
         "layers": [\(Array(repeating: layer, count: count).joined(separator: ",\n"))],
         "readout": {"pool": "mean", "classes": ["a", "b"], "weight": [[1], [-1]], "bias": [0, 0]}}
        """
    }

    /// A fresh folder with m.json and d.jsonl, removed when the test ends (`Cleanup`).
    func folder(_ model: String, data: String = LimitCommandLineTests.data) throws -> String {
        let folder = try temporaryFolder()
        Cleanup.atEnd(folder)
        try write(model, to: folder + "/m.json")
        try write(data, to: folder + "/d.jsonl")
        return folder
    }

    static let affine = #"{"type": "affine", "weight": [["0x1p30000"]], "bias": [0]}"#
    static let feedForward = #"{"type": "feedforward", "w1": [[1]], "b1": [0], "w2": [[0]], "residual": "0x1p30000"}"#

    /// Each layer multiplies by 2^30000, so after layer l the token 1 is 2^(30000 (l + 1)): 1050001 bits
    /// after layer 34 is the first value past 2^20 bits. Affine layers and feedforward residuals, on the
    /// shortcuts and on the plain path, stop there and name the layer.
    @Test(arguments: [(affine, false), (feedForward, true)])
    func numbersThatGrowEveryLayerStopAtTheBitLimit(layer: String, plain: Bool) throws {
        let folder = try folder(Self.model(layer, count: 40), data: #"{"label": "a", "tokens": [[1]]}"# + "\n")
        let run = hardmax(["verify", folder + "/m.json", folder + "/d.jsonl", "--jobs", "1"] + (plain ? ["--plain"] : []))
        #expect(run.status == .unusableInput)
        #expect(run.err.contains("m.json: layers[34]: error: sequence 0: after layer 34 a number needs 1050001 bits, "
                                 + "more than the limit of 1048576 bits (--max-bits N raises it)"), "\(run.err)")
    }

    /// The same growth at 2^3000 per layer: 2^99001 after layer 32, 2^102001 after layer 33, 2^120001
    /// after layer 39. `--max-bits 100000` stops at layer 33; `--max-bits 130000` lets all 40 through.
    @Test(arguments: [false, true])
    func theBitLimitIsAFlag(plain: Bool) throws {
        let layer = Self.affine.replacingOccurrences(of: "0x1p30000", with: "0x1p3000")
        let folder = try folder(Self.model(layer, count: 40))
        let verify = ["verify", folder + "/m.json", folder + "/d.jsonl"] + (plain ? ["--plain"] : [])
        let stopped = hardmax(verify + ["--max-bits", "100000"])
        #expect(stopped.status == .unusableInput)
        #expect(stopped.err.contains("after layer 33 a number needs 102001 bits, more than the limit of 100000 bits"),
                "\(stopped.err)")
        let raised = hardmax(verify + ["--max-bits", "130000"])
        #expect(raised.status == .pass, "\(raised.err)")
        #expect(raised.lastLine == "2 passed, 0 failed")
    }

    @Test func workIsEstimatedAndRefusedUpFront() throws {
        // 1 feedforward layer, 3 units on width 1 (so W1 has rank 1, a table lookup per token: v 1 +
        // written 1 + 2 bits of m + width 1 = 5): 3 tokens x 5 + readout 3 x (2 + 1) = 24 operations.
        let layer = #"{"type": "feedforward", "w1": [[1], [1], [1]], "b1": [0, -1, -2], "w2": [[1, 1, 1]]}"#
        let folder = try folder(Self.model(layer, count: 1))
        let refused = hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--max-work", "23")
        #expect(refused.status == .unusableInput)
        #expect(refused.err.contains("needs about 24 exact operations"), "\(refused.err)")
        #expect(refused.err.contains("--max-work"))
        #expect(hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--max-work", "24").status == .pass)
        // The plain replay counts dense matrices and no table: 3 x (3 + 3 + 1) + 9 = 30.
        let plain = hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--plain", "--max-work", "29")
        #expect(plain.err.contains("needs about 30 exact operations"), "\(plain.err)")
        #expect(hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--max-work", "1e12").status == .pass)
    }

    /// inspect computes exact ranks (fraction-free elimination, cost ~ n^4): a 400 x 400 W1 took 45 s.
    /// Its work is estimated first: W1 3 x 2 of one-digit integers has r c min(r, c) = 12 steps.
    @Test func inspectEstimatesTheRankWork() throws {
        let layer = #"{"type": "feedforward", "w1": [[1, 2], [3, 9], [0, 1]], "b1": [0, 0, 0], "w2": [[1, 1, 1], [0, 0, 0]]}"#
        let model = Self.model(layer, count: 1).replacingOccurrences(of: "\"dimension\": 1", with: "\"dimension\": 2")
            .replacingOccurrences(of: "[[1], [-1]]", with: "[[1, 0], [-1, 0]]")
        let folder = try folder(model)
        let refused = hardmax("inspect", folder + "/m.json", "--max-work", "11")
        #expect(refused.status == .unusableInput)
        #expect(refused.err.contains("m.json: layers[0]: error: computing the exact ranks of this model's matrices "
                                     + "needs about 12 exact operations"), "\(refused.err)")
        let shown = hardmax("inspect", folder + "/m.json", "--max-work", "12")
        #expect(shown.status == .pass, "\(shown.err)")
        #expect(shown.out.contains("hidden 3, rank W1 2"))
    }

    /// cluster replays L layers of pairwise scores; its work is estimated like verify's (as the plain
    /// replay) and refused up front past --max-work. Its numbers grow layer by layer (each averages with
    /// residual 1/(1 + alpha)), so the last layers are the heaviest.
    @Test func clusterEstimatesItsWork() throws {
        let folder = try folder("", data: #"{"label": "a", "tokens": [[0, 0], [1, 0], [0, 2]]}"# + "\n")
        let refused = hardmax("cluster", folder + "/d.jsonl", "--max-work", "10")
        #expect(refused.status == .unusableInput)
        #expect(refused.err.contains("d.jsonl: layers[29]: error: replaying this model") && refused.err.contains("--max-work"),
                "\(refused.err)")
        #expect(hardmax("cluster", folder + "/d.jsonl", "--layers", "3", "--max-work", "1000000").status == .pass)
    }

    @Test func tokenAndFileLimits() throws {
        let folder = try folder(Self.model(#"{"type": "affine", "weight": [[1]], "bias": [0]}"#, count: 1))
        let verify = ["verify", folder + "/m.json", folder + "/d.jsonl"]
        let perSequence = hardmax(verify + ["--max-tokens", "1"])
        #expect(perSequence.status == .unusableInput)
        #expect(perSequence.err.contains("d.jsonl:1:"), "\(perSequence.err)")
        #expect(perSequence.err.contains("--max-tokens"))
        let total = hardmax(verify + ["--max-total-tokens", "2"])
        #expect(total.status == .unusableInput)
        #expect(total.err.contains("d.jsonl:2:") && total.err.contains("--max-total-tokens"), "\(total.err)")
        #expect(hardmax(verify + ["--max-tokens", "2", "--max-total-tokens", "3"]).status == .pass)
        let file = hardmax(verify + ["--max-file-bytes", "10"])
        #expect(file.status == .unusableInput)
        #expect(file.err.contains("is larger than 10 bytes"), "\(file.err)")
        let inspect = hardmax("inspect", folder + "/m.json", "--max-file-bytes", "10")
        #expect(inspect.status == .unusableInput)
    }

    @Test(arguments: ["--max-bits 0", "--max-bits 1099511627777", "--max-work abc", "--max-work 1e", "--max-work -5",
                      "--max-tokens 1e19", "--max-file-bytes 1.5"])
    func malformedLimitsAreUsageErrors(option: String) throws {
        let parts = option.split(separator: " ").map(String.init)
        let run = hardmax(["verify", "m.json", "d.jsonl"] + parts)
        #expect(run.status == .unusableInput)
        #expect(run.err.contains("\(parts[0]) expects a whole number"), "\(run.err)")
    }

    /// Regression: `1e-100000` is valid, and a margin of 2 x 10^-100000 is written as a 100002-character
    /// fraction; check used to refuse its own certificate (number text longer than 100000 characters).
    /// `construct` reads back the model it wrote whatever `--max-file-bytes` says (the limit is on the
    /// files it is given); `verify` of that model still holds it to the limit.
    @Test func constructReadsBackItsOwnModelPastTheFileLimit() throws {
        let data = #"{"label": "a", "tokens": [[0, 1]]}"# + "\n" + #"{"label": "b", "tokens": [[2, 3], [1, 1]]}"# + "\n"
        let folder = try folder("", data: data)
        let limit = "200"   // the data file fits, the model written does not
        let made = hardmax("construct", folder + "/d.jsonl", "-o", folder + "/c.json", "--max-file-bytes", limit)
        #expect(made.status == .pass, "\(made.err)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: folder + "/c.json")[.size] as? Int)
        #expect(size > 200)
        let verify = hardmax("verify", folder + "/c.json", folder + "/d.jsonl", "--max-file-bytes", limit)
        #expect(verify.status == .unusableInput && verify.err.contains("is larger than 200 bytes"), "\(verify.err)")
    }

    @Test func aCertificateWithAHugeMarginIsConfirmed() throws {
        let folder = try folder(Self.model(#"{"type": "affine", "weight": [[1]], "bias": [0]}"#, count: 1),
                                data: #"{"label": "a", "tokens": [["1e-100000"]]}"# + "\n")
        let verified = hardmax("verify", folder + "/m.json", folder + "/d.jsonl", "--certificate", folder + "/c.json")
        #expect(verified.status == .pass, "\(verified.err)")
        let text = try String(contentsOfFile: folder + "/c.json", encoding: .utf8)
        #expect(text.contains("\"minMargin\": \"1/5" + String(repeating: "0", count: 99_999) + "\""))
        let checked = hardmax("check", folder + "/c.json")
        #expect(checked.status == .pass, "\(checked.err)")
    }
}
