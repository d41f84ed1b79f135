import HardmaxModel
import Exact

/// Reads NumPy `.npy` files, format versions 1.0, 2.0 and 3.0
/// (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html), written in-house.
///
/// Layout: `\x93NUMPY`, major and minor version bytes, the header length (2 bytes little-endian for
/// 1.0, 4 bytes for 2.0 and 3.0), the header (a Python literal dict, see ``NumpyHeaderParser``), then
/// exactly `product(shape) * itemsize` data bytes.
///
/// Accepted dtypes: `f8 f4 f2 i1 i2 i4 i8 u1 u2 u4 u8 b1` with byte order `<` or `>` (and `|`, the
/// "not applicable" order NumPy writes for 1-byte types). Refused with a clear error: object arrays
/// (`|O`, pickles), structured, complex, string, datetime and other dtypes, headers longer than NumPy's
/// own safety limit (10000 bytes), non-ASCII headers, and any byte after the data.
/// `fortran_order: True` data is transposed to row-major, so values are always in C order.
enum NumpyReader {
    /// NumPy's default `max_header_size`: longer headers are refused by `np.load` too.
    static let maxHeaderLength = 10_000
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    /// Where an `.npy` image lives, for messages: the file, and for an `.npz` member its name and the
    /// file offset of its first byte.
    struct Place {
        var file: String
        var member: String?
        var base: Int

        func error(_ message: String) -> InputError {
            InputError(file: file, message: (member.map { "member '\($0)': " } ?? "") + message)
        }
    }

    /// The tensor named `name` stored in `bytes[range]`.
    /// - Throws: ``InputError`` with the file offset of the problem.
    /// - Complexity: O(range.count) plus the cost of the rationals (and O(count * rank) to transpose).
    static func read(_ bytes: [UInt8], range: Range<Int>, name: String, place: Place) throws -> NamedTensor {
        let start = range.lowerBound
        let size = range.count
        guard size >= 10, Array(bytes[start..<(start + 6)]) == magic else {
            throw place.error("not a NumPy .npy file: it does not start with \\x93NUMPY")
        }
        let major = bytes[start + 6], minor = bytes[start + 7]
        let lengthWidth: Int
        switch (major, minor) {
        case (1, 0): lengthWidth = 2
        case (2, 0), (3, 0): lengthWidth = 4
        default:
            throw place.error("unsupported .npy format version \(major).\(minor) at byte \(place.base + 6); "
                              + "supported: 1.0, 2.0, 3.0")
        }
        guard size >= 8 + lengthWidth else { throw place.error("the file ends inside the header length") }
        let headerLength = Int(LittleEndian.load(bytes, at: start + 8, width: lengthWidth))
        guard headerLength <= maxHeaderLength else {
            throw place.error("the header length at byte \(place.base + 8) is \(headerLength), more than "
                              + "NumPy's limit of \(maxHeaderLength)")
        }
        let headerStart = 8 + lengthWidth
        guard headerStart + headerLength <= size else {
            throw place.error("the header length at byte \(place.base + 8) is \(headerLength), but only "
                              + "\(size - headerStart) bytes follow it (truncated file?)")
        }
        let header: NumpyHeader
        do {
            header = try NumpyHeaderParser.parse(
                Array(bytes[(start + headerStart)..<(start + headerStart + headerLength)]),
                fileOffset: place.base + headerStart)
        } catch let failure as NumpyHeaderParser.Failure {
            throw place.error("bad header at byte \(failure.offset): \(failure.message)")
        }
        let (type, bigEndian) = try elementType(header.descr, place: place)
        let dataStart = headerStart + headerLength
        guard let count = TensorShape.elementCount(header.shape),
              let length = TensorShape.byteCount(elements: count, size: type.byteCount) else {
            throw place.error("shape \(TensorShape.describe(header.shape)) has more elements than fit in memory")
        }
        guard length == size - dataStart else {
            let how = length > size - dataStart ? "only \(size - dataStart) follow the header (truncated file?)"
                                                : "\(size - dataStart) follow the header (trailing bytes)"
            throw place.error("'\(header.descr)' \(TensorShape.describe(header.shape)) needs \(length) data "
                              + "bytes from byte \(place.base + dataStart), but \(how)")
        }
        let stored: [Rational]
        do {
            stored = try type.decode(bytes, at: start + dataStart, count: count, bigEndian: bigEndian)
        } catch let problem as TensorElementProblem {
            let logical = header.fortranOrder ? rowMajorIndex(ofColumnMajor: problem.index, in: header.shape)
                                              : problem.index
            throw place.error("tensor '\(name)' ('\(header.descr)' \(TensorShape.describe(header.shape))): "
                + problem.describe(logicalIndex: logical, shape: header.shape,
                                   byte: place.base + dataStart + problem.index * type.byteCount))
        }
        let values = header.fortranOrder ? transposeToRowMajor(stored, shape: header.shape) : stored
        return NamedTensor(name: name, shape: header.shape, values: values)
    }

    /// The element type and byte order of a `descr` such as `<f8`, `>i2`, `|u1`, `|b1`.
    static func elementType(_ descr: String, place: Place) throws -> (TensorElementType, bigEndian: Bool) {
        let characters = Array(descr)
        guard let order = characters.first, "<>|=".contains(order) else {
            throw place.error("unsupported dtype '\(descr)': expected a byte order '<', '>' or '|' first")
        }
        let code = String(characters.dropFirst())
        guard let type = TensorElementType(numpyCode: code) else {
            let kind = code.first.map(String.init) ?? ""
            let reason: String
            switch kind {
            case "O": reason = "object arrays hold pickled Python objects and are never loaded"
            case "c": reason = "complex numbers are not supported"
            case "U", "S", "a": reason = "strings are not numbers"
            case "M", "m": reason = "dates and times are not supported"
            case "V": reason = "raw void/structured data is not supported"
            default: reason = "supported: f8 f4 f2 i1 i2 i4 i8 u1 u2 u4 u8 b1"
            }
            throw place.error("unsupported dtype '\(descr)': \(reason)")
        }
        switch order {
        case "<": return (type, false)
        case ">": return (type, true)
        case "|" where type.byteCount == 1: return (type, false)
        case "=":
            throw place.error("unsupported dtype '\(descr)': native byte order '=' does not say how the file "
                              + "was written; NumPy writes '<' or '>'")
        default:
            throw place.error("unsupported dtype '\(descr)': a \(type.byteCount)-byte type needs an explicit "
                              + "byte order '<' or '>'")
        }
    }

    /// Values stored in column-major (Fortran) order, rearranged to row-major.
    ///
    /// Walks the stored order with an odometer (first axis fastest), keeping the row-major offset up to
    /// date by adding and subtracting strides.
    /// - Complexity: O(count) amortised.
    static func transposeToRowMajor(_ stored: [Rational], shape: [Int]) -> [Rational] {
        guard shape.count > 1, !stored.isEmpty else { return stored }
        var strides = Array(repeating: 1, count: shape.count)  // row-major strides
        for axis in stride(from: shape.count - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * shape[axis + 1]
        }
        var result = stored
        var counter = Array(repeating: 0, count: shape.count)
        var offset = 0
        for value in stored {
            result[offset] = value
            var axis = 0
            while axis < shape.count {
                counter[axis] += 1
                offset += strides[axis]
                if counter[axis] < shape[axis] { break }
                offset -= strides[axis] * shape[axis]
                counter[axis] = 0
                axis += 1
            }
        }
        return result
    }

    /// The row-major flat index of the element at column-major flat index `k`.
    static func rowMajorIndex(ofColumnMajor k: Int, in shape: [Int]) -> Int {
        var rest = k
        var index = Array(repeating: 0, count: shape.count)
        for axis in shape.indices {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        var flat = 0
        for axis in shape.indices { flat = flat * shape[axis] + index[axis] }
        return flat
    }
}
