import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxKernel
import HardmaxModel

@Suite struct ModelWriterTests {
    /// ModelReader.parse(ModelWriter.json(m)) == m, also through the text, over random models (seeds 0..<150).
    @Test func roundTripRandomModels() throws {
        for seed in UInt64(0)..<150 {
            var rng = TestRandom(seed: seed)
            let model = try randomModel(&rng)
            #expect(try ModelReader.parse(ModelWriter.json(model), file: nil) == model, "seed \(seed)")
            let text = ModelWriter.text(model)
            #expect(try ModelReader.read(bytes: Array(text.utf8), file: nil) == model, "seed \(seed) (text)")
            try model.checkWellFormed()
        }
    }

    @Test func writesDefaultsAndNumbersAsStrings() throws {
        let model = Model(dimension: 1, layers: [
            .feedforward(FeedForward(w1: Matrix(rows: 1, columns: 1, entries: [try Rational(6, 4)]), b1: [-1],
                                     w2: Matrix(rows: 1, columns: 1, entries: [1]), b2: [0])),
        ], readout: Readout(pool: .mean, classes: ["a"], weight: Matrix(rows: 1, columns: 1, entries: [1]), bias: [0]))
        let expected = """
            {
              "format": "hardmax-transformer",
              "version": 1,
              "dimension": 1,
              "positions": "none",
              "layers": [
                {
                  "type": "feedforward",
                  "w1": [
                    ["3/2"]
                  ],
                  "b1": ["-1"],
                  "w2": [
                    ["1"]
                  ],
                  "b2": ["0"],
                  "residual": "1"
                }
              ],
              "readout": {
                "pool": "mean",
                "classes": ["a"],
                "weight": [
                  ["1"]
                ],
                "bias": ["0"]
              },
              "metadata": {}
            }

            """
        #expect(ModelWriter.text(model) == expected)
    }

    @Test(.sharedFiles("models/jv-compact.json", "models/bm-narrow.json"))
    func realModelsSurviveReadWriteRead() throws {
        for name in ["jv-compact.json", "bm-narrow.json"] {
            let path = try sharedFile("models/" + name)
            let model = try ModelReader.read(file: path)
            let text = ModelWriter.text(model)
            #expect(try ModelReader.read(bytes: Array(text.utf8), file: name) == model, "\(name)")
        }
    }

    @Test func validateFindsBadShapes() throws {
        var rng = TestRandom(seed: 7)
        var model = try randomModel(&rng)
        let width = model.readout.weight.columns
        model.readout.weight = Matrix(zeros: model.readout.classes.count, 99)
        // The kernel's definition, as the reader applies it to the written text.
        #expect(inputError { try model.checkWellFormed() }?.message.contains("found 99") == true)
        let e = inputError { try ModelReader.parse(ModelWriter.json(model), file: nil) }
        #expect(e?.path == "readout.weight" && e?.message.contains("found 99") == true)
        (model.readout.classes, model.readout.weight, model.readout.bias) = (["x", "x"], Matrix(zeros: 2, width), [0, 0])
        #expect(inputError { try model.checkWellFormed() }?.path == "readout.classes[1]")
        #expect(inputError { try ModelReader.parse(ModelWriter.json(model), file: nil) }?.message
                == "duplicate class name \"x\" (also classes[0])")
    }
}

// MARK: Random models

func randomRational(_ rng: inout TestRandom) throws -> Rational {
    switch rng.int(in: 0..<6) {
    case 0: return 0
    case 1: return Rational(rng.int(in: -3...3))
    case 2: return try Rational(parsing: "\(rng.int(in: -1_000_000_000...1_000_000_000))"
                                + "123456789012345678901234567890/7")
    default: return try Rational(rng.int(in: -50...50), rng.int(in: 1...40))
    }
}

func randomMatrix(_ rng: inout TestRandom, _ rows: Int, _ columns: Int) throws -> Matrix {
    Matrix(rows: rows, columns: columns, entries: try (0..<(rows * columns)).map { _ in try randomRational(&rng) })
}

func randomVector(_ rng: inout TestRandom, _ count: Int) throws -> [Rational] {
    try (0..<count).map { _ in try randomRational(&rng) }
}

func randomModel(_ rng: inout TestRandom) throws -> Model {
    let dimension = rng.int(in: 1...3)
    let positions: Positions = rng.bool() ? .index : .none
    var w = positions == .index ? dimension + 1 : dimension
    var layers: [Layer] = []
    for _ in 0..<rng.int(in: 0...4) {
        switch rng.int(in: 0..<3) {
        case 0:
            var heads: [AttentionHead] = []
            for _ in 0..<rng.int(in: 1...3) {
                let score: AttentionScore
                switch rng.int(in: 0..<3) {
                case 0: score = .uniform
                case 1: score = .bilinear(try randomMatrix(&rng, w, w))
                default:
                    let k = rng.int(in: 1...3)
                    score = .queryKey(query: try randomMatrix(&rng, k, w), key: try randomMatrix(&rng, k, w))
                }
                heads.append(AttentionHead(score: score, value: try randomMatrix(&rng, w, w)))
            }
            layers.append(.attention(Attention(heads: heads, residual: try randomRational(&rng),
                                               causal: rng.bool())))
        case 1:
            let m = rng.int(in: 1...3)
            layers.append(.feedforward(FeedForward(w1: try randomMatrix(&rng, m, w), b1: try randomVector(&rng, m),
                                                   w2: try randomMatrix(&rng, w, m), b2: try randomVector(&rng, w),
                                                   residual: try randomRational(&rng))))
        default:
            let out = rng.int(in: 1...4)
            layers.append(.affine(Affine(weight: try randomMatrix(&rng, out, w), bias: try randomVector(&rng, out))))
            w = out
        }
    }
    var classes: [Label] = []
    for _ in 0..<rng.int(in: 1...4) {
        let name = Label(randomString(&rng))
        if !classes.contains(name) { classes.append(name) }
    }
    if classes.isEmpty { classes = ["only"] }
    let pool = [Pool.mean, .first, .last, .every][rng.int(in: 0..<4)]
    var metadata = randomJSON(&rng, depth: 1)
    if metadata.objectMembers == nil { metadata = .object([JSONMember(key: "m", value: metadata)]) }
    return Model(dimension: dimension, positions: positions, layers: layers,
                 readout: Readout(pool: pool, classes: classes, weight: try randomMatrix(&rng, classes.count, w),
                                  bias: try randomVector(&rng, classes.count)),
                 metadata: metadata)
}
