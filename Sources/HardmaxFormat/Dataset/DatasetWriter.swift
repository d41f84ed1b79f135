import HardmaxModel
import Exact

/// Writes a data set as JSON Lines (SPEC.md sections 3 and 10): one record per sequence, numbers as
/// exact `"p"` / `"p/q"` strings, symbols and labels as strings (per-token labels with `null`), so
/// `DatasetReader` reads back exactly the same data set.
public enum DatasetWriter {
    /// One line per sequence, each ending in a newline.
    /// - Complexity: O(total number of values).
    public static func jsonLines(_ dataset: Dataset) -> [UInt8] {
        var out: [UInt8] = []
        for sequence in dataset.sequences {
            out += JSONWriter.bytes(record(sequence), style: .compact)
            out.append(0x0A)
        }
        return out
    }

    static func record(_ sequence: LabelledSequence) -> JSONValue {
        var members: [JSONMember] = []
        if let id = sequence.id { members.append(JSONMember(key: "id", value: .string(id))) }
        switch sequence.labels {
        case .whole(let label): members.append(JSONMember(key: "label", value: .string(label.text)))
        case .perToken(let labels):
            members.append(JSONMember(key: "labels", value: .array(labels.map { $0.map { .string($0.text) } ?? .null })))
        }
        let tokens = sequence.isSymbolic
            ? sequence.symbols.map { JSONValue.string($0.text) }
            : (0..<sequence.length).map { t in JSONValue.array(sequence.token(t).map { .string($0.description) }) }
        members.append(JSONMember(key: "tokens", value: .array(tokens)))
        return .object(members)
    }
}
