import Exact
import Foundation
@testable import HardmaxFormat
import HardmaxModel

/// Builders for weight files written byte by byte, following the published layouts (safetensors,
/// NumPy .npy format 1.0-3.0, ZIP APPNOTE 6.3 as Python's zipfile writes it for np.savez).
enum TensorTestFiles {
    /// `value` as `width` little-endian bytes.
    static func le(_ value: UInt64, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// `value` as `width` big-endian bytes.
    static func be(_ value: UInt64, _ width: Int) -> [UInt8] { le(value, width).reversed() }

    /// A safetensors file: 8-byte length, the header (padded with spaces to a multiple of 8 when
    /// `pad`, as the reference writer does), then `data`.
    static func safetensors(_ header: String, _ data: [UInt8], pad: Bool = true) -> [UInt8] {
        var headerBytes = Array(header.utf8)
        if pad { while headerBytes.count % 8 != 0 { headerBytes.append(0x20) } }
        return le(UInt64(headerBytes.count), 8) + headerBytes + data
    }

    /// A `.npy` image as NumPy writes it: header dict padded with spaces and ended by `\n` so that the
    /// data starts at a multiple of 64.
    static func npy(descr: String, fortran: Bool = false, shape: String, data: [UInt8],
                    version: UInt8 = 1) -> [UInt8] {
        let dict = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
        return npy(header: dict, data: data, version: version)
    }

    /// A `.npy` image with a literal header text (padded and newline-terminated here).
    static func npy(header: String, data: [UInt8], version: UInt8 = 1) -> [UInt8] {
        let lengthWidth = version == 1 ? 2 : 4
        var text = Array(header.utf8)
        let prefix = 8 + lengthWidth
        while (prefix + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        return [0x93] + Array("NUMPY".utf8) + [version, 0] + le(UInt64(text.count), lengthWidth) + text + data
    }

    struct Member {
        var name: String
        var data: [UInt8]
        var method: UInt16 = 0
        var crc: UInt32?          // nil: the true CRC-32
        var zip64Local = true     // np.savez forces ZIP64: 0xFFFFFFFF sizes + extra field in the local header
        var descriptor = false    // sizes and CRC after the data (flag bit 3), as for unseekable output
    }

    /// A ZIP archive of `members`; `zip64End` adds the ZIP64 end record and locator with sentinel
    /// values in the classic end record; `comment` goes at the very end.
    static func zip(_ members: [Member], zip64End: Bool = false, comment: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for m in members {
            let offset = out.count
            let crc = m.crc ?? CRC32.checksum(m.data)
            let name = Array(m.name.utf8)
            let flags: UInt16 = m.descriptor ? 0x0008 : 0
            var local = le(0x0403_4B50, 4) + le(45, 2) + le(UInt64(flags), 2) + le(UInt64(m.method), 2)
                + le(0, 4)  // time, date
            let size = UInt64(m.data.count)
            var extra: [UInt8] = []
            if m.descriptor {
                local += le(0, 4) + le(0, 4) + le(0, 4)
            } else if m.zip64Local {
                local += le(UInt64(crc), 4) + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4)
                extra = le(1, 2) + le(16, 2) + le(size, 8) + le(size, 8)
            } else {
                local += le(UInt64(crc), 4) + le(size, 4) + le(size, 4)
            }
            local += le(UInt64(name.count), 2) + le(UInt64(extra.count), 2) + name + extra
            out += local + m.data
            if m.descriptor { out += le(0x0807_4B50, 4) + le(UInt64(crc), 4) + le(size, 4) + le(size, 4) }
            central += le(0x0201_4B50, 4) + le(45, 2) + le(45, 2) + le(UInt64(flags), 2)
                + le(UInt64(m.method), 2) + le(0, 4) + le(UInt64(crc), 4) + le(size, 4) + le(size, 4)
                + le(UInt64(name.count), 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4)
                + le(UInt64(offset), 4) + name
        }
        let directoryOffset = out.count
        out += central
        let count = UInt64(members.count)
        if zip64End {
            let record = out.count
            out += le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4)
                + le(count, 8) + le(count, 8) + le(UInt64(central.count), 8) + le(UInt64(directoryOffset), 8)
            out += le(0x0706_4B50, 4) + le(0, 4) + le(UInt64(record), 8) + le(1, 4)
            out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(0xFFFF, 2) + le(0xFFFF, 2)
                + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) + le(UInt64(comment.count), 2) + comment
        } else {
            out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(count, 2) + le(count, 2)
                + le(UInt64(central.count), 4) + le(UInt64(directoryOffset), 4) + le(UInt64(comment.count), 2)
                + comment
        }
        return out
    }

    /// 2^e as an exact rational (e may be negative).
    static func pow2(_ e: Int) throws -> Rational {
        e >= 0 ? Rational(BigInt(1) << e) : try Rational(BigInt(1), BigInt(1) << -e)
    }

    /// The only tensor of `bytes`, read as `file`.
    static func single(_ bytes: [UInt8], file: String) throws -> NamedTensor {
        let tensors = try TensorFileReader.read(bytes: bytes, file: file)
        guard tensors.count == 1 else { throw InputError(message: "expected 1 tensor, found \(tensors.count)") }
        return tensors[0]
    }
}
