import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// Which reader a weight file goes to: by extension when it names a format, else by content.
@Suite struct TensorFileReaderTests {
    typealias F = TensorTestFiles

    let safetensors = TensorTestFiles.safetensors("{\"s\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", [5])
    let npy = TensorTestFiles.npy(descr: "|u1", shape: "(1,)", data: [6])

    @Test func contentDecidesForOtherNames() throws {
        #expect(try TensorFileReader.read(bytes: safetensors, file: "weights.bin").map(\.name) == ["s"])
        #expect(try TensorFileReader.read(bytes: npy, file: "dir/w.bin").map(\.name) == ["w.bin"])
        let npz = F.zip([.init(name: "z.npy", data: npy)])
        #expect(try TensorFileReader.read(bytes: npz, file: "archive").map(\.values) == [[6]])
        #expect(try TensorFileReader.read(bytes: F.zip([]), file: "empty").isEmpty)
        let unknown = inputError { try TensorFileReader.read(bytes: Array("hello, world".utf8), file: "notes.txt") }
        #expect(unknown?.message.hasPrefix("not a weight file this tool reads") == true)
    }

    @Test func extensionDecidesWhenItNamesAFormat() {
        // An .npz named .npy, and a .npy named .safetensors, are refused by the reader the name selects.
        let zipAsNpy = inputError { try TensorFileReader.read(bytes: F.zip([]), file: "w.NPY") }
        #expect(zipAsNpy?.message.contains("\\x93NUMPY") == true)
        let npyAsSafetensors = inputError { try TensorFileReader.read(bytes: npy, file: "w.safetensors") }
        #expect(npyAsSafetensors?.message.contains("header length") == true)
        let safetensorsAsNpz = inputError { try TensorFileReader.read(bytes: safetensors, file: "w.npz") }
        #expect(safetensorsAsNpz?.message.contains("not a ZIP archive") == true)
    }
}
