import Exact
import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// Architecture files (SPEC 4 model JSON with `{"tensor": NAME}` matrices and vectors) read with a
/// TensorStore as the ModelReader's resolver.
@Suite struct TensorArchitectureTests {
    typealias F = TensorTestFiles

    /// ff0.weight F32 [3, 2] = [[1, 0.5], [-2, 0], [0.25, 3]]   (PyTorch Linear(2, 3).weight: out x in)
    /// ff0.bias   F32 [3]    = [0.1f32, 0, -1]
    /// ff0.w2     F16 [3, 2] = stored in x out, used transposed as W2 (2 x 3) = [[1, 2, 3], [4, 5, 6]]
    /// head.v     I8  [2, 2] = [[1, 0], [0, -1]]
    let store: TensorStore = {
        let f32: [UInt64] = [0x3F80_0000, 0x3F00_0000, 0xC000_0000, 0, 0x3E80_0000, 0x4040_0000,
                             0x3DCC_CCCD, 0, 0xBF80_0000]
        let f16: [UInt64] = [0x3C00, 0x4400, 0x4000, 0x4500, 0x4200, 0x4600]  // 1 4 / 2 5 / 3 6
        var data = f32.flatMap { F.le($0, 4) }
        data += f16.flatMap { F.le($0, 2) }
        data += [1, 0, 0, 0xFF]
        let header = "{\"ff0.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]},"
            + "\"ff0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]},"
            + "\"ff0.w2\":{\"dtype\":\"F16\",\"shape\":[3,2],\"data_offsets\":[36,48]},"
            + "\"head.v\":{\"dtype\":\"I8\",\"shape\":[2,2],\"data_offsets\":[48,52]}}"
        // A fixture built in code: a failure here is a bug in the test itself.
        let tensors = (try? TensorFileReader.read(bytes: F.safetensors(header, data), file: "w.safetensors")) ?? []
        return (try? TensorStore(tensors: tensors.map { ("w.safetensors", $0) }))
            ?? (try! TensorStore(tensors: []))  // an empty store cannot hold duplicates
    }()

    func architecture(w1: String = "{\"tensor\": \"ff0.weight\"}", b1: String = "{\"tensor\": \"ff0.bias\"}",
                      w2: String = "{\"tensor\": \"ff0.w2\", \"transpose\": true}") -> [UInt8] {
        Array("""
            {"format": "hardmax-transformer", "version": 1, "dimension": 2,
             "layers": [
               {"type": "attention", "heads": [{"value": {"tensor": "head.v"}}]},
               {"type": "feedforward", "w1": \(w1), "b1": \(b1), "w2": \(w2)}
             ],
             "readout": {"pool": "mean", "classes": ["a", "b"], "weight": [[1, 0], [0, 1]]}}
            """.utf8)
    }

    @Test func tensorReferencesBecomeExactMatrices() throws {
        #expect(store.tensors.count == 4)
        let model = try ModelReader.read(bytes: architecture(), file: "arch.json", tensors: store)
        guard case .attention(let a) = model.layers[0], case .feedforward(let f) = model.layers[1] else {
            Issue.record("layer types"); return
        }
        #expect(a.heads[0].value == Matrix(rows: 2, columns: 2, entries: [1, 0, 0, -1]))
        #expect(f.w1 == Matrix(rows: 3, columns: 2, entries: [1, try Rational(1, 2), -2, 0, try Rational(1, 4), 3]))
        #expect(f.b1 == [try Rational(13421773, 134217728), 0, -1])
        #expect(f.w2 == Matrix(rows: 2, columns: 3, entries: [1, 2, 3, 4, 5, 6]))
    }

    @Test func errorsNameTheJSONPathAndTheTensor() throws {
        let columns = inputError {
            try ModelReader.read(bytes: architecture(w1: "{\"tensor\": \"ff0.w2\", \"transpose\": true}"),
                                 file: "arch.json", tensors: store)
        }
        #expect(columns?.path == "layers[1].w1")
        #expect(columns?.message.contains("ff0.w2") == true)
        #expect(columns?.file == "arch.json" && columns?.line != nil)
        let missing = inputError {
            try ModelReader.read(bytes: architecture(b1: "{\"tensor\": \"ff0.bais\"}"), file: "arch.json", tensors: store)
        }
        #expect(missing?.path == "layers[1].b1")
        #expect(missing?.message == "no tensor named 'ff0.bais' (not in w.safetensors); did you mean 'ff0.bias'?")
        let rank = inputError {
            try ModelReader.read(bytes: architecture(b1: "{\"tensor\": \"ff0.weight\"}"), file: "arch.json", tensors: store)
        }
        #expect(rank?.path == "layers[1].b1")
        #expect(rank?.message.contains("ff0.weight") == true)
        let noStore = inputError { try ModelReader.read(bytes: architecture(), file: "arch.json") }
        #expect(noStore?.message.contains("no weights file") == true)
    }

    /// What `hardmax convert ARCH --weights FILE... -o MODEL.json` does: the written model reads back,
    /// without any weight file, as the same exact model.
    @Test func convertedModelReadsBackEqual() throws {
        let model = try ModelReader.read(bytes: architecture(), file: "arch.json", tensors: store)
        let text = ModelWriter.text(model)
        #expect(!text.contains("tensor"))
        #expect(try ModelReader.read(bytes: Array(text.utf8), file: "model.json") == model)
    }
}
