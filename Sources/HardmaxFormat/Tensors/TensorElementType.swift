import HardmaxModel
/// The element types the weight-file readers accept: IEEE 754 binary64/32/16, bfloat16, two's
/// complement and unsigned integers of 1, 2, 4 and 8 bytes, and booleans stored as one byte 0 or 1.
///
/// Each maps to exact rationals (see ``TensorElementType/decode(_:at:count:bigEndian:)``); NaN,
/// infinities and boolean bytes other than 0 and 1 are refused.
enum TensorElementType: Sendable, Equatable, CaseIterable {
    case float64, float32, float16, bfloat16
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case bool

    /// Bytes per element.
    var byteCount: Int {
        switch self {
        case .float64, .int64, .uint64: return 8
        case .float32, .int32, .uint32: return 4
        case .float16, .bfloat16, .int16, .uint16: return 2
        case .int8, .uint8, .bool: return 1
        }
    }

    /// The safetensors dtype string (`F64`, `BF16`, `BOOL`, ...).
    var safetensorsName: String {
        switch self {
        case .float64: return "F64"
        case .float32: return "F32"
        case .float16: return "F16"
        case .bfloat16: return "BF16"
        case .int8: return "I8"
        case .int16: return "I16"
        case .int32: return "I32"
        case .int64: return "I64"
        case .uint8: return "U8"
        case .uint16: return "U16"
        case .uint32: return "U32"
        case .uint64: return "U64"
        case .bool: return "BOOL"
        }
    }

    /// The element type named `name` in a safetensors header, or nil.
    init?(safetensorsName name: String) {
        guard let match = Self.allCases.first(where: { $0.safetensorsName == name }) else { return nil }
        self = match
    }

    /// The NumPy type code without byte order (`f8`, `i2`, `b1`, ...); bfloat16 has none.
    var numpyCode: String? {
        switch self {
        case .float64: return "f8"
        case .float32: return "f4"
        case .float16: return "f2"
        case .bfloat16: return nil
        case .int8: return "i1"
        case .int16: return "i2"
        case .int32: return "i4"
        case .int64: return "i8"
        case .uint8: return "u1"
        case .uint16: return "u2"
        case .uint32: return "u4"
        case .uint64: return "u8"
        case .bool: return "b1"
        }
    }

    /// The element type with NumPy type code `code` (`f8`, `u1`, ...), or nil.
    init?(numpyCode code: String) {
        guard let match = Self.allCases.first(where: { $0.numpyCode == code }) else { return nil }
        self = match
    }
}
