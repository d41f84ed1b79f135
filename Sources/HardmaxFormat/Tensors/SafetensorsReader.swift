import HardmaxModel
import Exact

/// Reads the safetensors format (https://github.com/huggingface/safetensors), written in-house.
///
/// Layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON, then the data buffer.
/// The header is an object `{NAME: {"dtype": D, "shape": [..], "data_offsets": [begin, end]}, ...}`
/// with an optional `"__metadata__"` object of string values; offsets are relative to the data buffer.
///
/// At least as strict as the reference reader: header length at most 100,000,000 and inside the file;
/// the header starts with `{` and is valid UTF-8 JSON (trailing spaces, which the reference writer pads
/// with, are allowed); every entry has exactly `dtype`, `shape`, `data_offsets`; names are unique; the
/// dtype is one of F64 F32 F16 BF16 I8 I16 I32 I64 U8 U16 U32 U64 BOOL; `end - begin` is the element
/// count times the dtype size; sorted by offset the entries tile the data buffer exactly from 0 to its
/// end (no gap, no overlap, no trailing byte). NaN and infinities are refused by tensor and element.
enum SafetensorsReader {
    /// The reference reader's limit on the header length.
    static let maxHeaderLength = 100_000_000

    /// One validated header entry.
    struct Entry {
        var name: String
        var type: TensorElementType
        var shape: [Int]
        var begin: Int
        var end: Int
        /// Position in the header, to keep the order stable among zero-size tensors.
        var order: Int
    }

    /// All tensors of the file, in data-buffer order.
    /// - Throws: ``InputError`` naming the file and the byte offset, header path or tensor at fault.
    /// - Complexity: O(file size) plus the cost of the rationals.
    static func read(_ bytes: [UInt8], file: String) throws -> [NamedTensor] {
        let (entries, dataStart) = try readHeader(bytes, file: file)
        return try entries.map { entry in
            do {
                let values = try entry.type.decode(bytes, at: dataStart + entry.begin,
                                                   count: (entry.end - entry.begin) / entry.type.byteCount,
                                                   bigEndian: false)
                return NamedTensor(name: entry.name, shape: entry.shape, values: values)
            } catch let problem as TensorElementProblem {
                let offset = dataStart + entry.begin + problem.index * entry.type.byteCount
                throw InputError(file: file, message: "tensor '\(entry.name)' (\(entry.type.safetensorsName) "
                    + "\(TensorShape.describe(entry.shape))): "
                    + problem.describe(logicalIndex: problem.index, shape: entry.shape, byte: offset))
            }
        }
    }

    /// Parses and validates the header; returns the entries sorted by offset and where data starts.
    static func readHeader(_ bytes: [UInt8], file: String) throws -> (entries: [Entry], dataStart: Int) {
        func fail(_ message: String) -> InputError { InputError(file: file, message: message) }
        guard bytes.count >= 8 else {
            throw fail("the file is \(bytes.count) bytes long; a safetensors file starts with an 8-byte "
                       + "header length")
        }
        let declared = LittleEndian.load(bytes, at: 0, width: 8)
        guard declared <= UInt64(maxHeaderLength) else {
            throw fail("the header length at byte 0 is \(declared), more than the limit of \(maxHeaderLength)")
        }
        let headerLength = Int(declared)
        guard 8 + headerLength <= bytes.count else {
            throw fail("the header length at byte 0 is \(headerLength), but only \(bytes.count - 8) bytes "
                       + "follow it (truncated file?)")
        }
        guard headerLength >= 2, bytes[8] == UInt8(ascii: "{") else {
            throw fail("the header at byte 8 does not start with '{'; not a safetensors file")
        }
        let headerBytes = Array(bytes[8..<(8 + headerLength)])
        guard String(decoding: headerBytes, as: UTF8.self).utf8.elementsEqual(headerBytes) else {
            throw fail("the header (bytes 8..<\(8 + headerLength)) is not valid UTF-8")
        }
        let header: JSONValue
        do {
            header = try JSONReader.parse(headerBytes, file: file)
        } catch let error as InputError {
            var where_ = ""
            if let line = error.line, let column = error.column { where_ = " at header line \(line), column \(column)" }
            throw fail("the header (JSON from byte 8) is not valid JSON\(where_): \(error.message)")
        }
        guard case .object(let members) = header else {
            throw fail("the header is not a JSON object")
        }
        let dataLength = bytes.count - 8 - headerLength
        var entries: [Entry] = []
        var seen: Set<String> = []
        for (order, member) in members.enumerated() {
            guard seen.insert(member.key).inserted else {
                throw InputError(file: file, path: path(member.key), message: "duplicate tensor name")
            }
            if member.key == "__metadata__" {
                try checkMetadata(member.value, file: file)
                continue
            }
            entries.append(try entry(member, order: order, dataLength: dataLength, file: file))
        }
        entries.sort { ($0.begin, $0.end, $0.order) < ($1.begin, $1.end, $1.order) }
        var cursor = 0
        var previous: String?
        for entry in entries {
            if entry.begin != cursor {
                let after = previous.map { "the end of tensor '\($0)'" } ?? "the start of the data buffer"
                let kind = entry.begin > cursor ? "a gap of \(entry.begin - cursor) bytes"
                                                : "an overlap of \(cursor - entry.begin) bytes"
                throw InputError(file: file, path: path(entry.name) + ".data_offsets",
                                 message: "data begins at \(entry.begin) but \(after) is at \(cursor): \(kind)")
            }
            cursor = entry.end
            previous = entry.name
        }
        if cursor != dataLength {
            throw fail("the tensors cover \(cursor) bytes of the data buffer, but it has \(dataLength) bytes "
                       + "(bytes \(8 + headerLength + cursor)..<\(bytes.count) of the file belong to no tensor)")
        }
        return (entries, 8 + headerLength)
    }

    /// `["ff0.weight"]`: the JSON path of a header entry (names may contain dots).
    static func path(_ name: String) -> String {
        var quoted = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return "[" + quoted + "\"]"
    }
}
