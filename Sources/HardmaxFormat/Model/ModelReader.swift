import HardmaxKernel
import HardmaxModel
import Exact

/// Reads model files (SPEC.md section 4) into a ``Model``, checking every field and shape.
///
/// Refused, each as one ``InputError`` naming the JSON path (and, when read from a file, the line and
/// column of that value): a wrong `format` or `version`, unknown fields, unknown layer types or pools,
/// a missing field, wrong shapes (with the expected count and why, e.g. "expected 12 columns (the width
/// after layers[2] (affine)), found 11"), a k mismatch between query and key, a head with both
/// query/key and bilinear, empty heads/classes, duplicate class names, and malformed numbers. Defaults:
/// positions none, residual 1, mask none, b2 and biases zeros, metadata `{}`.
///
/// A matrix or vector may be given as `{"tensor": "NAME", "transpose": BOOL}` when a
/// ``TensorResolver`` is supplied.
///
/// Numbers are read under `InputLimits.standard.numbers` by default: the bit limit 2^20 and texts long
/// enough for every `p/q` within it, so that every model the tool writes reads back.
public enum ModelReader {
    /// Largest model file read (1 GiB).
    public static let maxFileBytes = 1 << 30

    /// Reads and checks the model file at `file`.
    /// - Throws: ``InputError`` (unreadable file, malformed JSON, malformed model).
    public static func read(file: String, tensors: TensorResolver? = nil, maxBytes: Int = maxFileBytes,
                            limits: NumberLimits = InputLimits.standard.numbers) throws -> Model {
        let bytes = try FileIO.read(file, maxBytes: maxBytes)
        return try read(bytes: bytes, file: file, tensors: tensors, limits: limits)
    }

    /// Reads a model from the text of a model file; errors carry `file`, the JSON path, and the line and
    /// column of the offending value.
    public static func read(bytes: [UInt8], file: String?, tensors: TensorResolver? = nil,
                            limits: NumberLimits = InputLimits.standard.numbers) throws -> Model {
        // First with the matrices left in the text and converted from it on every processor; where that
        // read does not succeed in full, the general one below decides (and gives the errors).
        let jsonLimits = JSONLimits.standard(forTextOf: bytes.count)
        let deferral = MatrixDeferral(keys: ModelParser.matrixKeys)
        let first = try? bytes.withUnsafeBufferPointer { text in
            let json = try JSONReader.parse(text, file: file, limits: jsonLimits, deferral: deferral)
            if deferral.matrices.isEmpty { return (json, nil as Model?) }   // the general read's own tree
            let parser = ModelParser(file: file, limits: limits, tensors: tensors, deferred: (deferral, text))
            let model = try parser.model(json)
            guard deferral.isComplete else { return (json, nil) }
            try model.checkWellFormed()
            return (json, model)
        }
        if let model = first?.1 { return model }
        if let (tree, _) = first, deferral.matrices.isEmpty {
            return try readGeneral(bytes: bytes, file: file, tensors: tensors, limits: limits, json: tree)
        }
        return try readGeneral(bytes: bytes, file: file, tensors: tensors, limits: limits)
    }

    /// The general read: the whole text as one JSON value (or `json`, when it was parsed already), then
    /// the model from it.
    static func readGeneral(bytes: [UInt8], file: String?, tensors: TensorResolver? = nil,
                            limits: NumberLimits = InputLimits.standard.numbers, json: JSONValue? = nil) throws -> Model {
        let json = try json ?? JSONReader.parse(bytes, file: file, limits: .standard(forTextOf: bytes.count))
        do {
            return try parse(json, file: file, tensors: tensors, limits: limits)
        } catch var e as InputError {
            if e.line == nil, let text = e.path, let path = JSONPath(text),
               let (line, column) = JSONLocator.lineColumn(of: path, in: bytes) {
                e.line = line
                e.column = column
            }
            throw e
        }
    }

    /// Checks a parsed model file and builds the model. Errors name the JSON path, and the line and
    /// column of a field's key where the value recorded them (``JSONMember``); an error inside a matrix
    /// has the path alone.
    /// - Complexity: O(size of the JSON value) plus the cost of the exact numbers.
    public static func parse(_ json: JSONValue, file: String?, tensors: TensorResolver? = nil,
                             limits: NumberLimits = InputLimits.standard.numbers) throws -> Model {
        let parser = ModelParser(file: file, limits: limits, tensors: tensors)
        let model = try parser.model(json)
        do {
            try model.checkWellFormed()   // the kernel's definition, the same one verify and inspect use
        } catch var e as InputError {
            if let path = e.path, let note = parser.tensorNotes.byPath[path] { e.message += note }
            throw file.map(e.inFile) ?? e
        }
        return model
    }
}
