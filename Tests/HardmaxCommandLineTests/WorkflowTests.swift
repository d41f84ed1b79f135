import Foundation
import HardmaxCommandLine
import HardmaxVerifier
import HardmaxKernel
import Testing
import TestSupport

/// The command line as a user drives it: construct, verify, check, inspect, with real exit codes.
@Suite("Workflows")
struct WorkflowTests {
    /// Three classes in Q^2; sequences of different lengths. Hand-made, so the expectations are ours.
    static let data = """
        {"id": "a1", "label": "a", "tokens": [[0, 0], [1, 0]]}
        {"id": "a2", "label": "a", "tokens": [[0, 0]]}
        {"id": "b1", "label": "b", "tokens": [["1/2", 1], [0, 0], [1, 0]]}
        {"id": "c1", "label": "c", "tokens": [[2, 2], [2, 2], ["0.5", "-1e0"]]}
        {"label": 7, "tokens": [["0x1p-1", 3]]}

        """

    @Test(arguments: ["compact", "narrow"])
    func constructVerifyCheckInspect(strategy: String) throws {
        let folder = try temporaryFolder("construct-\(strategy)")
        try write(Self.data, to: folder + "/data.jsonl")
        let model = folder + "/model.json"

        let built = hardmax("construct", folder + "/data.jsonl", "-o", model, "--strategy", strategy)
        #expect(built.status == .pass, "\(built.err)")
        #expect(built.lastLine == "5 passed, 0 failed")
        #expect(built.out.contains("blocks"))
        #expect(FileManager.default.fileExists(atPath: folder + "/model.certificate.json"))

        let verified = hardmax("verify", model, folder + "/data.jsonl", "--certificate", folder + "/v.json",
                               "--junit", folder + "/junit.xml")
        #expect(verified.status == .pass)
        #expect(verified.out.contains("min margin 1/2"))
        #expect(verified.lastLine == "5 passed, 0 failed")
        let junit = try String(contentsOfFile: folder + "/junit.xml", encoding: .utf8)
        #expect(junit.components(separatedBy: "<testcase ").count - 1 == 5)

        for certificate in ["/model.certificate.json", "/v.json"] {
            let checked = hardmax("check", folder + certificate)
            #expect(checked.status == .pass, "\(checked.out)\(checked.err)")
            #expect(checked.out.contains("confirmed"))
        }
        let inspected = hardmax("inspect", model)
        #expect(inspected.status == .pass)
        #expect(inspected.out.contains("parameters"))
    }

    @Test func wrongModelFailsWithExit1AndNamesTheSequences() throws {
        let folder = try temporaryFolder()
        try write(Self.data, to: folder + "/data.jsonl")
        // Scores: a gets x_1, b gets 1/2; sequence 0 (mean x_1 = 1/2) ties, so it fails.
        let model = """
            {"format": "hardmax-transformer", "version": 1, "dimension": 2, "layers": [],
             "readout": {"pool": "mean", "classes": ["a", "b"], "weight": [[1, 0], [0, 0]], "bias": [0, "1/2"]}}
            """
        try write(model, to: folder + "/m.json")
        let run = hardmax("verify", folder + "/m.json", folder + "/data.jsonl", "--certificate", folder + "/c.json",
                          "--failures-only")
        #expect(run.status == .verdictNotPass)
        #expect(run.out.contains("FAIL sequence 0 (id a1): label a, tie between a and b"))
        #expect(run.out.contains("label c is not a model class"))
        // a1 ties, a2 predicts b, b1 predicts a (mean x_1 = 1/2 ties, too), c1 and 7 are not classes.
        #expect(run.lastLine == "0 passed, 5 failed")
        let checked = hardmax("check", folder + "/c.json")
        #expect(checked.out.contains("confirmed"))
        #expect(checked.status == .pass)
        let gated = hardmax("check", folder + "/c.json", "--require-pass")
        #expect(gated.status == .verdictNotPass)
        #expect(gated.out.contains("certified verdict is fail"))
    }

    @Test func impossibleDataIsRefutedWithExit1() throws {
        let folder = try temporaryFolder()
        let data = """
            {"id": "ab", "label": "x", "tokens": [[1], [2]]}
            {"id": "baba", "label": "y", "tokens": [[2], [1], [2], [1]]}

            """
        try write(data, to: folder + "/d.jsonl")
        let run = hardmax("construct", folder + "/d.jsonl", "-o", folder + "/m.json")
        #expect(run.status == .verdictNotPass)
        #expect(run.out.contains("--positions index"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.json"))
        let certificate = try String(contentsOfFile: folder + "/m.certificate.json", encoding: .utf8)
        #expect(certificate.contains("\"verdict\": \"impossible\""))
        let checked = hardmax("check", folder + "/m.certificate.json")
        #expect(checked.out.contains("confirmed"))
        #expect(checked.status == .pass)

        let indexed = hardmax("construct", folder + "/d.jsonl", "-o", folder + "/m.json", "--positions", "index")
        #expect(indexed.status == .pass, "\(indexed.err)")
    }

    @Test func tamperingIsDetected() throws {
        let folder = try temporaryFolder()
        try write(Self.data, to: folder + "/data.jsonl")
        #expect(hardmax("construct", folder + "/data.jsonl", "-o", folder + "/m.json").status == .pass)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/data.jsonl")))
        bytes[bytes.count - 3] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/data.jsonl"))
        let checked = hardmax("check", folder + "/m.certificate.json")
        #expect(checked.status == .verdictNotPass)
        #expect(checked.out.contains("data.jsonl"))
        #expect(checked.out.contains("SHA-256"))
    }

    @Test func badInputIsOneErrorWithPlaceAndExit2() throws {
        let folder = try temporaryFolder()
        try write("{\"label\": \"a\", \"tokens\": [[1, NaN]]}\n", to: folder + "/bad.jsonl")
        let run = hardmax("construct", folder + "/bad.jsonl", "-o", folder + "/m.json")
        #expect(run.status == .unusableInput)
        #expect(run.err.hasPrefix(folder + "/bad.jsonl:1:"))
        #expect(run.err.contains("error:"))
        #expect(run.err.split(separator: "\n").count == 1)

        let missing = hardmax("verify", folder + "/nope.json", folder + "/bad.jsonl")
        #expect(missing.status == .unusableInput)
        #expect(missing.err.contains("nope.json"))

        let noCertificate = hardmax("check", folder + "/absent.certificate.json")
        #expect(noCertificate.status == .unusableInput)
    }

    @Test(.sharedFiles("models/bm-narrow.json", "datasets/BasicMotions_TRAIN.ts", "datasets/BasicMotions_TEST.ts"))
    func realThirdPartyModelsVerify() throws {
        let model = try sharedFile("models/bm-narrow.json")
        let train = try sharedFile("datasets/BasicMotions_TRAIN.ts")
        let test = try sharedFile("datasets/BasicMotions_TEST.ts")
        let run = hardmax("verify", model, train, test)
        #expect(run.status == .pass)
        #expect(run.out.contains("min margin 1/2"))
        #expect(run.lastLine == "80 passed, 0 failed")
    }
}

@Suite("Clustering explorer")
struct ClusterCommandTests {
    @Test func clusterWritesFigureJsonAndModel() throws {
        let folder = try temporaryFolder()
        // Two tokens on a line and a copy: 1-D, alpha 1, A = I. Scores x_i x_j: the largest |x| leads.
        try write("{\"label\": \"s\", \"tokens\": [[2], [-1], [2]]}\n", to: folder + "/d.jsonl")
        let run = hardmax("cluster", folder + "/d.jsonl", "--layers", "3", "--svg", folder + "/f.svg",
                          "--json", folder + "/t.json", "--model", folder + "/m.json")
        #expect(run.status == .pass, "\(run.err)")
        #expect(run.out.contains("3 layers"))
        let svg = try String(contentsOfFile: folder + "/f.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        #expect(FileManager.default.fileExists(atPath: folder + "/t.json"))
        // The written model is a SPEC 4 model the verifier reads.
        #expect(hardmax("inspect", folder + "/m.json").out.contains("bilinear"))
    }

    @Test func clusterRefusesBadOptions() throws {
        let folder = try temporaryFolder()
        try write("{\"label\": \"s\", \"tokens\": [[1, 2]]}\n", to: folder + "/d.jsonl")
        #expect(hardmax("cluster", folder + "/d.jsonl", "--alpha", "-1").status == .unusableInput)
        #expect(hardmax("cluster", folder + "/d.jsonl", "--layers", "x").status == .unusableInput)
        #expect(hardmax("cluster", folder + "/d.jsonl", "--sequence", "5").status == .unusableInput)
        #expect(hardmax("cluster", folder + "/d.jsonl", "--axes", "0,").status == .unusableInput)
        #expect(hardmax("cluster", folder + "/d.jsonl", "--identity", "--matrix", "a.json").status == .unusableInput)
    }
}

@Suite("Weight files")
struct WeightFileTests {
    /// A safetensors file built byte by byte: header length (u64 LE), JSON header, then F32 data.
    static func safetensors(_ tensors: [(name: String, shape: [Int], values: [UInt32])]) -> [UInt8] {
        var offset = 0
        var entries: [String] = []
        var data: [UInt8] = []
        for t in tensors {
            let end = offset + 4 * t.values.count
            entries.append("\"\(t.name)\": {\"dtype\": \"F32\", \"shape\": \(t.shape), \"data_offsets\": [\(offset), \(end)]}")
            for bits in t.values { data += [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: bits >> $0) } }
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ", ") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        let length = UInt64(header.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + header + data
    }

    @Test func architectureWithWeightsEqualsConvertedModel() throws {
        let folder = try temporaryFolder()
        // 0x3DCCCCCD is 0.1f32 = 13421773/134217728; 0x3F800000 = 1; 0xBF000000 = -1/2; 0x3E800000 = 1/4.
        let weights = Self.safetensors([
            ("ff.weight", [1, 2], [0x3DCC_CCCD, 0x3F80_0000]), ("ff.bias", [1], [0xBF00_0000]),
            ("out.weight", [2, 1], [0x3F80_0000, 0]),
            ("head.weight", [2, 2], [0x3F80_0000, 0, 0xBF80_0000, 0]), ("head.bias", [2], [0, 0x3E80_0000]),
        ])
        try Data(weights).write(to: URL(fileURLWithPath: folder + "/w.safetensors"))
        try write("""
            {"format": "hardmax-transformer", "version": 1, "dimension": 2, "layers": [
              {"type": "feedforward", "w1": {"tensor": "ff.weight"}, "b1": {"tensor": "ff.bias"},
               "w2": {"tensor": "out.weight"}}],
             "readout": {"pool": "mean", "classes": ["high", "low"], "weight": {"tensor": "head.weight"},
                         "bias": {"tensor": "head.bias"}}}
            """, to: folder + "/arch.json")
        // Sequence "edge": x = (1/10, 1/5); 0.1f32 x_0 + x_1 - 1/2 < 0, so scores are (1/10, -1/10 + 1/4):
        // margin for "low" is 3/20 - 1/10 = 1/20 exactly. With 0.1 rounded to 0.1f32 nothing changes here,
        // but the certificate's margin is the exact one.
        try write("""
            {"id": "up", "label": "high", "tokens": [[1, 1], [2, 1]]}
            {"id": "edge", "label": "low", "tokens": [["0.1", "0.2"]]}

            """, to: folder + "/d.jsonl")

        let direct = hardmax("verify", folder + "/arch.json", folder + "/d.jsonl", "--weights", folder + "/w.safetensors",
                             "--certificate", folder + "/direct.json")
        #expect(direct.status == .pass, "\(direct.err)")
        let converted = hardmax("convert", folder + "/arch.json", "--weights", folder + "/w.safetensors",
                                "-o", folder + "/model.json")
        #expect(converted.status == .pass, "\(converted.err)")
        let model = try String(contentsOfFile: folder + "/model.json", encoding: .utf8)
        #expect(model.contains("\"13421773/134217728\""))
        let viaJSON = hardmax("verify", folder + "/model.json", folder + "/d.jsonl", "--certificate", folder + "/json.json")
        #expect(viaJSON.status == .pass)

        // The two certificates agree except for the model file, its hash, and the weights list.
        let a = try Certificate.read(file: folder + "/direct.json"), b = try Certificate.read(file: folder + "/json.json")
        #expect(a.verdict == b.verdict && a.counts == b.counts && a.minMargin == b.minMargin)
        #expect(a.results == b.results && a.datasets == b.datasets)
        #expect(a.weights.map(\.file) == ["w.safetensors"] && b.weights.isEmpty)
        #expect(a.model != b.model)
        #expect(try String(contentsOfFile: folder + "/direct.json", encoding: .utf8).contains("\"margin\": \"1/20\""))
        #expect(hardmax("check", folder + "/direct.json").status == .pass)

        // check re-hashes the weight file: one changed byte is caught.
        var tampered = weights
        tampered[tampered.count - 1] ^= 0x40
        try Data(tampered).write(to: URL(fileURLWithPath: folder + "/w.safetensors"))
        let checked = hardmax("check", folder + "/direct.json")
        #expect(checked.status == .verdictNotPass)
        #expect(checked.out.contains("w.safetensors"))
    }

    @Test func missingWeightsIsAClearError() throws {
        let folder = try temporaryFolder()
        try write("""
            {"format": "hardmax-transformer", "version": 1, "dimension": 1, "layers": [],
             "readout": {"pool": "mean", "classes": ["a"], "weight": {"tensor": "w"}, "bias": [0]}}
            """, to: folder + "/arch.json")
        try write("{\"label\": \"a\", \"tokens\": [[1]]}\n", to: folder + "/d.jsonl")
        let run = hardmax("verify", folder + "/arch.json", folder + "/d.jsonl")
        #expect(run.status == .unusableInput)
        #expect(run.err.contains("readout.weight"))
        #expect(hardmax("convert", folder + "/arch.json").err.contains("missing -o"))
    }
}

/// Regressions from the independent audit.
@Suite("Audit regressions")
struct AuditRegressionTests {
    /// "é" (U+00E9) and "e" + U+0301 are different labels, though Swift's String == calls them equal.
    @Test func canonicallyEquivalentLabelsAreDifferentLabels() throws {
        let folder = try temporaryFolder()
        try write("""
            {"format": "hardmax-transformer", "version": 1, "dimension": 1, "layers": [],
             "readout": {"pool": "mean", "classes": ["\\u00e9", "b"], "weight": [[1], [0]], "bias": [0, 0]}}
            """, to: folder + "/m.json")
        try write("{\"label\": \"e\\u0301\", \"tokens\": [[1]]}\n", to: folder + "/d.jsonl")
        let run = hardmax("verify", folder + "/m.json", folder + "/d.jsonl")
        #expect(run.status == .verdictNotPass)
        #expect(run.out.contains("is not a model class"))

        // Both forms as classes are two classes, not a duplicate.
        try write("""
            {"format": "hardmax-transformer", "version": 1, "dimension": 1, "layers": [],
             "readout": {"pool": "mean", "classes": ["\\u00e9", "e\\u0301"], "weight": [[1], [0]]}}
            """, to: folder + "/two.json")
        #expect(hardmax("inspect", folder + "/two.json").status == .pass)

        // Same tokens, the two forms as labels: a conflict, so construct refutes.
        try write("""
            {"label": "\\u00e9", "tokens": [[1]]}
            {"label": "e\\u0301", "tokens": [[1]]}

            """, to: folder + "/conflict.jsonl")
        #expect(hardmax("construct", folder + "/conflict.jsonl", "-o", folder + "/c.json").status == .verdictNotPass)
    }

    /// A huge declared dimension is an error about the shapes, not an allocation of its size.
    @Test func absurdDimensionIsAnErrorNotACrash() throws {
        let folder = try temporaryFolder()
        try write("""
            {"format": "hardmax-transformer", "version": 1, "dimension": 100000000000, "layers": [],
             "readout": {"pool": "mean", "classes": ["a"], "weight": [[1]]}}
            """, to: folder + "/m.json")
        let run = hardmax("inspect", folder + "/m.json")
        #expect(run.status == .unusableInput)
        #expect(run.err.contains("readout.weight: error: expected 100000000000 columns (the dimension), found 1"),
                "\(run.err)")
    }
}

@Suite("Outputs never replace inputs")
struct OutputPathTests {
    @Test func outputsThatAreInputsAreRefusedBeforeAnythingIsWritten() throws {
        let folder = try temporaryFolder()
        let data = folder + "/d.jsonl"
        try write("{\"label\": \"a\", \"tokens\": [[1, 2]]}\n", to: data)
        let original = try String(contentsOfFile: data, encoding: .utf8)

        let same = hardmax("construct", data, "-o", data)
        #expect(same.status == .unusableInput && same.err.contains("would overwrite the input"))
        let twice = hardmax("construct", data, "-o", folder + "/m.json", "--certificate", folder + "/./m.json")
        #expect(twice.status == .unusableInput && twice.err.contains("same file"))
        #expect(hardmax("construct", data, "-o", folder + "/m.json").status == .pass)
        let clobber = hardmax("verify", folder + "/m.json", data, "--junit", folder + "/m.json")
        #expect(clobber.status == .unusableInput)
        #expect(try String(contentsOfFile: data, encoding: .utf8) == original)
        #expect(hardmax("check", folder + "/m.certificate.json").status == .pass)
    }
}
