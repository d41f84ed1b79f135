import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// A model with every field of SPEC.md section 11; the tests below break it one field at a time.
let enclosureSampleText = """
    {
      "format": "hardmax-transformer", "version": 1,
      "dimension": 2,
      "semantics": "softmax",
      "layers": [
        {"type": "attention", "heads": [{"query": [[1, 0]], "key": [[0, 1]], "value": [[1, 0], [0, 1]], "scale": {"sqrt": "1/8"}}], "norm": {"gamma": [1, 1], "beta": [0, "1/2"], "epsilon": "1/100000"}},
        {"type": "layernorm", "gamma": [1, "-1/2"], "beta": [0, 0], "epsilon": "1/4"},
        {"type": "feedforward", "w1": [[1, 1]], "b1": [0], "w2": [[1], [0]], "activation": "gelu", "norm": {"gamma": [2, 2], "beta": [1, 1], "epsilon": 1}},
        {"type": "affine", "weight": [[1, 0], [0, 1], [1, 1]], "bias": [0, 0, 0]},
        {"type": "feedforward", "w1": [[1, 1, 1]], "b1": [0], "w2": [[1], [0], [0]], "activation": "gelu_tanh"},
        {"type": "layernorm", "gamma": [1, 1, 1], "beta": [0, 0, 0], "epsilon": "1e-5"}
      ],
      "readout": {"pool": "mean", "classes": ["a", "b"], "weight": [[1, 0, 0], [0, 1, 0]]}
    }
    """

@Suite struct ModelReaderEnclosureTests {
    private func read(_ text: String) throws -> Model {
        try ModelReader.read(bytes: Array(text.utf8), file: "m.json")
    }

    @Test func sampleReads() throws {
        let m = try read(enclosureSampleText)
        let tenThousandth = try Rational(1, 100_000)
        #expect(m.semantics == .softmax && m.needsEnclosures && m.layers.count == 6)
        guard case .attention(let a) = m.layers[0], case .layerNorm(let n) = m.layers[1],
              case .feedforward(let f) = m.layers[2], case .feedforward(let g) = m.layers[4],
              case .layerNorm(let last) = m.layers[5] else {
            Issue.record("layer kinds")
            return
        }
        #expect(a.norm == LayerNorm(gamma: [1, 1], beta: [0, try Rational(1, 2)], epsilon: tenThousandth))
        #expect(a.heads[0].scale == .squareRoot(try Rational(1, 8)))
        #expect(n == LayerNorm(gamma: [1, try Rational(-1, 2)], beta: [0, 0], epsilon: try Rational(1, 4)))
        #expect(f.activation == .gelu && f.norm == LayerNorm(gamma: [2, 2], beta: [1, 1], epsilon: 1))
        #expect(g.activation == .geluTanh && g.norm == nil)
        #expect(last.gamma.count == 3 && last.epsilon == tenThousandth)
        // Defaults: hardmax, relu, no norms.
        let plain = try read(enclosureSampleText.replacingOccurrences(of: "\"semantics\": \"softmax\",", with: "")
            .replacingOccurrences(of: ", \"activation\": \"gelu_tanh\"", with: ""))
        guard case .feedforward(let relu) = plain.layers[4] else { Issue.record("layer 4"); return }
        #expect(plain.semantics == .hardmax && relu.activation == .relu)
        let hardmax = try read(enclosureSampleText.replacingOccurrences(of: "\"softmax\"", with: "\"hardmax\""))
        #expect(hardmax.semantics == .hardmax && hardmax.needsEnclosures)
    }

    /// Replacing `old` by `new` in the sample gives one error at `path` whose message contains `phrase`.
    @Test(arguments: [
        // Widths: the width at the layer (2, or 3 after the affine layer).
        ("\"gamma\": [1, \"-1/2\"]", "\"gamma\": [1, \"-1/2\", 3]", "layers[1].gamma", "expected 2 entries"),
        ("\"beta\": [0, 0], \"epsilon\": \"1/4\"", "\"beta\": [0], \"epsilon\": \"1/4\"", "layers[1].beta", "expected 2 entries"),
        ("\"beta\": [0, \"1/2\"]", "\"beta\": [0]", "layers[0].norm.beta", "expected 2 entries"),
        ("\"gamma\": [1, 1], \"beta\": [0, \"1/2\"]", "\"gamma\": [1, 1, 1], \"beta\": [0, \"1/2\"]", "layers[0].norm.gamma",
         "expected 2 entries"),
        ("\"gamma\": [2, 2]", "\"gamma\": [2]", "layers[2].norm.gamma", "expected 2 entries"),
        ("\"gamma\": [1, 1, 1]", "\"gamma\": [1, 1]", "layers[5].gamma", "expected 3 entries"),
        // epsilon > 0.
        ("\"epsilon\": \"1/4\"", "\"epsilon\": 0", "layers[1].epsilon", "greater than 0"),
        ("\"epsilon\": \"1/4\"", "\"epsilon\": \"-1/4\"", "layers[1].epsilon", "greater than 0"),
        ("\"epsilon\": 1}", "\"epsilon\": \"-0.5\"}", "layers[2].norm.epsilon", "greater than 0"),
        ("\"epsilon\": \"1/100000\"", "\"epsilon\": 0", "layers[0].norm.epsilon", "greater than 0"),
        ("\"epsilon\": \"1/4\"", "\"epsilon\": \"tiny\"", "layers[1].epsilon", "found \"tiny\""),
        // gamma, beta and epsilon are all required.
        ("\"gamma\": [1, \"-1/2\"], ", "", "layers[1]", "missing field \"gamma\""),
        ("\"beta\": [0, 0], ", "", "layers[1]", "missing field \"beta\""),
        (", \"epsilon\": \"1/4\"", "", "layers[1]", "missing field \"epsilon\""),
        ("\"beta\": [0, \"1/2\"], ", "", "layers[0].norm", "missing field \"beta\""),
        ("\"gamma\": [2, 2], ", "", "layers[2].norm", "missing field \"gamma\""),
        (", \"epsilon\": 1}", "}", "layers[2].norm", "missing field \"epsilon\""),
        // Shapes and fields.
        ("\"gamma\": [1, \"-1/2\"]", "\"gamma\": [1, \"x\"]", "layers[1].gamma[1]", "expected a number"),
        ("\"norm\": {\"gamma\": [2, 2], \"beta\": [1, 1], \"epsilon\": 1}", "\"norm\": [1]", "layers[2].norm", "expected"),
        ("\"epsilon\": \"1/100000\"}", "\"epsilon\": \"1/100000\", \"type\": \"layernorm\"}", "layers[0].norm.type",
         "unknown field \"type\""),
        ("\"epsilon\": \"1/4\"}", "\"epsilon\": \"1/4\", \"residual\": 1}", "layers[1].residual", "unknown field \"residual\""),
        ("\"bias\": [0, 0, 0]}", "\"bias\": [0, 0, 0], \"norm\": {\"gamma\": [1, 1], \"beta\": [0, 0], \"epsilon\": 1}}",
         "layers[3].norm", "unknown field \"norm\""),
        // Activations and semantics.
        ("\"activation\": \"gelu\"", "\"activation\": \"swish\"", "layers[2].activation", "\"relu\""),
        ("\"activation\": \"gelu\"", "\"activation\": \"GELU\"", "layers[2].activation", "\"gelu_tanh\""),
        ("\"activation\": \"gelu_tanh\"", "\"activation\": 1", "layers[4].activation", "found"),
        ("\"semantics\": \"softmax\"", "\"semantics\": \"argmax\"", "semantics", "\"hardmax\""),
        ("\"semantics\": \"softmax\"", "\"semantics\": \"hardmax-enclosure\"", "semantics", "\"softmax\""),
        ("\"semantics\": \"softmax\"", "\"semantics\": true", "semantics", "found"),
    ])
    func malformed(old: String, new: String, path: String, phrase: String) {
        #expect(enclosureSampleText.contains(old), "sample lacks \(old)")
        let text = enclosureSampleText.replacingOccurrences(of: old, with: new)
        guard let e = inputError({ try read(text) }) else { return }
        #expect(e.file == "m.json")
        #expect(e.path == path, "\(new): \(e)")
        #expect(e.message.contains(phrase), "\(new): \(e)")
        #expect(e.line != nil && e.column != nil, "\(new): \(e)")
    }
}
