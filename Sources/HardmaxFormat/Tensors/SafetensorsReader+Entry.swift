import HardmaxModel
/// Validation of one safetensors header entry and of `__metadata__`.
extension SafetensorsReader {
    /// The entry for `member`, with its dtype known, its shape non-negative, its offsets inside the
    /// data buffer and its byte length equal to element count times dtype size.
    static func entry(_ member: JSONMember, order: Int, dataLength: Int, file: String) throws -> Entry {
        let name = member.key
        let here = path(name)
        func fail(_ subpath: String, _ message: String) -> InputError {
            InputError(file: file, path: here + subpath, message: message)
        }
        guard case .object(let fields) = member.value else {
            throw fail("", "a tensor entry must be an object with \"dtype\", \"shape\" and \"data_offsets\"")
        }
        for field in fields where !["dtype", "shape", "data_offsets"].contains(field.key) {
            throw fail("." + field.key, "unknown field; a tensor entry has exactly \"dtype\", \"shape\" and "
                       + "\"data_offsets\"")
        }
        guard case .string(let dtypeName)? = member.value["dtype"] else {
            throw fail(".dtype", member.value["dtype"] == nil ? "missing" : "must be a string such as \"F32\"")
        }
        guard let type = TensorElementType(safetensorsName: dtypeName) else {
            let known = TensorElementType.allCases.map(\.safetensorsName).joined(separator: ", ")
            throw fail(".dtype", "unsupported dtype \"\(dtypeName)\"; supported: \(known)")
        }
        guard case .array(let shapeValues)? = member.value["shape"] else {
            throw fail(".shape", member.value["shape"] == nil ? "missing" : "must be an array of integers")
        }
        var shape: [Int] = []
        for (axis, value) in shapeValues.enumerated() {
            guard let dimension = nonNegativeInteger(value) else {
                throw fail(".shape[\(axis)]", "must be a non-negative integer")
            }
            shape.append(dimension)
        }
        guard case .array(let offsets)? = member.value["data_offsets"] else {
            throw fail(".data_offsets", member.value["data_offsets"] == nil ? "missing"
                       : "must be an array [begin, end]")
        }
        guard offsets.count == 2 else {
            throw fail(".data_offsets", "must have exactly 2 entries [begin, end], found \(offsets.count)")
        }
        guard let begin = nonNegativeInteger(offsets[0]) else {
            throw fail(".data_offsets[0]", "must be a non-negative integer")
        }
        guard let end = nonNegativeInteger(offsets[1]) else {
            throw fail(".data_offsets[1]", "must be a non-negative integer")
        }
        guard begin <= end else {
            throw fail(".data_offsets", "begin \(begin) is after end \(end)")
        }
        guard end <= dataLength else {
            throw fail(".data_offsets", "end \(end) is past the end of the data buffer (\(dataLength) bytes)")
        }
        guard let count = TensorShape.elementCount(shape),
              let length = TensorShape.byteCount(elements: count, size: type.byteCount) else {
            throw fail(".shape", "\(TensorShape.describe(shape)) has more elements than fit in memory")
        }
        guard end - begin == length else {
            throw fail(".data_offsets", "[\(begin), \(end)] holds \(end - begin) bytes, but \(dtypeName) "
                       + "\(TensorShape.describe(shape)) needs \(count) x \(type.byteCount) = \(length) bytes")
        }
        return Entry(name: name, type: type, shape: shape, begin: begin, end: end, order: order)
    }

    /// `__metadata__` must be an object whose values are all strings (as in the reference reader).
    static func checkMetadata(_ value: JSONValue, file: String) throws {
        guard case .object(let fields) = value else {
            throw InputError(file: file, path: "[\"__metadata__\"]",
                             message: "must be an object of string values")
        }
        for field in fields {
            guard case .string = field.value else {
                throw InputError(file: file, path: "[\"__metadata__\"]" + path(field.key),
                                 message: "metadata values must be strings")
            }
        }
    }

    /// The value of a JSON number written as plain decimal digits (`0` or no leading zero) that fits
    /// in `Int`; nil for anything else (`-1`, `1.0`, `1e3`, strings, too large).
    static func nonNegativeInteger(_ value: JSONValue) -> Int? {
        guard case .number(let lexeme) = value, !lexeme.isEmpty,
              lexeme.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              lexeme == "0" || !lexeme.hasPrefix("0") else { return nil }
        var result = 0
        for digit in lexeme.utf8 {
            let (times10, o1) = result.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            result = sum
        }
        return result
    }
}
