import Exact
import HardmaxFormat
import HardmaxModel

/// Weight-file seeds (safetensors, NumPy .npy and .npz), written byte by byte after the published
/// layouts. Floats are given by their IEEE bit patterns: nothing here passes through a binary float.
extension SeedCorpus {
    static func le(_ value: UInt64, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    static func words(_ values: [UInt64], _ width: Int, bigEndian: Bool = false) -> [UInt8] {
        values.flatMap { bigEndian ? Array(le($0, width).reversed()) : le($0, width) }
    }

    static func safetensors(_ header: String, _ data: [UInt8]) -> [UInt8] {
        var h = Array(header.utf8)
        while h.count % 8 != 0 { h.append(0x20) }
        return le(UInt64(h.count), 8) + h + data
    }

    static func npy(_ descr: String, shape: String, fortran: Bool = false, data: [UInt8], version: UInt8 = 1) -> [UInt8] {
        var text = Array("{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }".utf8)
        let width = version == 1 ? 2 : 4
        while (8 + width + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        return [0x93] + Array("NUMPY".utf8) + [version, 0] + le(UInt64(text.count), width) + text + data
    }

    /// A ZIP archive of stored members as `np.savez` writes it (ZIP64 sizes in the local headers).
    static func zip(_ members: [(name: String, data: [UInt8])], zip64End: Bool = false) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        for m in members {
            let offset = out.count, crc = UInt64(crc32(m.data)), name = Array(m.name.utf8), size = UInt64(m.data.count)
            let extra = le(1, 2) + le(16, 2) + le(size, 8) + le(size, 8)
            out += le(0x0403_4B50, 4) + le(45, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(crc, 4)
                + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) + le(UInt64(name.count), 2) + le(UInt64(extra.count), 2)
                + name + extra + m.data
            central += le(0x0201_4B50, 4) + le(45, 2) + le(45, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(crc, 4)
                + le(size, 4) + le(size, 4) + le(UInt64(name.count), 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 2)
                + le(0, 4) + le(UInt64(offset), 4) + name
        }
        let directory = out.count, count = UInt64(members.count)
        out += central
        if zip64End {
            let record = out.count
            out += le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4) + le(count, 8)
                + le(count, 8) + le(UInt64(central.count), 8) + le(UInt64(directory), 8)
            out += le(0x0706_4B50, 4) + le(0, 4) + le(UInt64(record), 8) + le(1, 4)
            out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(0xFFFF, 2) + le(0xFFFF, 2) + le(0xFFFF_FFFF, 4)
                + le(0xFFFF_FFFF, 4) + le(0, 2)
        } else {
            out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(count, 2) + le(count, 2)
                + le(UInt64(central.count), 4) + le(UInt64(directory), 4) + le(0, 2)
        }
        return out
    }

    /// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), bitwise.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    // binary64 1, -1/2, 1/10, the least subnormal, the greatest finite, -0.
    static let float64s: [UInt64] = [0x3FF0_0000_0000_0000, 0xBFE0_0000_0000_0000, 0x3FB9_9999_9999_999A, 1,
                                     0x7FEF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000]

    static var safetensorsFiles: [Seed] {
        let header1 = """
            {"__metadata__": {"format": "pt"}, "ff.w1": {"dtype": "F64", "shape": [2, 3], "data_offsets": [0, 48]},
             "bias": {"dtype": "F32", "shape": [2], "data_offsets": [48, 56]}}
            """
        let data1 = words(float64s, 8) + words([0x3F80_0000, 0xC020_0000], 4)
        let header2 = """
            {"h": {"dtype": "F16", "shape": [2], "data_offsets": [0, 4]},
             "bf": {"dtype": "BF16", "shape": [1, 2], "data_offsets": [4, 8]},
             "i8": {"dtype": "I8", "shape": [3], "data_offsets": [8, 11]},
             "u8": {"dtype": "U8", "shape": [], "data_offsets": [11, 12]},
             "b": {"dtype": "BOOL", "shape": [2], "data_offsets": [12, 14]},
             "i64": {"dtype": "I64", "shape": [1], "data_offsets": [14, 22]},
             "empty": {"dtype": "U16", "shape": [0, 4], "data_offsets": [22, 22]},
             "u32": {"dtype": "U32", "shape": [1], "data_offsets": [22, 26]}}
            """
        let data2 = words([0x3C00, 0xB800], 2) + words([0x3F80, 0x0001], 2) + [0xFF, 0x80, 0x7F] + [200] + [0, 1]
            + le(UInt64(bitPattern: Int64.min), 8) + le(0xFFFF_FFFF, 4)
        return [Seed(name: "f64-f32.safetensors", file: "w.safetensors", bytes: safetensors(header1, data1)),
                Seed(name: "mixed.safetensors", file: "m.safetensors", bytes: safetensors(header2, data2)),
                Seed(name: "empty.safetensors", file: "e.safetensors", bytes: safetensors("{}", []))]
    }

    static var npyFiles: [Seed] {
        [Seed(name: "f8 2x3.npy", file: "a.npy", bytes: npy("<f8", shape: "(2, 3)", data: words(float64s, 8))),
         Seed(name: "big-endian i4.npy", file: "b.npy", bytes: npy(">i4", shape: "(3,)", data: words([1, 0xFFFF_FFFF, 0x8000_0000], 4, bigEndian: true))),
         Seed(name: "scalar u1.npy", file: "c.npy", bytes: npy("|u1", shape: "()", data: [7])),
         Seed(name: "fortran f2.npy", file: "d.npy", bytes: npy("<f2", shape: "(2, 2)", fortran: true, data: words([0x3C00, 0x3800, 0xC000, 0x0001], 2))),
         Seed(name: "bool v2.npy", file: "e.npy", bytes: npy("|b1", shape: "(2,)", data: [1, 0], version: 2)),
         Seed(name: "empty f4.npy", file: "f.npy", bytes: npy("<f4", shape: "(0, 5)", data: []))]
    }

    static var npzFiles: [Seed] {
        let a = npy("<f8", shape: "(2, 3)", data: words(float64s, 8))
        let b = npy("<i2", shape: "(2,)", data: words([0x7FFF, 0x8000], 2))
        return [Seed(name: "two members.npz", file: "w.npz", bytes: zip([("w1.npy", a), ("b1.npy", b)])),
                Seed(name: "zip64 end.npz", file: "x.npz", bytes: zip([("only.npy", b)], zip64End: true)),
                Seed(name: "empty archive.npz", file: "e.npz", bytes: zip([]))]
    }
}
