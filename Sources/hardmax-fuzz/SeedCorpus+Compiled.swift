import Exact
import HardmaxFormat
import HardmaxModel

/// Seeds for the fields of SPEC.md section 10: embeddings with a vocabulary, position tables, factored,
/// biased and scaled heads, sliced tensor references, value readouts, and symbol datasets with
/// per-token labels; and Tracr's compiled `sort` (certificates/tracr/sort) as it is committed.
extension SeedCorpus {
    /// Inline: an embedding (one symbol a JSON integer), a position table, a factored query-key head with
    /// every bias and a square-root scale, a bilinear head with a value bias and a rational scale, a
    /// uniform head with an output bias, and a value readout with a tolerance.
    static let compiledModel = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 2,
         "embedding": {"vocabulary": ["BOS", "a", "b", 7], "table": [[1, 0], [0, 1], [0, "-1/2"], ["1/3", 1]]},
         "positions": {"table": [[0, 0], [1, 0], [0, 1], ["1/2", "1/2"]]},
         "layers": [
          {"type": "attention", "residual": 1, "mask": "causal",
           "heads": [{"query": [[1, 0], [0, 1], [1, 1]], "queryBias": [0, 1, "-1/2"],
                      "key": [[0, 1], [1, 0], [1, -1]], "keyBias": ["1/4", 0, 0],
                      "value": [[1, 0]], "valueBias": [2], "output": [[1], ["-1/2"]], "outputBias": [0, "1/8"],
                      "scale": {"sqrt": "1/3"}},
                     {"bilinear": [[1, 0], [0, -1]], "value": [[0, 1], [1, 0]], "valueBias": [1, 0], "scale": "1/2"},
                     {"value": [[0, 0], [0, 0]], "outputBias": [1, 1]}]},
          {"type": "feedforward", "w1": [[1, 1]], "b1": [0], "w2": [[1], [0]], "b2": [0, 0], "residual": 1}
         ],
         "readout": {"pool": "every", "values": ["x", 2], "tolerance": "1/100",
                     "weight": [[1, 0], [0, 1]], "bias": [0, "1/2"]},
         "metadata": {"compiler": "fuzz seed"}}
        """

    /// Tensor references with `rows` and `columns` slices into the fuzzer's fused tensors (``FuzzTensors``):
    /// two heads of k = 1 cut from one d x (H k) kernel, transposed as Haiku stores it.
    static let slicedTensorModel = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 2,
         "embedding": {"vocabulary": ["a", "b", "c"], "table": {"tensor": "embed"}},
         "positions": {"table": {"tensor": "pos", "rows": [0, 3]}},
         "layers": [{"type": "attention", "heads": [
           {"query": {"tensor": "attn.qkv", "transpose": true, "rows": [0, 1]},
            "queryBias": {"tensor": "attn.b", "rows": [0, 1]},
            "key": {"tensor": "attn.qkv", "transpose": true, "rows": [2, 3]},
            "value": {"tensor": "attn.qkv", "transpose": true, "rows": [4, 5]},
            "valueBias": {"tensor": "attn.b", "rows": [4, 5]},
            "output": {"tensor": "attn.out", "columns": [0, 1]}, "outputBias": {"tensor": "ff.b1"},
            "scale": {"sqrt": "1"}},
           {"query": {"tensor": "attn.qkv", "transpose": true, "rows": [1, 2]},
            "key": {"tensor": "attn.qkv", "transpose": true, "rows": [3, 4]},
            "keyBias": {"tensor": "attn.b", "rows": [3, 4]},
            "value": {"tensor": "attn.qkv", "transpose": true, "rows": [5, 6]},
            "output": {"tensor": "attn.out", "columns": [1, 2]}}]}],
         "readout": {"pool": "every", "classes": ["a", "b"], "weight": {"tensor": "eye"}, "bias": {"tensor": "ff.b1"}}}
        """

    static var compiledModels: [Seed] {
        [text("compiled.json", compiledModel), text("sliced-tensors.json", slicedTensorModel)]
            + [tracr("sort", "model.json")].compactMap { $0 }
    }

    /// Symbols (a JSON integer among them), per-token labels with null, labels that are numbers and
    /// arrays of numbers, and a sequence labelled as a whole.
    static let symbolData = """
        {"id": "s1", "tokens": ["BOS", "a", "b"], "labels": [null, "a", "1/2"]}
        {"tokens": ["BOS", 7, "a", "a"], "labels": [null, [1, "-1/3"], 0, "0x1p-2"]}
        {"tokens": ["b"], "labels": [null]}
        {"id": "whole", "tokens": ["a", "b", "BOS"], "label": "b"}

        """

    static var symbolDatasets: [Seed] {
        [text("symbols.jsonl", symbolData)]
            + [tracr("sort", "data.jsonl", cases: 12), tracr("frac_prevs", "data.jsonl", cases: 12)].compactMap { $0 }
    }

    /// `certificates/tracr/PROGRAM/NAME`, named `tracr/PROGRAM/NAME` (every program has the same file names).
    static func tracr(_ program: String, _ name: String, cases: Int? = nil) -> Seed? {
        file("certificates/tracr/\(program)/\(name)", cases: cases).map {
            Seed(name: "tracr/\(program)/" + $0.name, file: $0.file, bytes: $0.bytes)
        }
    }
}

/// The tensors that the fuzzed model files may name (`{"tensor": NAME}`): a few small ones, and the
/// parameters of Tracr's compiled `sort` (certificates/tracr/sort/weights.safetensors) when present.
enum FuzzTensors {
    static let store: TensorStore? = {
        func t(_ name: String, _ shape: [Int], _ values: [Int]) -> (file: String, tensor: NamedTensor) {
            ("fuzz.safetensors", NamedTensor(name: name, shape: shape, values: values.map { Rational($0) }))
        }
        var tensors = [t("ff.w1", [2, 2], [1, -1, 0, 2]), t("ff.b1", [2], [0, -1]), t("eye", [2, 2], [1, 0, 0, 1]),
                       t("embed", [3, 2], [1, 0, 0, 1, 1, 1]), t("pos", [4, 2], [0, 0, 1, 0, 2, 0, 3, 1]),
                       t("attn.qkv", [2, 6], [1, 0, 0, 1, 1, -1, 0, 1, 1, 0, 2, 0]),
                       t("attn.b", [6], [0, 1, 0, -1, 2, 0]), t("attn.out", [2, 2], [1, 2, 0, -1])]
        let sort = SeedCorpus.packageRoot + "/certificates/tracr/sort/weights.safetensors"
        if let compiled = try? TensorFileReader.read(file: sort) {
            tensors += compiled.map { ("weights.safetensors", $0) }
        } else {
            SeedCorpus.missing.append(sort)
        }
        return try? TensorStore(tensors: tensors)
    }()
}
