import HardmaxModel
/// One member of a ZIP archive as its central directory describes it.
struct ZipMember {
    var name: String
    var flags: UInt16
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localHeaderOffset: Int
    /// File offset of this member's central directory record, for messages.
    var recordOffset: Int
}

/// The central directory of a ZIP archive (APPNOTE.TXT 6.3), read strictly and in-house: the end of
/// central directory record, and the ZIP64 locator and record when present; single-disk archives only.
///
/// The end record must close the file (its comment runs exactly to the last byte), the central
/// directory must end exactly where the (ZIP64) end record begins, and every size and offset is checked
/// against the file size before anything is allocated.
enum ZipDirectory {
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let localSignature: UInt32 = 0x0403_4B50

    /// All members, in central directory order.
    /// - Throws: ``InputError`` naming the file and the byte offset at fault.
    /// - Complexity: O(size of the central directory + 65557) for the end record search.
    static func members(_ bytes: [UInt8], file: String) throws -> [ZipMember] {
        func fail(_ message: String) -> InputError { InputError(file: file, message: message) }
        func u(_ at: Int, _ width: Int) -> UInt64 { LittleEndian.load(bytes, at: at, width: width) }

        guard let end = findEndRecord(bytes) else {
            throw fail("not a ZIP archive: no end of central directory record closes the file")
        }
        guard u(end + 4, 2) == 0, u(end + 6, 2) == 0 else {
            throw fail("multi-disk ZIP archives are not supported (end record at byte \(end))")
        }
        var entryCount = u(end + 10, 2)
        var directorySize = u(end + 12, 4)
        var directoryOffset = u(end + 16, 4)
        guard u(end + 8, 2) == entryCount else {
            throw fail("the end record at byte \(end) counts \(u(end + 8, 2)) entries on this disk but "
                       + "\(entryCount) in all")
        }
        var directoryEnd = end
        let locator = end - 20
        if locator >= 0 && u(locator, 4) == UInt64(zip64LocatorSignature) {
            guard u(locator + 4, 4) == 0, u(locator + 16, 4) == 1 else {
                throw fail("multi-disk ZIP64 archives are not supported (locator at byte \(locator))")
            }
            let record = u(locator + 8, 8)
            guard record <= UInt64(locator), locator - Int(record) >= 56,
                  u(Int(record), 4) == UInt64(zip64EndSignature) else {
                throw fail("the ZIP64 locator at byte \(locator) points to byte \(record), where there is "
                           + "no ZIP64 end of central directory record")
            }
            let r = Int(record)
            guard u(r + 4, 8) == UInt64(locator - r - 12) else {
                throw fail("the ZIP64 end record at byte \(r) declares \(u(r + 4, 8)) bytes, but "
                           + "\(locator - r - 12) lie between it and the locator")
            }
            guard u(r + 16, 4) == 0, u(r + 20, 4) == 0, u(r + 24, 8) == u(r + 32, 8) else {
                throw fail("multi-disk ZIP64 archives are not supported (record at byte \(r))")
            }
            let zip64 = (count: u(r + 32, 8), size: u(r + 40, 8), offset: u(r + 48, 8))
            // Fields of the classic record hold the value itself or the 0xFF..FF "see ZIP64" sentinel.
            guard entryCount == 0xFFFF || entryCount == zip64.count,
                  directorySize == 0xFFFF_FFFF || directorySize == zip64.size,
                  directoryOffset == 0xFFFF_FFFF || directoryOffset == zip64.offset else {
                throw fail("the end record at byte \(end) disagrees with the ZIP64 end record at byte \(r)")
            }
            (entryCount, directorySize, directoryOffset) = zip64
            directoryEnd = r
        }
        guard directoryOffset <= UInt64(directoryEnd), directorySize == UInt64(directoryEnd) - directoryOffset else {
            throw fail("the central directory (offset \(directoryOffset), \(directorySize) bytes) does not end "
                       + "where the end record begins (byte \(directoryEnd)); extra or missing bytes")
        }
        guard entryCount <= directorySize / 46 else {
            throw fail("the end record claims \(entryCount) members, more than a \(directorySize)-byte "
                       + "central directory can hold")
        }
        var members: [ZipMember] = []
        members.reserveCapacity(Int(entryCount))
        var at = Int(directoryOffset)
        for _ in 0..<Int(entryCount) {
            members.append(try centralRecord(bytes, at: &at, limit: directoryEnd, file: file))
        }
        guard at == directoryEnd else {
            throw fail("\(directoryEnd - at) unexplained bytes at byte \(at) after the last central directory "
                       + "record")
        }
        return members
    }

    /// The offset of the end of central directory record whose comment ends exactly at the end of the
    /// file, searching the last 65557 bytes from the back; nil when there is none.
    static func findEndRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var candidate = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while candidate >= lowest {
            if LittleEndian.load(bytes, at: candidate, width: 4) == UInt64(endSignature),
               Int(LittleEndian.load(bytes, at: candidate + 20, width: 2)) == bytes.count - candidate - 22 {
                return candidate
            }
            candidate -= 1
        }
        return nil
    }
}
