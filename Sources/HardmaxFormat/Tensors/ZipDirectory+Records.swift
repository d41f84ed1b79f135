import HardmaxModel
/// Central directory records, local file headers and ZIP64 extra fields.
extension ZipDirectory {
    /// Reads the central directory record at `at` (advancing it) that must end by `limit`.
    static func centralRecord(_ bytes: [UInt8], at: inout Int, limit: Int, file: String) throws -> ZipMember {
        func fail(_ message: String) -> InputError { InputError(file: file, message: message) }
        func u(_ offset: Int, _ width: Int) -> UInt64 { LittleEndian.load(bytes, at: at + offset, width: width) }
        let start = at
        guard start + 46 <= limit, u(0, 4) == UInt64(centralSignature) else {
            throw fail("expected a central directory record at byte \(start)")
        }
        let nameLength = Int(u(28, 2)), extraLength = Int(u(30, 2)), commentLength = Int(u(32, 2))
        let recordEnd = start + 46 + nameLength + extraLength + commentLength
        guard recordEnd <= limit else {
            throw fail("the central directory record at byte \(start) runs past the end of the directory")
        }
        let flags = UInt16(u(8, 2))
        let name = try memberName(bytes, range: (start + 46)..<(start + 46 + nameLength), flags: flags,
                                  at: start, file: file)
        var size = u(24, 4), compressedSize = u(20, 4), localOffset = u(42, 4)
        // ZIP64 extra field: 8-byte values for exactly the fields that hold 0xFFFFFFFF, in this order.
        if size == 0xFFFF_FFFF || compressedSize == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF || u(34, 2) == 0xFFFF {
            let extraStart = start + 46 + nameLength
            guard let zip64 = try extraField(bytes, range: extraStart..<(extraStart + extraLength), id: 1,
                                             at: start, file: file) else {
                throw fail("member '\(name)': the central directory record at byte \(start) uses 0xFFFFFFFF "
                           + "sizes but has no ZIP64 extra field")
            }
            var cursor = zip64.lowerBound
            func next(_ value: inout UInt64, _ what: String) throws {
                guard cursor + 8 <= zip64.upperBound else {
                    throw fail("member '\(name)': the ZIP64 extra field at byte \(zip64.lowerBound - 4) has no "
                               + "\(what)")
                }
                value = LittleEndian.load(bytes, at: cursor, width: 8)
                cursor += 8
            }
            if size == 0xFFFF_FFFF { try next(&size, "size") }
            if compressedSize == 0xFFFF_FFFF { try next(&compressedSize, "compressed size") }
            if localOffset == 0xFFFF_FFFF { try next(&localOffset, "local header offset") }
        }
        guard u(34, 2) == 0 else {
            throw fail("member '\(name)': multi-disk ZIP archives are not supported")
        }
        guard size <= UInt64(bytes.count) || u(10, 2) != 0, compressedSize <= UInt64(bytes.count),
              localOffset <= UInt64(bytes.count) else {
            throw fail("member '\(name)': the central directory record at byte \(start) declares sizes or an "
                       + "offset beyond the file's \(bytes.count) bytes")
        }
        let member = ZipMember(name: name, flags: flags, method: UInt16(u(10, 2)), crc: UInt32(u(16, 4)),
                               compressedSize: Int(compressedSize), size: Int(min(size, UInt64(Int.max))),
                               localHeaderOffset: Int(localOffset), recordOffset: start)
        at = recordEnd
        return member
    }

    /// The byte range of the member's data, after checking its local file header against the central
    /// directory: signature, name, method, and (unless sizes follow the data in a descriptor) CRC-32
    /// and sizes, reading a ZIP64 extra field where the header holds 0xFFFFFFFF.
    static func dataRange(of member: ZipMember, in bytes: [UInt8], file: String) throws -> Range<Int> {
        let at = member.localHeaderOffset
        func fail(_ message: String) -> InputError {
            InputError(file: file, message: "member '\(member.name)': " + message)
        }
        func u(_ offset: Int, _ width: Int) -> UInt64 { LittleEndian.load(bytes, at: at + offset, width: width) }
        guard at + 30 <= bytes.count, u(0, 4) == UInt64(localSignature) else {
            throw fail("no local file header at byte \(at)")
        }
        let nameLength = Int(u(26, 2)), extraLength = Int(u(28, 2))
        let dataStart = at + 30 + nameLength + extraLength
        guard dataStart <= bytes.count else { throw fail("the local file header at byte \(at) is truncated") }
        let flags = UInt16(u(6, 2))
        let localName = try memberName(bytes, range: (at + 30)..<(at + 30 + nameLength), flags: flags,
                                       at: at, file: file)
        guard localName == member.name else {
            throw fail("the local file header at byte \(at) names '\(localName)' instead")
        }
        guard u(8, 2) == UInt64(member.method) else {
            throw fail("the local file header at byte \(at) disagrees with the central directory on the "
                       + "compression method")
        }
        if flags & 0x0008 == 0 {
            var size = u(22, 4), compressedSize = u(18, 4)
            if size == 0xFFFF_FFFF || compressedSize == 0xFFFF_FFFF {
                let extraStart = at + 30 + nameLength
                guard let zip64 = try extraField(bytes, range: extraStart..<dataStart, id: 1, at: at, file: file),
                      zip64.count >= 16 else {
                    throw fail("the local file header at byte \(at) uses 0xFFFFFFFF sizes without a ZIP64 "
                               + "extra field holding both sizes")
                }
                size = LittleEndian.load(bytes, at: zip64.lowerBound, width: 8)
                compressedSize = LittleEndian.load(bytes, at: zip64.lowerBound + 8, width: 8)
            }
            guard UInt32(u(14, 4)) == member.crc, size == UInt64(member.size),
                  compressedSize == UInt64(member.compressedSize) else {
                throw fail("the local file header at byte \(at) disagrees with the central directory on the "
                           + "CRC-32 or the sizes")
            }
        }
        guard member.compressedSize <= bytes.count - dataStart else {
            throw fail("its \(member.compressedSize) bytes from byte \(dataStart) run past the end of the file")
        }
        return dataStart..<(dataStart + member.compressedSize)
    }

    /// The data range of the extra field with header id `id` inside `range`, or nil when absent.
    /// Records are (id, size, data); trailing bytes too few for a record header are ignored, as
    /// Python's zipfile does.
    static func extraField(_ bytes: [UInt8], range: Range<Int>, id: UInt16, at record: Int,
                           file: String) throws -> Range<Int>? {
        var cursor = range.lowerBound
        while cursor + 4 <= range.upperBound {
            let fieldID = UInt16(LittleEndian.load(bytes, at: cursor, width: 2))
            let length = Int(LittleEndian.load(bytes, at: cursor + 2, width: 2))
            guard cursor + 4 + length <= range.upperBound else {
                throw InputError(file: file, message: "the extra field at byte \(cursor) of the record at byte "
                                 + "\(record) runs past the end of its record")
            }
            if fieldID == id { return (cursor + 4)..<(cursor + 4 + length) }
            cursor += 4 + length
        }
        return nil
    }

    /// A member name: UTF-8 when flag bit 11 is set, otherwise it must be ASCII.
    static func memberName(_ bytes: [UInt8], range: Range<Int>, flags: UInt16, at record: Int,
                           file: String) throws -> String {
        let raw = bytes[range]
        let name = String(decoding: raw, as: UTF8.self)
        let valid = flags & 0x0800 != 0 ? name.utf8.elementsEqual(raw) : raw.allSatisfy { $0 < 0x80 }
        guard valid else {
            throw InputError(file: file, message: "the member name in the record at byte \(record) is neither "
                             + "ASCII nor flagged and valid UTF-8")
        }
        return name
    }
}
