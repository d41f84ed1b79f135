import HardmaxModel
import Exact

/// Turns a parsed model file into a ``Model``, checking every field, type and number (SPEC.md section 4).
///
/// Shapes are not this parser's business: matrices only have to be rectangular, and whether each fits
/// the width it reads is the kernel's one definition of a well-formed model (`checkWellFormed()`),
/// which ``ModelReader`` applies to what this returns. Every error names the JSON path and says what
/// was expected.
struct ModelParser {
    let file: String?
    let limits: NumberLimits
    let tensors: TensorResolver?
    /// The tensor each tensor reference resolved to, by JSON path, for the kernel's shape messages.
    let tensorNotes = TensorNotes()
    /// The matrices the JSON reader left in `text` (``MatrixDeferral``), converted from there.
    var deferred: (deferral: MatrixDeferral, text: UnsafeBufferPointer<UInt8>)? = nil

    /// The members whose value is a matrix: the only ones a reader may defer.
    static let matrixKeys: Set<String> = ["w1", "w2", "weight", "table", "query", "key", "bilinear", "value", "output"]

    final class TensorNotes {
        var byPath: [String: String] = [:]
    }

    func model(_ json: JSONValue) throws -> Model {
        let root = try JSONObjectFields(json, path: .root, file: file, what: "a model",
                                        allowed: ["format", "version", "dimension", "semantics", "embedding", "positions", "layers", "readout",
                                                  "metadata"])
        _ = try root.required("format", .choice(["hardmax-transformer"]))
        let version = try root.required("version")
        guard (try? version.rational(path: "", limits: limits)) == Rational.one else {
            throw root.error("version", "expected version 1, found \(version.kindDescription)")
        }
        let dimension = try positiveInteger(try root.required("dimension"), .root.key("dimension"))
        let semantics = try root.optional("semantics", .choice([AttentionSemantics.hardmax, .softmax])) ?? .hardmax
        let embedding = try root.optional("embedding").map { try self.embedding($0, .root.key("embedding")) }
        var positions = Positions.none, positionTable: Matrix?
        if let value = root.optional("positions") {
            if value.objectMembers != nil {
                let fields = try JSONObjectFields(value, path: .root.key("positions"), file: file,
                                                  what: "a position table", allowed: ["table"])
                positionTable = try matrix(try fields.required("table"), .root.key("positions").key("table"))
            } else {
                positions = try root.required("positions", JSONType("\"none\" or \"index\" or {\"table\": P}") {
                    $0.stringValue.flatMap(Positions.init(rawValue:))
                })
            }
        }
        let layersPath = JSONPath.root.key("layers")
        let layerValues = try root.required("layers", .array(of: "layers"))
        var layers: [Layer] = []
        layers.reserveCapacity(layerValues.count)
        for (i, value) in layerValues.enumerated() {
            layers.append(try layer(value, layersPath.index(i)))
        }
        let readout = try self.readout(try root.required("readout"), .root.key("readout"))
        let metadata = try root.optional("metadata", .object) ?? .object([])
        var model = Model(dimension: dimension, positions: positions, embedding: embedding, positionTable: positionTable,
                          layers: layers, readout: readout, metadata: metadata)
        model.semantics = semantics
        return model
    }

    /// `{"vocabulary": [symbols], "table": E}`; a JSON integer in the vocabulary stands for its text.
    private func embedding(_ value: JSONValue, _ path: JSONPath) throws -> Embedding {
        let fields = try JSONObjectFields(value, path: path, file: file, what: "an embedding",
                                          allowed: ["vocabulary", "table"])
        let vocabulary = try fields.required("vocabulary", .array(of: Self.symbol))
        return Embedding(vocabulary: vocabulary.map { Label($0) }, table: try matrix(try fields.required("table"), path.key("table")))
    }

    /// A symbol or a value name: a string, or an integer standing for its decimal text.
    static let symbol = JSONType<String>("a string (or an integer)") { value in
        if let s = value.stringValue { return s }
        guard case .number(let lexeme) = value,
              lexeme.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 >= 48 && $0 <= 57) }) else { return nil }
        return lexeme
    }

    private func readout(_ value: JSONValue, _ path: JSONPath) throws -> Readout {
        let fields = try JSONObjectFields(value, path: path, file: file, what: "a readout",
                                          allowed: ["pool", "classes", "values", "tolerance", "weight", "bias"])
        let pool = try fields.required("pool", .choice([Pool.mean, .first, .last, .every]))
        let weight = try matrix(try fields.required("weight"), path.key("weight"))
        if fields.has("values") || fields.has("tolerance") {
            if fields.has("classes") { throw error(path, "a readout has either \"classes\" or \"values\", not both") }
            let names = try fields.required("values", .array(of: Self.symbol)).map { Label($0) }
            let tolerance = try fields.optional("tolerance", .rational(limits: limits)) ?? 0
            let bias = try vector(fields.optional("bias"), path.key("bias")) ?? Array(repeating: 0, count: names.count)
            return Readout(pool: pool, values: ValueOutput(names: names, tolerance: tolerance), weight: weight, bias: bias)
        }
        let classesPath = path.key("classes")
        let classValues = try fields.required("classes", .array(of: "class names"))
        let classes = try classValues.enumerated().map {
            Label(try JSONType.string(as: "a class name").read($1, path: classesPath.index($0).description, file: file))
        }
        let bias = try vector(fields.optional("bias"), path.key("bias")) ?? Array(repeating: 0, count: classes.count)
        return Readout(pool: pool, classes: classes, weight: weight, bias: bias)
    }

    // MARK: Errors and scalars

    func error(_ path: JSONPath, _ message: String) -> InputError {
        InputError(file: file, path: path.description, message: message)
    }

    /// The path is built only for an error: a model holds millions of numbers.
    func number(_ value: JSONValue, _ path: @autoclosure () -> JSONPath) throws -> Rational {
        try value.rational(path: path().description, file: file, limits: limits)
    }

    /// A positive integer that fits in Int (written as a JSON number or a number string).
    func positiveInteger(_ value: JSONValue, _ path: JSONPath) throws -> Int {
        let r = try number(value, path)
        guard r.isInteger, r.signum > 0, let n = r.numerator.intValue, n <= 1 << 40 else {
            throw error(path, "expected a positive integer, found \(value.kindDescription)")
        }
        return n
    }
}
