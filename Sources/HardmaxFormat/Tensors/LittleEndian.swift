import HardmaxModel
/// Little-endian integer loads from a byte array, for the binary headers of weight files.
enum LittleEndian {
    /// The unsigned integer in `width` (<= 8) bytes at `offset`.
    /// - Precondition: `offset + width <= bytes.count` (callers check against the file size first).
    @inline(__always)
    static func load(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
        precondition(width <= 8 && offset >= 0 && offset + width <= bytes.count, "LittleEndian.load: out of range")
        return TensorElementType.word(bytes, at: offset, width: width, bigEndian: false)
    }
}
