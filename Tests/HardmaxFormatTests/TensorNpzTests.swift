import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// `.npz` archives built byte by byte (ZIP as Python's zipfile writes it for np.savez).
@Suite struct TensorNpzTests {
    typealias F = TensorTestFiles
    typealias Member = TensorTestFiles.Member

    let weight = TensorTestFiles.npy(descr: "<f4", shape: "(2, 2)",
                                     data: ([0x3F80_0000, 0xC000_0000, 0x3E80_0000, 0] as [UInt64]).flatMap { TensorTestFiles.le($0, 4) })
    let bias = TensorTestFiles.npy(descr: "<i8", shape: "(2,)", data: TensorTestFiles.le(7, 8) + TensorTestFiles.le(UInt64.max, 8))

    func read(_ bytes: [UInt8]) throws -> [NamedTensor] { try TensorFileReader.read(bytes: bytes, file: "w.npz") }

    func expectWeightAndBias(_ tensors: [NamedTensor]) throws {
        let quarter = try Rational(1, 4)
        #expect(tensors.map(\.name) == ["ff0.weight", "ff0.bias"])
        #expect(tensors.first?.values == [1, -2, quarter, 0] && tensors.first?.shape == [2, 2])
        #expect(tensors.last?.values == [7, -1])
    }

    @Test func crc32KnownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)  // the standard check value
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test func storedMembersInEveryLayoutNumpyWrites() throws {
        let members = [Member(name: "ff0.weight.npy", data: weight), Member(name: "ff0.bias.npy", data: bias)]
        try expectWeightAndBias(try read(F.zip(members)))                           // ZIP64 local extras
        try expectWeightAndBias(try read(F.zip(members, zip64End: true)))           // + ZIP64 end record
        try expectWeightAndBias(try read(F.zip(members.map { var m = $0; m.zip64Local = false; return m })))
        try expectWeightAndBias(try read(F.zip(members.map { var m = $0; m.descriptor = true; return m })))
        try expectWeightAndBias(try read(F.zip(members, comment: Array("PK\u{5}\u{6} in a comment".utf8))))
        #expect(try read(F.zip([])).isEmpty)
    }

    @Test func refusedMembers() {
        let deflated = inputError { try read(F.zip([Member(name: "a.npy", data: weight, method: 8)])) }
        #expect(deflated?.message.contains("member 'a.npy'") == true)
        #expect(deflated?.message.contains("np.savez_compressed") == true)
        #expect(deflated?.message.contains("np.savez instead") == true)
        let crc = inputError { try read(F.zip([Member(name: "a.npy", data: weight, crc: 0x1234_5678)])) }
        #expect(crc?.message.contains("CRC-32 mismatch") == true)
        var flipped = F.zip([Member(name: "a.npy", data: weight)])
        flipped[flipped.count / 3] ^= 0x01  // one bit of the member data
        #expect(inputError { try read(flipped) }?.message.contains("CRC-32") == true)
        let notNpy = inputError { try read(F.zip([Member(name: "notes.txt", data: [1])])) }
        #expect(notNpy?.message.contains("not a .npy array") == true)
        let twice = inputError { try read(F.zip([Member(name: "a.npy", data: bias), Member(name: "a.npy", data: bias)])) }
        #expect(twice?.message.contains("two members") == true)
        let badArray = inputError { try read(F.zip([Member(name: "a.npy", data: Array(bias.dropLast()))])) }
        #expect(badArray?.message.contains("member 'a.npy'") == true)
        #expect(badArray?.message.contains("truncated") == true)
    }

    @Test func malformedArchives() {
        let good = F.zip([Member(name: "ff0.weight.npy", data: weight), Member(name: "ff0.bias.npy", data: bias)])
        #expect(inputError { try read(good + [0]) }?.message.contains("no end of central directory") == true)
        #expect(inputError { try read([0x50, 0x4B, 3, 4]) } != nil)
        // Every prefix, and every single-byte corruption of the structure, is one InputError or a
        // correct read (a corrupted byte in an unchecked field such as a timestamp changes nothing).
        for length in 0..<good.count {
            #expect(inputError { try read(Array(good.prefix(length))) } != nil, "prefix \(length)")
        }
        var generator = TestRandom(seed: 7)
        for trial in 0..<400 {
            var bytes = good
            let at = generator.below(bytes.count)
            bytes[at] ^= generator.byte() | 1
            do {
                let tensors = try read(bytes)
                #expect(tensors.count == 2, "seed 7 trial \(trial) byte \(at)")
            } catch is InputError {
            } catch {
                Issue.record("seed 7 trial \(trial) byte \(at): \(error)")
            }
        }
    }

    /// A classic end of central directory record without comment.
    func endRecord(entries: UInt64, directorySize: UInt64, directoryOffset: Int) -> [UInt8] {
        var out = F.le(0x0605_4B50, 4) + F.le(0, 4)
        out += F.le(entries, 2) + F.le(entries, 2)
        out += F.le(directorySize, 4) + F.le(UInt64(directoryOffset), 4) + F.le(0, 2)
        return out
    }

    @Test func overlappingMembersAreRefused() {
        // Member "a.npy" stores, as its data, a complete local header and data of "b.npy"; a second
        // central record points inside it. Each member on its own is well-formed; together they overlap.
        let inner = F.zip([Member(name: "b.npy", data: bias, zip64Local: false)])
        let innerLocal = Array(inner[..<(30 + 5 + bias.count)])
        let outer = F.zip([Member(name: "a.npy", data: innerLocal, zip64Local: false)])
        let outerDirectory = outer.count - 22 - 51
        var innerRecord = Array(inner[(inner.count - 22 - 51)..<(inner.count - 22)])
        innerRecord.replaceSubrange(42..<46, with: F.le(35, 4))  // b's local header sits at byte 35
        let end = endRecord(entries: 2, directorySize: 102, directoryOffset: outerDirectory)
        let bytes: [UInt8] = Array(outer[..<(outer.count - 22)]) + innerRecord + end
        let e = inputError { try read(bytes) }
        #expect(e?.message == "members 'a.npy' and 'b.npy' overlap at byte 35")
        // A central record pointing at another member's local header is caught by the name check.
        var twin = outer[outerDirectory..<(outer.count - 22)]
        twin[twin.startIndex + 46] = UInt8(ascii: "c")
        let aliased: [UInt8] = Array(outer[..<(outer.count - 22)]) + Array(twin) + end
        #expect(inputError { try read(aliased) }?.message.contains("names 'a.npy' instead") == true)
    }
}
