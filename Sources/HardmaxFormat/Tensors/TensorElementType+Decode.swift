import HardmaxModel
import Exact

/// Why one element of a weight file has no exact rational value.
struct TensorElementProblem: Error, Sendable {
    /// Flat index of the element in storage order.
    var index: Int
    /// E.g. `is NaN (bits 0x7FC00000)`.
    var what: String
    /// E.g. `only finite numbers have an exact value`.
    var why: String

    /// `element 4 (index [1, 1]) is NaN (bits 0x7FC00000) at byte 88; only finite numbers ...`, where
    /// `logicalIndex` is the row-major index of the element in `shape`.
    func describe(logicalIndex: Int, shape: [Int], byte: Int) -> String {
        "\(TensorShape.describeElement(logicalIndex, in: shape)) \(what) at byte \(byte); \(why)"
    }
}

extension TensorElementType {
    /// Decodes `count` consecutive elements starting at byte `offset` into exact rationals.
    ///
    /// Floats become the exact value of their bit pattern (subnormals exactly; -0 becomes 0);
    /// integers their value; booleans 0 or 1.
    /// - Precondition: `offset + count * byteCount <= bytes.count` (callers check sizes first).
    /// - Throws: ``TensorElementProblem`` for the first NaN, infinity or boolean byte other than 0/1.
    /// - Complexity: O(count) conversions.
    func decode(_ bytes: [UInt8], at offset: Int, count: Int, bigEndian: Bool) throws -> [Rational] {
        let size = byteCount
        precondition(offset >= 0 && count >= 0 && offset + count * size <= bytes.count,
                     "TensorElementType.decode: range outside the buffer")
        var values: [Rational] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            let bits = Self.word(bytes, at: offset + index * size, width: size, bigEndian: bigEndian)
            guard let value = rational(bits) else {
                let (what, why) = problem(bits)
                throw TensorElementProblem(index: index, what: what, why: why)
            }
            values.append(value)
        }
        return values
    }

    /// The exact value of one element, or nil when it has none.
    private func rational(_ bits: UInt64) -> Rational? {
        switch self {
        case .float64: return Rational(float64Bits: bits)
        case .float32: return Rational(float32Bits: UInt32(truncatingIfNeeded: bits))
        case .float16: return Rational(float16Bits: UInt16(truncatingIfNeeded: bits))
        case .bfloat16: return Rational(bfloat16Bits: UInt16(truncatingIfNeeded: bits))
        case .int8, .int16, .int32, .int64:
            let shift = 64 - 8 * byteCount
            return Rational(Int(Int64(bitPattern: bits << UInt64(shift)) >> Int64(shift)))
        case .uint8, .uint16, .uint32:
            return Rational(Int(bits))
        case .uint64:
            return Rational(BigInt(bits))
        case .bool:
            return bits <= 1 ? Rational(Int(bits)) : nil
        }
    }

    /// What `bits` is and why it has no value: `is NaN (bits 0x7FC00000)`, `is +infinity (...)`, ...
    private func problem(_ bits: UInt64) -> (what: String, why: String) {
        let hex = String(bits, radix: 16, uppercase: true)
        let shown = "0x" + String(repeating: "0", count: max(0, 2 * byteCount - hex.count)) + hex
        if self == .bool {
            return ("is the byte \(shown)", "a boolean must be 0 or 1")
        }
        let negative = bits >> UInt64(8 * byteCount - 1) & 1 == 1
        let mantissaBits: UInt64
        switch self {
        case .float64: mantissaBits = 52
        case .float32: mantissaBits = 23
        case .float16: mantissaBits = 10
        default: mantissaBits = 7  // bfloat16; integers never reach here
        }
        let isNaN = bits & ((1 << mantissaBits) - 1) != 0
        let what = isNaN ? "NaN" : (negative ? "-infinity" : "+infinity")
        return ("is \(what) (bits \(shown))", "only finite numbers have an exact value")
    }

    /// The unsigned integer in `width` bytes at `at`, in the given byte order.
    @inline(__always)
    static func word(_ bytes: [UInt8], at: Int, width: Int, bigEndian: Bool) -> UInt64 {
        var value: UInt64 = 0
        if bigEndian {
            for k in 0..<width { value = value << 8 | UInt64(bytes[at + k]) }
        } else {
            var k = width - 1
            while k >= 0 {
                value = value << 8 | UInt64(bytes[at + k])
                k -= 1
            }
        }
        return value
    }
}
