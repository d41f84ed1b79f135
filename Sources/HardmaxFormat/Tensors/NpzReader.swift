import HardmaxModel
/// Reads NumPy `.npz` archives as written by `np.savez`: a ZIP archive of stored (uncompressed)
/// `.npy` members, each tensor named after its member without `.npy`.
///
/// Refused with a clear error: compressed members (`np.savez_compressed` deflates; re-save with
/// `np.savez`), encrypted members, members not named `*.npy`, duplicate names, members whose bytes
/// overlap each other or the central directory, and a CRC-32 that does not match the member's bytes.
/// ZIP64 (which NumPy forces for every member) is read from the local and central extra fields.
enum NpzReader {
    /// All tensors, in central directory order.
    /// - Throws: ``InputError`` naming the file, the member and the byte offset at fault.
    /// - Complexity: O(file size) plus the cost of the rationals.
    static func read(_ bytes: [UInt8], file: String) throws -> [NamedTensor] {
        let members = try ZipDirectory.members(bytes, file: file)
        // First the archive's structure, for every member; only then their contents.
        var names: Set<String> = []
        var data: [Range<Int>] = []
        for member in members {
            func fail(_ message: String) -> InputError {
                InputError(file: file, message: "member '\(member.name)': " + message)
            }
            guard names.insert(member.name).inserted else {
                throw fail("the archive holds two members of this name (second record at byte "
                           + "\(member.recordOffset))")
            }
            guard member.name.hasSuffix(".npy"), member.name.count > 4 else {
                throw fail("not a .npy array; an .npz archive holds only NAME.npy members")
            }
            guard member.flags & 0x0001 == 0 else { throw fail("encrypted members are not supported") }
            switch member.method {
            case 0: break
            case 8:
                throw fail("compressed with deflate (np.savez_compressed); only stored members are read: "
                           + "save the arrays with np.savez instead")
            default:
                throw fail("compression method \(member.method) is not supported; save the arrays with np.savez")
            }
            guard member.size == member.compressedSize else {
                throw fail("a stored member must have equal sizes, but the central directory says "
                           + "\(member.compressedSize) stored and \(member.size) uncompressed bytes")
            }
            data.append(try ZipDirectory.dataRange(of: member, in: bytes, file: file))
        }
        try checkDisjoint(zip(members, data).map { (member, range) in
                              (member.localHeaderOffset..<range.upperBound, member.name) },
                          directoryStart: members.map(\.recordOffset).min() ?? bytes.count, file: file)
        return try zip(members, data).map { (member, range) in
            let crc = CRC32.checksum(bytes, range: range)
            guard crc == member.crc else {
                throw InputError(file: file, message: "member '\(member.name)': CRC-32 mismatch: the "
                                 + "\(range.count) bytes at byte \(range.lowerBound) have CRC-32 \(hex(crc)), the "
                                 + "archive records \(hex(member.crc)) (corrupted file?)")
            }
            return try NumpyReader.read(bytes, range: range, name: String(member.name.dropLast(4)),
                                        place: .init(file: file, member: member.name, base: range.lowerBound))
        }
    }

    /// Members must not share bytes with each other or with the central directory.
    static func checkDisjoint(_ spans: [(range: Range<Int>, name: String)], directoryStart: Int,
                              file: String) throws {
        let sorted = spans.sorted { $0.range.lowerBound < $1.range.lowerBound }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.range.upperBound > b.range.lowerBound {
            throw InputError(file: file, message: "members '\(a.name)' and '\(b.name)' overlap at byte "
                             + "\(b.range.lowerBound)")
        }
        if let last = sorted.last, last.range.upperBound > directoryStart {
            throw InputError(file: file, message: "member '\(last.name)' overlaps the central directory at "
                             + "byte \(directoryStart)")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
