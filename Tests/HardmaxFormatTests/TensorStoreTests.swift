import Exact
import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// TensorStore over real files in a temporary folder: unique names across files, matrices, vectors.
@Suite struct TensorStoreTests {
    typealias F = TensorTestFiles

    /// A fresh folder with `files` written into it; returns the folder path.
    func folder(_ files: [String: [UInt8]]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("hardmax-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, bytes) in files {
            try FileIO.writeAtomically(bytes, to: path + "/" + name)
        }
        return path
    }

    /// ff0.weight: U8 [2, 3] = [[1, 2, 3], [4, 5, 6]]; ff0.bias: I8 [2] = [-1, 1].
    let safetensors = TensorTestFiles.safetensors(
        "{\"ff0.weight\":{\"dtype\":\"U8\",\"shape\":[2,3],\"data_offsets\":[0,6]},"
            + "\"ff0.bias\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[6,8]}}",
        [1, 2, 3, 4, 5, 6, 0xFF, 1])

    @Test func matricesVectorsAndTransposes() throws {
        let dir = try folder(["m.safetensors": safetensors,
                              "readout.weight.npy": F.npy(descr: "|i1", shape: "(1, 2)", data: [3, 0xFD])])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try TensorStore(files: [dir + "/m.safetensors", dir + "/readout.weight.npy"])
        #expect(store.tensors.map(\.tensor.name) == ["ff0.weight", "ff0.bias", "readout.weight"])
        #expect(store.file(of: "readout.weight") == dir + "/readout.weight.npy")
        let w = try store.matrix(named: "ff0.weight")
        #expect(w.rows == 2 && w.columns == 3 && w.row(1) == [4, 5, 6])
        let t = try store.matrix(named: "ff0.weight", transpose: true)
        #expect(t.rows == 3 && t.columns == 2)
        for r in 0..<2 { for c in 0..<3 { #expect(t[c, r] == w[r, c]) } }
        #expect(try store.vector(named: "ff0.bias") == [-1, 1])
        #expect(try store.matrix(named: "readout.weight").row(0) == [3, -3])
    }

    @Test func lookupErrors() throws {
        let store = try TensorStore(tensors: [("m.safetensors", NamedTensor(name: "ff0.weight", shape: [2], values: [1, 2]))])
        let missing = inputError { try store.matrix(named: "ff0.wieght") }
        #expect(missing?.message == "no tensor named 'ff0.wieght' (not in m.safetensors); did you mean 'ff0.weight'?")
        #expect(missing?.file == nil && missing?.path == nil)  // the model reader supplies both
        let rank = inputError { try store.matrix(named: "ff0.weight") }
        #expect(rank?.message == "tensor 'ff0.weight' (from m.safetensors) has shape [2], but a matrix (2 dimensions) is expected")
        #expect(inputError { try store.vector(named: "nothing-like-it") }?.message.contains("did you mean") == false)
        #expect(try store.vector(named: "ff0.weight") == [1, 2])
    }

    @Test func namesAreUniqueAcrossFiles() throws {
        let dir = try folder(["a.safetensors": safetensors, "b.npz": F.zip([.init(name: "ff0.bias.npy",
                              data: F.npy(descr: "|u1", shape: "(1,)", data: [0]))])])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = inputError { try TensorStore(files: [dir + "/a.safetensors", dir + "/b.npz"]) }
        #expect(e?.message == "tensor 'ff0.bias' is defined in both \(dir)/a.safetensors and \(dir)/b.npz")
        let twice = inputError { try TensorStore(files: [dir + "/a.safetensors", dir + "/a.safetensors"]) }
        #expect(twice?.message.contains("twice in") == true)
        let absent = inputError { try TensorStore(files: [dir + "/absent.safetensors"]) }
        #expect(absent?.file == dir + "/absent.safetensors")
    }
}
