import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// The third-party models in /work/shared/models read with the structure their README describes, and
/// their readouts are the SPEC section 7 readout: class k scores k z - k^2/2.
@Suite struct ModelRealFilesTests {
    private func checkNearestIntegerReadout(_ r: Readout, coordinate o: Int) throws {
        for k in 0..<r.classes.count {
            #expect(r.weight.row(k) == (0..<r.weight.columns).map { $0 == o ? Rational(k) : 0 }, "row \(k)")
            #expect(r.bias[k] == (try Rational(-k * k, 2)), "bias \(k)")
        }
    }

    @Test(.sharedFiles("models/jv-compact.json"))
    func jvCompact() throws {
        let path = try sharedFile("models/jv-compact.json")
        let m = try ModelReader.read(file: path)
        #expect(m.dimension == 12 && m.positions == .none && m.layers.count == 3)
        guard case .feedforward(let f0) = m.layers[0], case .attention(let a) = m.layers[1],
              case .feedforward(let f2) = m.layers[2] else { Issue.record("layer kinds"); return }
        #expect(f0.hiddenWidth == 2 && f2.hiddenWidth == 622)
        #expect(f0.w1.row(1) == (0..<12).map { Rational(1 << $0) })  // 1, 2, 4, ..., 2048
        #expect(f0.b1[0] == (try Rational(783_783, 1_000_000)))
        #expect(f0.b1[1] == (try Rational(430_328_217, 500_000)))
        #expect(a.heads.count == 1 && a.heads[0].score == .uniform && a.residual == 1 && !a.causal)
        #expect(a.heads[0].value.entries.enumerated().allSatisfy { $0.element == ($0.offset == 1 ? 1 : 0) })
        #expect(f2.b2 == [try Rational(-53_640_799, 110_000)] + Array(repeating: 0, count: 11))
        #expect(m.readout.pool == .mean && m.readout.classes == (1...9).map { Label(String($0)) })
        try checkNearestIntegerReadout(m.readout, coordinate: 0)
    }

    @Test(.sharedFiles("models/bm-narrow.json"))
    func bmNarrow() throws {
        let path = try sharedFile("models/bm-narrow.json")
        let m = try ModelReader.read(file: path)
        #expect(m.dimension == 6 && m.layers.count == 62)
        var feedforwardWidths: Set<Int> = []
        var attentionCount = 0
        for layer in m.layers {
            switch layer {
            case .feedforward(let f): feedforwardWidths.insert(f.hiddenWidth)
            case .attention: attentionCount += 1
            case .affine, .layerNorm: Issue.record("unexpected affine or layernorm layer")
            }
        }
        #expect(feedforwardWidths == [1] && attentionCount == 1)
        #expect(m.readout.classes == ["Standing", "Running", "Walking", "Badminton"])
        try checkNearestIntegerReadout(m.readout, coordinate: 1)
        #expect(m.metadata["strategy"] == .string("narrow"))
    }
}

/// An in-memory resolver for tensor references.
struct DictionaryTensors: TensorResolver {
    var tensors: [String: Tensor]
    func tensor(named name: String) throws -> Tensor {
        guard let t = tensors[name] else { throw InputError(message: "no tensor named \"\(name)\"") }
        return t
    }
}

@Suite struct TensorReferenceTests {
    private let text = """
        {"format": "hardmax-transformer", "version": 1, "dimension": 2,
         "layers": [{"type": "affine", "weight": {"tensor": "W", "transpose": true}, "bias": {"tensor": "b"}}],
         "readout": {"pool": "last", "classes": ["x"], "weight": {"tensor": "R"}}}
        """
    private let resolver = DictionaryTensors(tensors: [
        "W": Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]),  // transposed: 3 x 2
        "b": Tensor(shape: [3], values: [7, 8, 9]),
        "R": Tensor(shape: [1, 3], values: [1, 0, -1]),
    ])

    @Test func resolvesAndTransposes() throws {
        let m = try ModelReader.read(bytes: Array(text.utf8), file: "t.json", tensors: resolver)
        guard case .affine(let a) = m.layers[0] else { Issue.record("not affine"); return }
        #expect(a.weight == Matrix(rows: 3, columns: 2, entries: [1, 4, 2, 5, 3, 6]))
        #expect(a.bias == [7, 8, 9] && m.readout.weight.row(0) == [1, 0, -1])
    }

    @Test func errors() {
        let none = inputError { try ModelReader.read(bytes: Array(text.utf8), file: "t.json") }
        #expect(none?.path == "layers[0].weight" && none?.message.contains("no weights file") == true)
        var bad = resolver
        bad.tensors["R"] = Tensor(shape: [1, 2], values: [1, 0])
        let shape = inputError { try ModelReader.read(bytes: Array(text.utf8), file: "t.json", tensors: bad) }
        #expect(shape?.path == "readout.weight")
        #expect(shape?.message == "expected 3 columns (the width after layers[0] (affine)), found 2 (tensor \"R\")")
        bad = resolver
        bad.tensors["b"] = nil
        let missing = inputError { try ModelReader.read(bytes: Array(text.utf8), file: "t.json", tensors: bad) }
        #expect(missing?.path == "layers[0].bias" && missing?.file == "t.json" && missing?.line == 2)
    }
}
