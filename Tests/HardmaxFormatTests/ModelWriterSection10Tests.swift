import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxKernel
import HardmaxModel

/// ModelWriter and the fields of SPEC.md section 10: embeddings, position tables, factored, biased and
/// scaled heads, value readouts. What it writes reads back equal, and reads as the spec spells it.
@Suite struct ModelWriterSection10Tests {
    /// ModelReader.parse(ModelWriter.json(m)) == m, also through the text, over random section 10 models
    /// (seeds 0..<200); each is well formed, and writing what was read gives the same text.
    @Test func roundTripRandomSection10Models() throws {
        var seen = Set<String>()
        for seed in UInt64(0)..<200 {
            var rng = TestRandom(seed: seed)
            let model = try randomSection10Model(&rng)
            try model.checkWellFormed()
            #expect(try ModelReader.parse(ModelWriter.json(model), file: nil) == model, "seed \(seed)")
            let text = ModelWriter.text(model)
            let again = try ModelReader.read(bytes: Array(text.utf8), file: nil)
            #expect(again == model, "seed \(seed) (text)")
            #expect(ModelWriter.text(again) == text, "seed \(seed) (written twice)")
            seen.formUnion(Self.features(model))
        }
        // The generator reaches every field (so the round trip is tested on each).
        #expect(seen == ["embedding", "positionTable", "index", "queryBias", "keyBias", "valueBias", "output",
                         "outputBias", "sqrt", "rational scale", "values", "classes"])
    }

    /// Optional fields are written only when set, explicit zeros stay explicit, and the scale is omitted
    /// at 1, a string for another rational, `{"sqrt": q}` for a square root.
    @Test func writesSection10FieldsAsTheSpecSpellsThem() throws {
        let m = { (rows: [[Rational]]) in Matrix(rowArrays: rows, columns: rows[0].count) }
        let model = Model(
            dimension: 2, embedding: Embedding(vocabulary: ["BOS", "7"], table: m([[1, 0], [0, 1]])),
            positionTable: m([[0, 0], [try Rational(1, 2), 0], [0, 1]]),
            layers: [.attention(Attention(heads: [
                AttentionHead(score: .queryKey(query: m([[1, 0]]), key: m([[0, 1]])), queryBias: [0], value: m([[1, 1]]),
                              valueBias: [2], output: m([[1], [-1]]), scale: .squareRoot(try Rational(1, 8))),
                AttentionHead(score: .bilinear(m([[1, 0], [0, 1]])), value: m([[0, 0], [0, 0]]), outputBias: [0, 3],
                              scale: .rational(try Rational(3, 2))),
                AttentionHead(score: .uniform, value: m([[1, 0], [0, 1]]), scale: .rational(1)),
            ]))],
            readout: Readout(pool: .every, values: ValueOutput(names: ["y"], tolerance: try Rational(1, 100)),
                             weight: m([[1, 0]]), bias: [0]))
        let text = ModelWriter.text(model)
        #expect(text.contains("""
              "embedding": {
                "vocabulary": ["BOS", "7"],
                "table": [
                  ["1", "0"],
                  ["0", "1"]
                ]
              },
              "positions": {
                "table": [
            """))
        #expect(text.contains(#""queryBias": ["0"],"#) && !text.contains("keyBias"))
        #expect(text.contains(#""valueBias": ["2"],"#) && text.contains(#""outputBias": ["0", "3"]"#))
        #expect(text.contains(#""scale": {"sqrt": "1/8"}"#) && text.contains(#""scale": "3/2""#))
        #expect(text.components(separatedBy: "\"scale\"").count == 3, "the scale 1 is omitted")
        #expect(text.contains(#""values": ["y"],"#) && text.contains(#""tolerance": "1/100","#))
        #expect(!text.contains("classes") && !text.contains("\"tensor\""))
        // Fields in the order of SPEC.md section 10.
        let order = ["\"dimension\"", "\"embedding\"", "\"positions\"", "\"layers\"", "\"query\"", "\"queryBias\"",
                     "\"key\"", "\"value\"", "\"valueBias\"", "\"output\"", "\"scale\"", "\"readout\"", "\"values\"",
                     "\"tolerance\"", "\"weight\"", "\"metadata\""]
        let offsets = order.map { text.range(of: $0).map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? -1 }
        #expect(offsets == offsets.sorted() && !offsets.contains(-1), "\(zip(order, offsets).map { "\($0) \($1)" })")
        #expect(try ModelReader.read(bytes: Array(text.utf8), file: nil) == model)

        // nil biases and zero biases are different models, and each reads back as itself.
        var zeros = model
        if case .attention(var a) = zeros.layers[0] {
            a.heads[2].valueBias = [0, 0]
            zeros.layers[0] = .attention(a)
        }
        #expect(zeros != model)
        #expect(try ModelReader.parse(ModelWriter.json(zeros), file: nil) == zeros)
    }

    /// `"semantics": "softmax"` (SPEC.md section 11) is written, right after the dimension, and read back;
    /// hardmax, the default, is not written (section 4 files stay as they were).
    @Test func softmaxSemanticsIsWrittenAndHardmaxIsNot() throws {
        var rng = TestRandom(seed: 11)
        var model = try randomSection10Model(&rng)
        #expect(!ModelWriter.text(model).contains("\"semantics\""))
        model.semantics = .softmax
        let text = ModelWriter.text(model)
        #expect(text.contains("  \"dimension\": \(model.dimension),\n  \"semantics\": \"softmax\",\n"))
        #expect(try ModelReader.read(bytes: Array(text.utf8), file: nil) == model)
    }

    /// Which section 10 fields a model uses (for the coverage check of the random models).
    static func features(_ model: Model) -> Set<String> {
        var f = Set<String>()
        if model.embedding != nil { f.insert("embedding") }
        if model.positionTable != nil { f.insert("positionTable") }
        if model.positions == .index { f.insert("index") }
        f.insert(model.readout.values == nil ? "classes" : "values")
        for case .attention(let a) in model.layers {
            for h in a.heads {
                if h.queryBias != nil { f.insert("queryBias") }
                if h.keyBias != nil { f.insert("keyBias") }
                if h.valueBias != nil { f.insert("valueBias") }
                if h.output != nil { f.insert("output") }
                if h.outputBias != nil { f.insert("outputBias") }
                switch h.scale {
                case .squareRoot: f.insert("sqrt")
                case .rational(let beta) where beta != .one: f.insert("rational scale")
                case .rational: break
                }
            }
        }
        return f
    }
}

// MARK: Random section 10 models

/// A positive rational: a scale.
func randomPositiveRational(_ rng: inout TestRandom) throws -> Rational {
    let r = try randomRational(&rng)
    return r.signum > 0 ? r : r.signum < 0 ? -r : 1
}

/// Distinct names (vocabulary, classes, values), at least one.
func randomNames(_ rng: inout TestRandom, _ count: ClosedRange<Int>) -> [Label] {
    var names: [Label] = []
    for _ in 0..<rng.int(in: count) {
        let name = Label(randomString(&rng))
        if !names.contains(name) { names.append(name) }
    }
    return names.isEmpty ? ["only"] : names
}

/// A random head reading width w: any score, each bias present or not, factored or not, any scale.
func randomSection10Head(_ rng: inout TestRandom, width w: Int) throws -> AttentionHead {
    var head: AttentionHead
    switch rng.int(in: 0..<3) {
    case 0: head = AttentionHead(score: .uniform, value: Matrix(zeros: w, w))
    case 1: head = AttentionHead(score: .bilinear(try randomMatrix(&rng, w, w)), value: Matrix(zeros: w, w))
    default:
        let k = rng.int(in: 1...3)
        head = AttentionHead(score: .queryKey(query: try randomMatrix(&rng, k, w), key: try randomMatrix(&rng, k, w)),
                             value: Matrix(zeros: w, w))
        if rng.bool() { head.queryBias = try randomVector(&rng, k) }
        if rng.bool() { head.keyBias = try randomVector(&rng, k) }
    }
    let kv = rng.bool() ? rng.int(in: 1...3) : nil
    head.value = try randomMatrix(&rng, kv ?? w, w)
    if let kv { head.output = try randomMatrix(&rng, w, kv) }
    if rng.bool() { head.valueBias = try randomVector(&rng, kv ?? w) }
    if rng.bool() { head.outputBias = try randomVector(&rng, w) }
    switch rng.int(in: 0..<3) {
    case 0: head.scale = .rational(1)
    case 1: head.scale = .rational(try randomPositiveRational(&rng))
    default: head.scale = .squareRoot(try randomPositiveRational(&rng))
    }
    return head
}

/// A random well-formed model with the fields of SPEC.md section 10 in any combination: an embedding or
/// not, positions none, index or a table, every layer kind with section 10 heads, classes or values.
func randomSection10Model(_ rng: inout TestRandom) throws -> Model {
    var model = try randomModel(&rng)
    let d = model.dimension
    if rng.bool() {
        let vocabulary = randomNames(&rng, 1...5)
        model.embedding = Embedding(vocabulary: vocabulary, table: try randomMatrix(&rng, vocabulary.count, d))
    }
    if model.positions == .none && rng.bool() {
        model.positionTable = try randomMatrix(&rng, rng.int(in: 1...5), d)
    }
    var w = model.inputWidth
    for (l, layer) in model.layers.enumerated() {
        switch layer {
        case .attention(var a):
            a.heads = try (0..<rng.int(in: 1...3)).map { _ in try randomSection10Head(&rng, width: w) }
            model.layers[l] = .attention(a)
        case .affine(let a): w = a.weight.rows
        case .feedforward, .layerNorm: break
        }
    }
    if model.layers.allSatisfy({ if case .attention = $0 { return false } else { return true } }) {
        model.layers.append(.attention(Attention(heads: [try randomSection10Head(&rng, width: w)])))
    }
    if rng.bool() {
        let names = randomNames(&rng, 1...3)
        model.readout = Readout(pool: model.readout.pool,
                                values: ValueOutput(names: names, tolerance: rng.bool() ? 0 : try randomPositiveRational(&rng)),
                                weight: try randomMatrix(&rng, names.count, w), bias: try randomVector(&rng, names.count))
    }
    return model
}
