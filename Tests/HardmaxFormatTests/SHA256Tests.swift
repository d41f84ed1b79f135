import Foundation
import Testing
@testable import HardmaxFormat
import HardmaxModel
import SHA256Instructions

/// FIPS 180-2 appendix B vectors, plus lengths around the 55/56/64-byte padding boundaries (digests
/// from Python's hashlib, an independent implementation).
@Suite struct SHA256Tests {
    @Test func fipsVectors() {
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
            + "mnopqrstnopqrstu"
        #expect(SHA256.hexDigest(Array(m896.utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        var million = SHA256()
        let thousand = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { million.update(thousand) }
        #expect(SHA256.hex(million.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    static let boundaryDigests: [(Int, String)] = [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        (127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a"),
        (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
        (129, "c12cb024a2e5551cca0e08fce8f1c5e314555cc3fef6329ee994a3db752166ae"),
    ]

    /// Every length, fed whole, split at every position, and split into three at every pair.
    @Test(arguments: boundaryDigests)
    func paddingBoundaries(length: Int, digest: String) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        #expect(SHA256.hexDigest(message) == digest)
        for split in 0...length {
            var h = SHA256()
            h.update(Array(message[..<split]))
            h.update(Array(message[split...]))
            #expect(SHA256.hex(h.finalize()) == digest, "length \(length) split at \(split)")
        }
        for i in stride(from: 0, through: length, by: 7) {
            for j in i...length {
                var h = SHA256()
                h.update(Array(message[..<i]))
                h.update(Array(message[i..<j]))
                h.update(Array(message[j...]))
                if SHA256.hex(h.finalize()) != digest {
                    Issue.record("length \(length) split at \(i), \(j)")
                    return
                }
            }
        }
    }

    /// The portable compression alone, on the FIPS vectors (the default hasher uses the processor's
    /// SHA instructions where it has them).
    @Test func portableCompressionOnTheFIPSVectors() {
        func digest(_ text: String) -> String {
            var h = SHA256(usingInstructions: false)
            h.update(Array(text.utf8))
            return SHA256.hex(h.finalize())
        }
        #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(digest(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// The processor's SHA instructions and the portable compression agree on random messages of
    /// every length up to 20 blocks, fed in random pieces.
    @Test(.enabled(if: SHA256Instructions.isAvailable, "the processor has no SHA extensions"))
    func instructionsEqualThePortableCompression() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for length in 0...1280 {
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
            var fast = SHA256(usingInstructions: true), portable = SHA256(usingInstructions: false)
            var start = 0
            while start < length {
                let end = min(length, start + 1 + Int(next() % 200))
                fast.update(Array(message[start..<end]))
                portable.update(Array(message[start..<end]))
                start = end
            }
            guard fast.finalize() == portable.finalize() else {
                Issue.record("the two compressions differ on a message of \(length) bytes")
                return
            }
        }
    }

    @Test func finalizeLeavesTheHasherUsable() {
        var h = SHA256()
        h.update(Array("ab".utf8))
        _ = h.finalize()
        h.update(Array("c".utf8))
        #expect(SHA256.hex(h.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func fileHashingInChunks() throws {
        // 1,100,003 bytes (a 1 MiB chunk and a tail); digest from hashlib.
        let data = (0..<1_100_003).map { UInt8(($0 * 31 + 7) % 251) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(getpid()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileIO.writeAtomically(data, to: path)
        let expected = "2fc68d475ba1f37763dfe108c5636123edfb45818ad6918ed33bd327bf77c259"
        var hasher = SHA256()
        try FileIO.forEachChunk(of: path) { hasher.update($0) }
        #expect(SHA256.hex(hasher.finalize()) == expected)
        #expect(SHA256.hexDigest(data) == expected)
    }
}
