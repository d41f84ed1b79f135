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

    final class TensorNotes {
        var byPath: [String: String] = [:]
    }

    func model(_ json: JSONValue) throws -> Model {
        let root = try JSONObjectFields(json, path: .root, file: file, what: "a model",
                                        allowed: ["format", "version", "dimension", "positions", "layers", "readout",
                                                  "metadata"])
        _ = try root.required("format", .choice(["hardmax-transformer"]))
        let version = try root.required("version")
        guard (try? version.rational(path: "", limits: limits)) == Rational.one else {
            throw root.error("version", "expected version 1, found \(version.kindDescription)")
        }
        let dimension = try positiveInteger(try root.required("dimension"), .root.key("dimension"))
        let positions = try root.optional("positions", .choice([Positions.none, .index])) ?? Positions.none
        let layersPath = JSONPath.root.key("layers")
        let layerValues = try root.required("layers", .array(of: "layers"))
        var layers: [Layer] = []
        layers.reserveCapacity(layerValues.count)
        for (i, value) in layerValues.enumerated() {
            layers.append(try layer(value, layersPath.index(i)))
        }
        let readout = try self.readout(try root.required("readout"), .root.key("readout"))
        let metadata = try root.optional("metadata", .object) ?? .object([])
        return Model(dimension: dimension, positions: positions, layers: layers, readout: readout,
                     metadata: metadata)
    }

    private func readout(_ value: JSONValue, _ path: JSONPath) throws -> Readout {
        let fields = try JSONObjectFields(value, path: path, file: file, what: "a readout",
                                          allowed: ["pool", "classes", "weight", "bias"])
        let pool = try fields.required("pool", .choice([Pool.mean, .first, .last, .every]))
        let classesPath = path.key("classes")
        let classValues = try fields.required("classes", .array(of: "class names"))
        let classes = try classValues.enumerated().map {
            Label(try JSONType.string(as: "a class name").read($1, path: classesPath.index($0).description, file: file))
        }
        let weight = try matrix(try fields.required("weight"), path.key("weight"))
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
