import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// safetensors files built byte by byte; expected values derived by hand from the IEEE 754 layouts.
@Suite struct TensorSafetensorsTests {
    typealias F = TensorTestFiles
    let p = TensorTestFiles.pow2

    /// One tensor of `dtype` holding the little-endian words `words`.
    func read(_ dtype: String, _ words: [UInt64], width: Int) throws -> NamedTensor {
        let data = words.flatMap { F.le($0, width) }
        let header = "{\"t\":{\"dtype\":\"\(dtype)\",\"shape\":[\(words.count)],\"data_offsets\":[0,\(data.count)]}}"
        return try F.single(F.safetensors(header, data), file: "w.safetensors")
    }

    @Test func float64EdgeValuesAreExact() throws {
        let t = try read("F64", [0x3FF8_0000_0000_0000, 0x8000_0000_0000_0000, 0x0000_0000_0000_0001,
                                 0x0010_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF, 0x3FB9_9999_9999_999A,
                                 0xC000_0000_0000_0000, 0x000F_FFFF_FFFF_FFFF], width: 8)
        let largestSubnormal = (Rational(BigInt(1) << 52) - 1) * (try p(-1074))
        #expect(t.values == [try Rational(3, 2), 0, try p(-1074), try p(-1022),
                             (Rational(BigInt(1) << 53) - 1) * (try p(971)),
                             try Rational(BigInt(3602879701896397), BigInt(1) << 55), -2, largestSubnormal])
        #expect(t.shape == [8])
    }

    @Test func float32EdgeValuesAreExact() throws {
        let t = try read("F32", [0x3DCC_CCCD, 0x7F7F_FFFF, 0x0000_0001, 0x0080_0000, 0xBFC0_0000, 0x8000_0000,
                                 0x3F80_0000], width: 4)
        #expect(t.values == [try Rational(13421773, 134217728), Rational((1 << 24) - 1) * (try p(104)),
                             try p(-149), try p(-126), try Rational(-3, 2), 0, 1])
    }

    @Test func float16EdgeValuesAreExact() throws {
        let t = try read("F16", [0x3C00, 0x7BFF, 0x0001, 0x0400, 0x8000, 0x3555, 0xBE00, 0x03FF], width: 2)
        #expect(t.values == [1, 65504, try p(-24), try p(-14), 0, try Rational(1365, 4096), try Rational(-3, 2),
                             Rational(1023) * (try p(-24))])
    }

    @Test func bfloat16EdgeValuesAreExact() throws {
        let t = try read("BF16", [0x3F80, 0x7F7F, 0x0001, 0x0080, 0x3DCD, 0xBFC0, 0x8000], width: 2)
        #expect(t.values == [1, Rational(255) * (try p(120)), try p(-133), try p(-126), try Rational(205, 2048),
                             try Rational(-3, 2), 0])
    }

    @Test func integersAndBooleansAreExact() throws {
        #expect(try read("I8", [0x80, 0x7F, 0xFF, 0], width: 1).values == [-128, 127, -1, 0])
        #expect(try read("U8", [0xFF, 0], width: 1).values == [255, 0])
        #expect(try read("I16", [0x8000, 0x7FFF, 0xFFFE], width: 2).values == [-32768, 32767, -2])
        #expect(try read("U16", [0xFFFF], width: 2).values == [65535])
        #expect(try read("I32", [0x8000_0000, 0x7FFF_FFFF], width: 4).values == [-2147483648, 2147483647])
        #expect(try read("U32", [0xFFFF_FFFF], width: 4).values == [4294967295])
        #expect(try read("I64", [0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF], width: 8).values
                == [Rational(Int.min), Rational(Int.max)])
        #expect(try read("U64", [UInt64.max], width: 8).values == [Rational(BigInt(1) << 64) - 1])
        #expect(try read("BOOL", [1, 0], width: 1).values == [1, 0])
    }

    @Test func severalTensorsMetadataPaddingAndShapes() throws {
        // b: F32 [2, 2] row-major at [0, 16); a: U8 [] scalar at [16, 17); z: F64 [0, 3] empty at [17, 17).
        let header = """
            {"__metadata__":{"format":"pt"},"a":{"dtype":"U8","shape":[],"data_offsets":[16,17]},\
            "z":{"shape":[0,3],"dtype":"F64","data_offsets":[17,17]},\
            "b":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}
            """
        let floats: [UInt64] = [0x3F80_0000, 0x4000_0000, 0x4040_0000, 0xBF00_0000]
        let data: [UInt8] = floats.flatMap { F.le($0, 4) } + [7]
        let tensors = try TensorFileReader.read(bytes: F.safetensors(header, data), file: "m.safetensors")
        #expect(tensors.map(\.name) == ["b", "a", "z"])  // data-buffer order
        let minusHalf = try Rational(-1, 2)
        #expect(tensors[0].shape == [2, 2] && tensors[0].values == [1, 2, 3, minusHalf])
        #expect(tensors[1].shape == [] && tensors[1].values == [7])
        #expect(tensors[2].shape == [0, 3] && tensors[2].values.isEmpty)
        // The same file without padding reads the same.
        #expect(try TensorFileReader.read(bytes: F.safetensors(header, data, pad: false), file: "m.safetensors")
                == tensors)
    }

    @Test func nanAndInfinityNameTheTensorAndTheElement() throws {
        // F32 [2, 3]; element 4 = index [1, 1] is a quiet NaN.
        var words: [UInt64] = [0, 0, 0, 0, 0x7FC0_0000, 0]
        let header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}"
        let nan = inputError { try TensorFileReader.read(bytes: F.safetensors(header, words.flatMap { F.le($0, 4) }),
                                                         file: "w.safetensors") }
        #expect(nan?.message.contains("tensor 'w'") == true)
        #expect(nan?.message.contains("element 4 (index [1, 1]) is NaN") == true)
        #expect(nan?.file == "w.safetensors")
        words[4] = 0
        words[2] = 0xFF80_0000
        let inf = inputError { try TensorFileReader.read(bytes: F.safetensors(header, words.flatMap { F.le($0, 4) }),
                                                         file: "w.safetensors") }
        #expect(inf?.message.contains("element 2 (index [0, 2]) is -infinity") == true)
        let bool = inputError { try read("BOOL", [0, 2], width: 1) }
        #expect(bool?.message.contains("element 1 (index [1])") == true)
        #expect(bool?.message.contains("0 or 1") == true)
        for (dtype, bits, width) in [("F64", UInt64(0x7FF0_0000_0000_0001), 8), ("F16", 0x7C00, 2),
                                     ("BF16", 0xFFC1, 2)] {
            #expect(inputError { try read(dtype, [0, bits], width: width) }?
                        .message.contains("element 1 (index [1])") == true, "\(dtype)")
        }
    }
}
