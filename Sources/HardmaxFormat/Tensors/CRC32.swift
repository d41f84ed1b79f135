import HardmaxModel
/// CRC-32 as used by ZIP (ISO 3309 / ITU-T V.42): reflected polynomial 0xEDB88320, initial value and
/// final XOR 0xFFFFFFFF. `checksum("123456789") == 0xCBF43926`.
enum CRC32 {
    /// - Complexity: O(range.count), one table lookup per byte.
    static func checksum(_ bytes: [UInt8], range: Range<Int>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for i in range {
            crc = table[Int((crc ^ UInt32(bytes[i])) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 { checksum(bytes, range: bytes.indices) }

    private static let table: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}
