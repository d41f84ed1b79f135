import Exact
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// What `inspect` reports of the fields of SPEC.md section 10, on hand-computed models and datasets.
@Suite struct ModelSummarySection10Tests {
    /// A factored head's value rank is the rank of Wo Wv (w x w), not of Wv or Wo alone; biases are
    /// listed as given, the non-zero ones apart; the scale as written; tables counted as parameters.
    @Test func factoredBiasedScaledHeadsAndTables() {
        // Wv (2 x 3) and Wo (3 x 2) both have rank 2, but Wo Wv = [[1, 0, 0], [0, 0, 0], [1, 0, 0]] has rank 1.
        let factored = AttentionHead(score: .queryKey(query: mat([[1, 0, 0]]), key: mat([[0, 1, 0]])), queryBias: [0],
                                     keyBias: [0], value: mat([[1, 0, 0], [0, 1, 0]]), valueBias: [0, 0],
                                     output: mat([[1, 0], [0, 0], [1, 0]]), outputBias: [0, q(1, 2), 0],
                                     scale: .squareRoot(q(1, 8)))
        let plain = AttentionHead(score: .uniform, value: mat([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), scale: .rational(q(3)))
        let model = Model(dimension: 3, embedding: Embedding(vocabulary: ["BOS", "a"], table: mat([[1, 0, 0], [0, 0, 0]])),
                          positionTable: mat([[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0]]),
                          layers: [.attention(Attention(heads: [factored, plain]))],
                          readout: Readout(pool: .every, values: ValueOutput(names: ["v"], tolerance: q(1, 100)),
                                           weight: mat([[1, 1, 1]]), bias: [0]))
        let s = ModelSummary(model)
        #expect(s.layers[0].heads == [
            ModelSummary.Head(score: "query-key", k: 1, scoreRank: 1, valueRank: 1, valueWidth: 2,
                              biases: [.query, .key, .value, .output], nonZeroBiases: [.output], scale: .squareRoot(q(1, 8))),
            ModelSummary.Head(score: "uniform", k: nil, scoreRank: 0, valueRank: 3, scale: .rational(3)),
        ])
        #expect(s.vocabulary == ["BOS", "a"] && s.embedding?.rows == 2 && s.embedding?.columns == 3)
        #expect(s.embedding?.nonZeroParameters == 1 && s.positionTable?.parameters == 12)
        // Embedding 6 + table 12; head 0: 3 + 3 + 6 + 6 + 1 + 1 + 2 + 3 = 25; head 1: 9; readout 3 + 1.
        #expect(s.census.input.parameters == 18 && s.census.layerParts[0].parameters == 34)
        #expect(s.census.parameters == 18 + 34 + 4)
        #expect(s.text == """
            model: dimension 3, embedding of 2 symbols, positions table, 1 layers in 1 blocks, readout every over 1 value
            embedding: vocabulary 2 (BOS, a), table 2 x 3; 6 parameters (1 non-zero)
            positions: table 4 x 3 (sequences of up to 4 tokens); 12 parameters (3 non-zero)
            layer 0  block 0  attention  3 -> 3  head 0: query-key (k = 1), score rank 1, factored (k_v = 2), value rank 1, \
            biases query/key/value/output (non-zero: output), scale sqrt(1/8); head 1: uniform, score rank 0, value rank 3, \
            scale 3; 34 parameters (10 non-zero)
            readout: every, 1 value (v), tolerance 1/100, 4 parameters
            parameters: 56, non-zero 17

            """)
    }

    /// Section 11 facts: softmax attention in the first line, a non-relu activation and pre-norm per layer.
    @Test func softmaxActivationAndPreNorm() {
        let norm = LayerNorm(gamma: [1, 1], beta: [0, 0], epsilon: q(1, 100000))
        var model = Model(dimension: 2, layers: [
            .attention(Attention(heads: [AttentionHead(score: .uniform, value: mat([[1, 0], [0, 1]]))], norm: norm)),
            .feedforward(FeedForward(w1: mat([[1, 0]]), b1: [0], w2: mat([[1], [0]]), b2: [0, 0], activation: .geluTanh)),
            .layerNorm(norm),
        ], readout: Readout(pool: .mean, classes: ["a", "b"], weight: mat([[1, 0], [0, 1]]), bias: [0, 0]))
        model.semantics = .softmax
        let lines = ModelSummary(model).text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "model: dimension 2, softmax attention, positions none, 3 layers in 1 blocks, readout mean over 2 classes")
        // The norm's gamma and beta are parameters of the layer: V 4 (2 non-zero) + gamma 2 + beta 2.
        #expect(lines[1].hasSuffix("head 0: uniform, score rank 0, value rank 2; pre-norm; 8 parameters (4 non-zero)"))
        #expect(lines[2].hasSuffix("hidden 1, rank W1 1; activation gelu_tanh; 7 parameters (2 non-zero)"))
        #expect(lines[3].hasPrefix("layer 2  no block  layernorm  2 -> 2  "))
    }

    /// The rank work of a factored head is that of the product Wo Wv (w x w x k_v), so a wide factored
    /// head is refused up front like a wide query-key head.
    @Test func rankWorkCountsTheFactoredProduct() {
        let w = 40, kv = 20
        let head = AttentionHead(score: .uniform, value: Matrix(zeros: kv, w), output: Matrix(zeros: w, kv))
        let model = Model(dimension: w, layers: [.attention(Attention(heads: [head]))],
                          readout: Readout(pool: .mean, classes: ["a"], weight: Matrix(zeros: 1, w), bias: [0]))
        let estimate = WorkEstimate(ranksOf: model)
        // w x w x k_v products, then w x w x min(k_v, w) elimination steps.
        #expect(estimate.exactOperations == 2 * w * w * kv)
    }

    /// Distinct labels are counted up to a limit; past it the summary says "at least".
    @Test func distinctLabelsStopAtTheLimit() {
        var summary = DatasetSummary()
        let limit = DatasetSummary.DistinctNames.limit
        for k in 0...limit {
            summary.add(LabelledSequence(labels: .whole(Label("\(k)")), symbols: ["s"]))
        }
        #expect(summary.labels.names.count == limit && !summary.labels.complete)
        #expect(summary.text.contains("labels: one per sequence in \(limit + 1) sequences; at least \(limit) distinct (0, 1, 2,"))
        #expect(summary.text.contains("symbols: 1 seen (s)\n"))
    }
}
