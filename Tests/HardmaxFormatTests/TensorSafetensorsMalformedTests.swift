import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// Every malformed safetensors file is one InputError that says what and where.
@Suite struct TensorSafetensorsMalformedTests {
    typealias F = TensorTestFiles

    func entry(_ name: String, _ dtype: String, _ shape: [Int], _ begin: Int, _ end: Int) -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}"
    }

    func error(_ entries: [String], data: [UInt8]) -> InputError? {
        inputError { try TensorFileReader.read(bytes: F.safetensors("{" + entries.joined(separator: ",") + "}", data),
                                               file: "bad.safetensors") }
    }

    @Test func gapOverlapAndTrailingBytes() {
        let gap = error([entry("a", "U8", [2], 0, 2), entry("b", "U8", [2], 4, 6)], data: [UInt8](repeating: 0, count: 6))
        #expect(gap?.path == "[\"b\"].data_offsets")
        #expect(gap?.message.contains("a gap of 2 bytes") == true)
        let overlap = error([entry("a", "U8", [4], 0, 4), entry("b", "U8", [2], 2, 4)], data: [0, 0, 0, 0])
        #expect(overlap?.message.contains("overlap") == true)
        let notFromZero = error([entry("a", "U8", [2], 1, 3)], data: [0, 0, 0])
        #expect(notFromZero?.message.contains("start of the data buffer") == true)
        let trailing = error([entry("a", "U8", [2], 0, 2)], data: [0, 0, 9])
        #expect(trailing?.message.contains("data buffer, but it has 3 bytes") == true)
    }

    @Test func sizeMismatchBadDtypeAndDuplicates() {
        let size = error([entry("w", "F32", [4, 12], 0, 188)], data: [UInt8](repeating: 0, count: 188))
        #expect(size?.path == "[\"w\"].data_offsets")
        #expect(size?.message.contains("needs 48 x 4 = 192 bytes") == true)
        let dtype = error([entry("w", "F8_E4M3", [1], 0, 1)], data: [0])
        #expect(dtype?.path == "[\"w\"].dtype")
        #expect(dtype?.message.contains("unsupported dtype \"F8_E4M3\"") == true)
        // The JSON reader refuses the duplicate key, with its position in the header.
        let duplicate = error([entry("w", "U8", [1], 0, 1), entry("w", "U8", [1], 1, 2)], data: [0, 0])
        #expect(duplicate?.message.lowercased().contains("duplicate") == true)
    }

    @Test func entryFieldsAreExactlyDtypeShapeOffsets() {
        let extra = error(["\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1],\"x\":1}"], data: [0])
        #expect(extra?.path == "[\"w\"].x")
        let missing = error(["\"w\":{\"dtype\":\"U8\",\"data_offsets\":[0,1]}"], data: [0])
        #expect(missing?.path == "[\"w\"].shape")
        let negative = error(["\"w\":{\"dtype\":\"U8\",\"shape\":[-1],\"data_offsets\":[0,1]}"], data: [0])
        #expect(negative?.path == "[\"w\"].shape[0]")
        let fractional = error(["\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1.0]}"], data: [0])
        #expect(fractional?.path == "[\"w\"].data_offsets[1]")
        let three = error(["\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1,1]}"], data: [0])
        #expect(three?.path == "[\"w\"].data_offsets")
        let huge = error([entry("w", "U8", [4_000_000_000, 4_000_000_000, 4_000_000_000], 0, 1)], data: [0])
        #expect(huge?.message.contains("more elements than fit") == true)
        let metadata = error(["\"__metadata__\":{\"k\":1}", entry("w", "U8", [1], 0, 1)], data: [0])
        #expect(metadata?.path == "[\"__metadata__\"][\"k\"]")
        let notObject = error(["\"w\":[1]"], data: [])
        #expect(notObject?.path == "[\"w\"]")
    }

    @Test func headerLengthAndTruncation() {
        let tiny = inputError { try TensorFileReader.read(bytes: [1, 2, 3], file: "t.safetensors") }
        #expect(tiny?.message.contains("3 bytes long") == true)
        let tooLong = inputError { try TensorFileReader.read(bytes: F.le(100_000_001, 8) + Array("{}".utf8),
                                                             file: "t.safetensors") }
        #expect(tooLong?.message.contains("more than the limit of 100000000") == true)
        let pastEnd = inputError { try TensorFileReader.read(bytes: F.le(64, 8) + Array("{}".utf8),
                                                             file: "t.safetensors") }
        #expect(pastEnd?.message.contains("truncated") == true)
        // A complete file cut short inside its data buffer.
        let whole = F.safetensors("{" + entry("w", "F64", [2], 0, 16) + "}", [UInt8](repeating: 0, count: 16))
        let cut = inputError { try TensorFileReader.read(bytes: Array(whole.dropLast(3)), file: "t.safetensors") }
        #expect(cut?.path == "[\"w\"].data_offsets")
        #expect(cut?.message.contains("past the end of the data buffer (13 bytes)") == true)
        // Every prefix of a valid file is refused with an InputError (never a trap).
        for length in 0..<whole.count {
            #expect(inputError { try TensorFileReader.read(bytes: Array(whole.prefix(length)),
                                                           file: "t.safetensors") } != nil, "prefix \(length)")
        }
    }

    @Test func headerMustBeUTF8JSONObject() {
        let notBrace = inputError { try TensorFileReader.read(bytes: F.safetensors(" {}", []), file: "t.safetensors") }
        #expect(notBrace?.message.contains("does not start with '{'") == true)
        let badUTF8 = inputError {
            try TensorFileReader.read(bytes: F.le(4, 8) + [0x7B, 0x22, 0xC3, 0x28], file: "t.safetensors")
        }
        #expect(badUTF8?.message.contains("not valid UTF-8") == true)
        let badJSON = inputError { try TensorFileReader.read(bytes: F.safetensors("{\"a\":}", []), file: "t.safetensors") }
        #expect(badJSON?.message.contains("not valid JSON") == true)
        #expect(badJSON?.line == nil)  // positions are given inside the header, not as file lines
        let trailingGarbage = inputError { try TensorFileReader.read(bytes: F.safetensors("{}x", []), file: "t.safetensors") }
        #expect(trailingGarbage?.message.contains("not valid JSON") == true)
    }

    @Test func randomCorruptionsAreInputErrorsOrReads() {
        let header = "{\"__metadata__\":{\"a\":\"b\"}," + entry("w", "F32", [2, 2], 0, 16) + ","
            + entry("b", "BF16", [2], 16, 20) + "}"
        let good = F.safetensors(header, [UInt8](repeating: 0x3F, count: 20))
        var generator = TestRandom(seed: 11)
        for trial in 0..<500 {
            var bytes = good
            for _ in 0...(trial % 3) {
                bytes[generator.below(bytes.count)] = generator.byte()
            }
            do {
                let tensors = try TensorFileReader.read(bytes: bytes, file: "t.safetensors")
                #expect(tensors.map(\.values.count).reduce(0, +) <= 6, "seed 11 trial \(trial)")
            } catch is InputError {
            } catch {
                Issue.record("seed 11 trial \(trial): \(error)")
            }
        }
    }
}
