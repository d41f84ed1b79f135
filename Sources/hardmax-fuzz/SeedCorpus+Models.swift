import HardmaxConstruction
/// Model and certificate seeds.
extension SeedCorpus {
    /// Every layer kind and option on width 2 (an affine layer widens to 3).
    static let everyLayerModel = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 2, "positions": "none",
         "layers": [
          {"type": "attention", "mask": "causal", "residual": "1/2",
           "heads": [{"query": [[1, 0]], "key": [[0, 1]], "value": [[1, 0], [0, 1]]},
                     {"bilinear": [[1, "-1/3"], [0, 2]], "value": [[0, 0], ["1/2", 0]]},
                     {"value": [[0, 1], [0, 0]]}]},
          {"type": "feedforward", "w1": [[1, 1], [1, -1], [0, "0x1p-3"]], "b1": [0, "-1/2", 1],
           "w2": [[1, 0, 0], [0, 1, "2.5e-1"]], "b2": ["1e-2", 0], "residual": 1},
          {"type": "affine", "weight": [[1, 0], [0, 1], [1, 1]], "bias": [0, 0, "-7/8"]},
          {"type": "attention", "heads": [{"query": [[1, 0, 0], [0, 1, 0]], "key": [[0, 0, 1], [1, 0, 0]],
                                          "value": [[1, 0, 0], [0, 0, 0], [0, 0, 1]]}]}
         ],
         "readout": {"pool": "every", "classes": ["a", "b", "c"],
                     "weight": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "bias": [0, 0, "1/3"]},
         "metadata": {"note": "fuzz seed", "list": [1, 2, {"x": null}], "flag": true}}
        """

    static let positionsModel = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 1, "positions": "index",
         "layers": [{"type": "feedforward", "w1": [[0, 1]], "b1": [-1], "w2": [[1], [0]]}],
         "readout": {"pool": "last", "classes": ["x", "y"], "weight": [[1, 0], [-1, 0]], "bias": [0, "1/1000"]}}
        """

    static let minimalModel = """
        {"format":"hardmax-transformer","version":1,"dimension":3,"layers":[],
         "readout":{"pool":"first","classes":["only"],"weight":[[1,2,3]],"bias":[0]}}
        """

    /// A model whose matrices come from the fuzzer's tensor store (see ``FuzzTensors``).
    static let tensorModel = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 2,
         "layers": [{"type": "feedforward", "w1": {"tensor": "ff.w1"}, "b1": {"tensor": "ff.b1"},
                     "w2": {"tensor": "ff.w1", "transpose": true}, "residual": 1},
                    {"type": "attention", "heads": [{"bilinear": {"tensor": "eye"}, "value": {"tensor": "eye"}}]}],
         "readout": {"pool": "mean", "classes": ["a", "b"], "weight": {"tensor": "eye"}, "bias": {"tensor": "ff.b1"}}}
        """

    /// A short chain of the hostile shape of issue 15 (``HostileShapes``), one layer a line: 4 layers,
    /// entries 1/(odd 61-bit integer), so that repeating a line makes chains of hundreds of layers whose
    /// growing numbers the work estimate must bound.
    static let chainModel: String = {
        var rng = SplitMix64(seed: 15)
        return HostileShapes.chain(bits: 61, depth: 4, feedforwardShare: 25, tokens: 1, &rng).model
    }()

    static var models: [Seed] {
        var seeds = [text("every-layer.json", everyLayerModel), text("positions.json", positionsModel),
                     text("minimal.json", minimalModel), text("tensor-model.json", tensorModel),
                     text("big-denominator-chain.json", chainModel)] + compiledModels
        seeds += ["certificates/one-dimensional/ramps-compact.json", "certificates/one-dimensional/ramps-narrow.json",
                  "certificates/demo-library/library-compact.json", "../shared/models/bm-narrow.json",
                  "../shared/models/jv-compact.json"].compactMap { file($0) }
        return seeds
    }

    static var certificates: [Seed] {
        ["certificates/one-dimensional/ramps-compact.certificate.json",
         "certificates/refutation/reorderings.certificate.json",
         "certificates/third-party/jv-compact.certificate.json",
         "certificates/third-party/bm-narrow.certificate.json",
         "certificates/demo-library/library-narrow.certificate.json"].compactMap { file($0) }
    }

    /// Any JSON: the model and certificate seeds and a few documents of every value kind.
    static var json: [Seed] {
        [text("values.json", #"[null, true, false, 0, -0.5e-3, 1E+2, "s\u00e9\n\"", {}, [], {"a": {"b": [1]}}]"#),
         text("nested.json", String(repeating: "[", count: 200) + String(repeating: "]", count: 200)),
         text("bom.json", "\u{FEFF} {\"k\": \"\\ud83d\\ude00\"} "),
         text("everyLayer.json", everyLayerModel)] + certificates.prefix(2)
    }
}
