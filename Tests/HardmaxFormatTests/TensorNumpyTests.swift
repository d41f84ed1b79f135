import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// `.npy` files built byte by byte as NumPy writes them; values derived by hand.
@Suite struct TensorNumpyTests {
    typealias F = TensorTestFiles

    func read(_ bytes: [UInt8], file: String = "w.npy") throws -> NamedTensor { try F.single(bytes, file: file) }

    @Test func everyDtypeBothByteOrders() throws {
        let p = F.pow2
        let cases: [(code: String, width: Int, words: [UInt64], values: [Rational])] = [
            ("f8", 8, [0x3FB9_9999_9999_999A, 0x8000_0000_0000_0001], [try Rational(BigInt(3602879701896397), BigInt(1) << 55), -(try p(-1074))]),
            ("f4", 4, [0x3DCC_CCCD, 0x0000_0001], [try Rational(13421773, 134217728), try p(-149)]),
            ("f2", 2, [0x7BFF, 0x8001], [65504, -(try p(-24))]),
            ("i2", 2, [0x8000, 0x0102], [-32768, 258]),
            ("i4", 4, [0xFFFF_FFFF, 0x0102_0304], [-1, 16909060]),
            ("i8", 8, [0x8000_0000_0000_0000, 5], [Rational(Int.min), 5]),
            ("u2", 2, [0xFFFF, 0x0100], [65535, 256]),
            ("u4", 4, [0xFFFF_FFFF, 1], [4294967295, 1]),
            ("u8", 8, [UInt64.max, 0], [Rational(BigInt(1) << 64) - 1, 0]),
        ]
        for c in cases {
            for (order, bytesOf) in [("<", F.le), (">", F.be)] {
                let data = c.words.flatMap { bytesOf($0, c.width) }
                let t = try read(F.npy(descr: order + c.code, shape: "(2,)", data: data))
                #expect(t.values == c.values, "\(order)\(c.code)")
                #expect(t.shape == [2] && t.name == "w")
            }
        }
        #expect(try read(F.npy(descr: "|i1", shape: "(3,)", data: [0x80, 0x7F, 0xFF])).values == [-128, 127, -1])
        #expect(try read(F.npy(descr: "|u1", shape: "(2,)", data: [0xFF, 0])).values == [255, 0])
        #expect(try read(F.npy(descr: "|b1", shape: "(2,)", data: [1, 0])).values == [1, 0])
    }

    @Test func versionsShapesAndNames() throws {
        let one = F.le(0x3FF0_0000_0000_0000, 8)
        for version: UInt8 in [1, 2, 3] {
            let t = try read(F.npy(descr: "<f8", shape: "()", data: one, version: version), file: "dir/ff0.bias.npy")
            #expect(t.name == "ff0.bias" && t.shape == [] && t.values == [1], "version \(version)")
        }
        let empty = try read(F.npy(descr: "<f4", shape: "(0, 5)", data: []))
        #expect(empty.shape == [0, 5] && empty.values.isEmpty)
        // Spacing and quoting variants that Python's literal syntax allows.
        let spaced = try read(F.npy(header: "{ \"shape\" :(2 ,3 ),'fortran_order':False ,'descr':'|u1'}",
                                    data: [1, 2, 3, 4, 5, 6]))
        #expect(spaced.shape == [2, 3] && spaced.values == [1, 2, 3, 4, 5, 6])
    }

    @Test func fortranOrderIsTransposedToRowMajor() throws {
        // A = [[1, 2, 3], [4, 5, 6]] stored column-major: 1 4 2 5 3 6.
        let t = try read(F.npy(descr: "|u1", fortran: true, shape: "(2, 3)", data: [1, 4, 2, 5, 3, 6]))
        #expect(t.shape == [2, 3] && t.values == [1, 2, 3, 4, 5, 6])
        // Rank 3, shape (2, 3, 2): column-major position k holds 100*i + 10*j + l, row-major must read back.
        var stored: [UInt8] = []
        for l in 0..<2 { for j in 0..<3 { for i in 0..<2 { stored.append(UInt8(100 * i + 10 * j + l)) } } }
        let cube = try read(F.npy(descr: "|u1", fortran: true, shape: "(2, 3, 2)", data: stored))
        var expected: [Rational] = []
        for i in 0..<2 { for j in 0..<3 { for l in 0..<2 { expected.append(Rational(100 * i + 10 * j + l)) } } }
        #expect(cube.values == expected)
        // A NaN is reported at its logical (row-major) index: column-major slot 1 is A[1][0] = element 3.
        let nan = inputError { try read(F.npy(descr: "<f2", fortran: true, shape: "(2, 3)",
                                              data: [0, 0, 0x00, 0x7E, 0, 0, 0, 0, 0, 0, 0, 0])) }
        #expect(nan?.message.contains("element 3 (index [1, 0]) is NaN") == true)
        #expect(nan?.message.contains("at byte 130") == true)  // data at 128, slot 1
    }

    @Test func refusedDtypes() {
        for (descr, phrase) in [("|O", "pickled"), ("<c16", "complex"), ("<U3", "strings"), ("<M8[s]", "dates"),
                                ("<f16", "supported:"), ("|f8", "byte order"), ("=f8", "native"), ("f8", "byte order")] {
            let e = inputError { try read(F.npy(descr: descr, shape: "(1,)", data: [0, 0, 0, 0, 0, 0, 0, 0])) }
            #expect(e?.message.contains(phrase) == true, "\(descr): \(e?.message ?? "-")")
        }
        let structured = inputError {
            try read(F.npy(header: "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", data: []))
        }
        #expect(structured?.message.contains("structured") == true)
    }

    @Test func badHeaders() {
        let bad: [(String, String)] = [
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (1), }", "(n,)"),
            ("{'descr': '<f8', 'fortran_order': False, }", "no 'shape'"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", "unknown key 'x'"),
            ("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", "duplicate key"),
            ("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", "expected a string, True, False"),
            ("{'descr': '<f8', 'fortran_order': Falsey, 'shape': (1,)}", "True or False"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (1L,)}", "expected ',' or ')'"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (01,)}", "leading zeros"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}", "non-negative"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x", "after the header dict"),
            ("{'descr': '<f\\x38', 'fortran_order': False, 'shape': (1,)}", "escapes"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}", "too large"),
            ("{'descr': '<f8', 'fortran_order': False 'shape': (1,)}", "expected ',' or '}'"),
        ]
        for (header, phrase) in bad {
            let e = inputError { try read(F.npy(header: header, data: [0, 0, 0, 0, 0, 0, 0, 0])) }
            #expect(e?.message.contains("bad header at byte") == true, "\(header)")
            #expect(e?.message.contains(phrase) == true, "\(header): \(e?.message ?? "-")")
        }
    }

    @Test func badMagicVersionLengthAndData() {
        let good = F.npy(descr: "<f8", shape: "(2,)", data: [UInt8](repeating: 0, count: 16))
        var magic = good
        magic[1] = UInt8(ascii: "n")
        #expect(inputError { try read(magic) }?.message.contains("\\x93NUMPY") == true)
        var version = good
        version[6] = 4
        #expect(inputError { try read(version) }?.message.contains("version 4.0") == true)
        #expect(inputError { try read(good + [0]) }?.message.contains("trailing bytes") == true)
        #expect(inputError { try read(Array(good.dropLast())) }?.message.contains("truncated") == true)
        var long = good
        long[8] = 0x11; long[9] = 0x27  // 10001 > NumPy's 10000
        #expect(inputError { try read(long) }?.message.contains("limit of 10000") == true)
        for length in 0..<good.count {
            #expect(inputError { try read(Array(good.prefix(length))) } != nil, "prefix \(length)")
        }
    }

    @Test func randomCorruptionsAreInputErrorsOrReads() {
        let good = F.npy(descr: "<f4", fortran: true, shape: "(2, 3)", data: [UInt8](repeating: 0x3F, count: 24))
        var generator = TestRandom(seed: 13)
        for trial in 0..<500 {
            var bytes = good
            for _ in 0...(trial % 3) {
                bytes[generator.below(bytes.count)] = generator.byte()
            }
            do {
                _ = try read(bytes)
            } catch is InputError {
            } catch {
                Issue.record("seed 13 trial \(trial): \(error)")
            }
        }
    }
}
