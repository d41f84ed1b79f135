import Foundation
import HardmaxCommandLine
import HardmaxKernel
import HardmaxVerifier
import Testing
import TestSupport

/// `inspect` and `convert` on Tracr's compiled programs as committed in certificates/tracr (SPEC section
/// 10: embedding, position table, factored heads with biases and scales, sliced tensors, symbol data
/// with per-token labels, value readouts).
@Suite("Compiled models: inspect and convert")
struct CompiledModelCommandTests {
    static func tracr(_ program: String, _ file: String) -> String {
        TestEnvironment.packageRoot + "/certificates/tracr/\(program)/\(file)"
    }

    /// convert writes a self-contained model whose verification is the architecture's with --weights:
    /// the same verdict, counts, min margin, rows and attention gaps.
    @Test func convertedSortVerifiesAsTheArchitectureWithWeights() throws {
        let folder = try temporaryFolder()
        let (arch, weights, data) = (Self.tracr("sort", "model.json"), Self.tracr("sort", "weights.safetensors"),
                                     Self.tracr("sort", "data.jsonl"))
        let converted = hardmax("convert", arch, "--weights", weights, "-o", folder + "/sort.json")
        #expect(converted.status == .pass, "\(converted.err)")
        #expect(converted.out == "wrote \(folder)/sort.json: 6 layers, dimension 43, 4 classes, tensors from 1 file(s)\n")
        let text = try String(contentsOfFile: folder + "/sort.json", encoding: .utf8)
        #expect(!text.contains("\"tensor\""))
        #expect(text.contains(#""vocabulary": ["1", "2", "3", "4", "BOS", "PAD"]"#))
        #expect(text.components(separatedBy: #""scale": {"sqrt": "1/22"}"#).count == 4)

        let direct = hardmax("verify", arch, data, "--weights", weights, "--certificate", folder + "/direct.json", "--jobs", "2")
        let viaFile = hardmax("verify", folder + "/sort.json", data, "--certificate", folder + "/converted.json", "--jobs", "2")
        #expect(direct.status == .pass && viaFile.status == .pass, "\(direct.err)\(viaFile.err)")
        let a = try Certificate.read(file: folder + "/direct.json"), b = try Certificate.read(file: folder + "/converted.json")
        #expect(a.verdict == .pass && a.verdict == b.verdict)
        #expect(a.counts == b.counts && a.counts?.sequences == 1364 && a.counts?.tokens == 7736)
        #expect(a.minMargin == b.minMargin && a.minMargin == 1)
        #expect(a.results == b.results && a.results.count == 1364)
        #expect(a.attentionGaps == b.attentionGaps && a.attentionGaps?.count == 3)
        #expect(a.weights.count == 1 && b.weights.isEmpty && a.model?.sha256 != b.model?.sha256)
        #expect(hardmax("check", folder + "/converted.json").status == .pass)

        // inspect says the same of both files.
        let inspected = hardmax("inspect", folder + "/sort.json")
        #expect(inspected.status == .pass && inspected.out == hardmax("inspect", arch, "--weights", weights).out)
    }

    /// The facts of sort (README table: vocabulary {1, 2, 3, 4} with BOS and PAD, d 43, 3 Tracr layers
    /// of 1 head, k = k_v = 22), and the parameter total is the sum of the parts shown.
    @Test func inspectWithWeightsShowsTheCompiledSort() throws {
        let run = hardmax("inspect", Self.tracr("sort", "model.json"), "--weights", Self.tracr("sort", "weights.safetensors"))
        #expect(run.status == .pass, "\(run.err)")
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "model: dimension 43, embedding of 6 symbols, positions table, 6 layers in 3 blocks, "
                + "readout every over 4 classes")
        #expect(lines.contains("embedding: vocabulary 6 (1, 2, 3, 4, BOS, PAD), table 6 x 43; 258 parameters (12 non-zero)"))
        #expect(lines.contains { $0.hasPrefix("positions: table 6 x 43 (sequences of up to 6 tokens); 258 parameters") })
        let attention = lines.filter { $0.contains("  attention  43 -> 43  ") }
        #expect(attention.count == 3)
        for line in attention {
            #expect(line.contains("head 0: query-key (k = 22), score rank "))
            #expect(line.contains(", factored (k_v = 22), value rank "))
            #expect(line.contains(", biases query/key/value/output all zero, scale sqrt(1/22); 3893 parameters"))
            #expect(!line.contains("head 1"))
        }
        #expect(lines.filter { $0.contains("  feedforward  43 -> 43  hidden 20") }.count == 3)
        #expect(lines.contains("readout: every, 4 classes (1, 2, 3, 4), 176 parameters"))
        // 3 x 3893 (Q, K, Wv, Wo: 4 x 22 x 43; biases 3 x 22 + 43) + 3 x 1783 (feedforward) + 2 x 258 + 176.
        #expect(lines.last == "parameters: 17720, non-zero 381")
        let parts = lines.dropLast().compactMap { line -> Int? in
            guard let r = line.range(of: #"[;,] (\d+) parameters"#, options: .regularExpression) else { return nil }
            return Int(line[r].filter(\.isNumber))
        }
        #expect(parts.count == 6 + 2 + 1 && parts.reduce(0, +) == 17720)
    }

    /// A value readout (frac_prevs: the fraction of previous tokens equal to "a") shows its name and tolerance.
    @Test func inspectShowsAValueReadout() {
        let run = hardmax("inspect", Self.tracr("frac_prevs", "model.json"), "--weights",
                          Self.tracr("frac_prevs", "weights.safetensors"))
        #expect(run.status == .pass, "\(run.err)")
        #expect(run.out.hasPrefix("model: dimension 13, embedding of 5 symbols, positions table, 4 layers in 2 blocks, "
                                  + "readout every over 1 value\n"))
        #expect(run.out.contains("\nreadout: every, 1 value (frac_prevs_1), tolerance 0, 14 parameters\n"))
    }

    /// Without --weights: one error that names the field, the tensor and the option, exit 2, nothing on stdout.
    @Test func inspectWithoutWeightsIsOneClearError() {
        let run = hardmax("inspect", Self.tracr("sort", "model.json"))
        #expect(run.status == .unusableInput)
        #expect(run.out.isEmpty)
        #expect(run.err.split(separator: "\n").count == 1)
        #expect(run.err.hasSuffix("model.json:7:14: embedding.table: error: tensor \"token_embed/embeddings\" is "
                                  + "referenced, but no weights file was given (--weights FILE)\n"))
        // Another program's weights (same names, other shapes): one error naming the slice and the tensor.
        let other = hardmax("inspect", Self.tracr("sort", "model.json"), "--weights",
                            Self.tracr("frac_prevs", "weights.safetensors"))
        #expect(other.status == .unusableInput && other.out.isEmpty)
        #expect(other.err.split(separator: "\n").count == 1, "\(other.err)")
        #expect(other.err.contains("layers[0].heads[0].query.rows: error: expected [a, b] with 0 <= a < b <= 7 (the rows "
                                   + "of tensor \"transformer/layer_0/attn/query/w\"), found [0, 22]"))
    }

    /// A symbol dataset with per-token labels: sequences, tokens, lengths, symbols seen, labelled and null
    /// positions, distinct labels.
    @Test func inspectOfASymbolDataset() {
        let run = hardmax("inspect", Self.tracr("sort", "data.jsonl"))
        #expect(run.status == .pass, "\(run.err)")
        #expect(run.out == """
            dataset: 1364 sequences, 7736 tokens (lengths 2 to 6), symbol tokens
            symbols: 5 seen (BOS, 1, 2, 3, 4)
            labels: per token in 1364 sequences (6372 labelled positions, 1364 null); 4 distinct (1, 2, 3, 4)

            """)
        let weights = hardmax("inspect", Self.tracr("sort", "data.jsonl"), "--weights", Self.tracr("sort", "weights.safetensors"))
        #expect(weights.status == .unusableInput && weights.err.contains("--weights is for a model file"))
    }

    /// Vector datasets, labels one per sequence, mixed with per-token labels, and all-null labels.
    @Test func inspectOfVectorAndMixedDatasets() throws {
        let folder = try temporaryFolder()
        try write("""
            {"label": "a", "tokens": [[1, 2], [3, 4]]}
            {"labels": [null, "b", "a"], "tokens": [[0, 0], [1, 1], [2, 2]]}
            {"labels": [null], "tokens": [["1/2", 0]]}

            """, to: folder + "/d.jsonl")
        let run = hardmax("inspect", folder + "/d.jsonl")
        #expect(run.status == .pass, "\(run.err)")
        #expect(run.out == """
            dataset: 3 sequences, 6 tokens (lengths 1 to 3), vector tokens of dimension 2
            labels: one per sequence in 1 sequence; per token in 2 sequences (2 labelled positions, 2 null); 2 distinct (a, b)

            """)
        try write("{\"label\": \"a\", \"tokens\": [\"x\", [1]]}\n", to: folder + "/bad.jsonl")
        let bad = hardmax("inspect", folder + "/bad.jsonl")
        #expect(bad.status == .unusableInput && bad.err.contains("bad.jsonl:1:"))
    }
}
