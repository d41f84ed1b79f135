import HardmaxModel
import Exact

/// Turns a parsed model file into a ``Model``, checking every field and every shape (SPEC.md section 4).
///
/// The width w is tracked through the layers so that each matrix is checked against the width it
/// reads; every error names the JSON path and says what was expected and why.
struct ModelParser {
    let file: String?
    let limits: NumberLimits
    let tensors: TensorResolver?

    /// The current token width and how it came about, for messages.
    struct Width {
        var count: Int
        var why: String
    }

    func model(_ json: JSONValue) throws -> Model {
        let root = try ObjectFields(json, path: .root, file: file, what: "a model",
                                    allowed: ["format", "version", "dimension", "positions", "layers", "readout",
                                              "metadata"])
        let format = try root.required("format")
        guard format.stringValue == "hardmax-transformer" else {
            throw error(.root.key("format"), "expected \"hardmax-transformer\", found \(format.kindDescription)")
        }
        let version = try root.required("version")
        guard (try? version.rational(path: "", limits: limits)) == Rational.one else {
            throw error(.root.key("version"), "expected version 1, found \(version.kindDescription)")
        }
        let dimension = try positiveInteger(try root.required("dimension"), .root.key("dimension"))
        let positions = Positions(rawValue: try root.choice("positions", ["none", "index"], default: "none"))
            ?? .none
        var width = positions == .index
            ? Width(count: dimension + 1, why: "the dimension \(dimension) plus 1 for positions \"index\"")
            : Width(count: dimension, why: "the dimension")
        let layersPath = JSONPath.root.key("layers")
        let layersValue = try root.required("layers")
        guard let layerValues = layersValue.arrayElements else {
            throw error(layersPath, "expected an array of layers, found \(layersValue.kindDescription)")
        }
        var layers: [Layer] = []
        layers.reserveCapacity(layerValues.count)
        for (i, value) in layerValues.enumerated() {
            layers.append(try layer(value, layersPath.index(i), width: &width))
        }
        let readout = try self.readout(try root.required("readout"), .root.key("readout"), width: width)
        var metadata = JSONValue.object([])
        if let value = root.optional("metadata") {
            guard value.objectMembers != nil else {
                throw error(.root.key("metadata"), "expected an object, found \(value.kindDescription)")
            }
            metadata = value
        }
        return Model(dimension: dimension, positions: positions, layers: layers, readout: readout,
                     metadata: metadata)
    }

    private func readout(_ value: JSONValue, _ path: JSONPath, width: Width) throws -> Readout {
        let fields = try ObjectFields(value, path: path, file: file, what: "a readout",
                                      allowed: ["pool", "classes", "weight", "bias"])
        let pool = Pool(rawValue: try fields.choice("pool", ["mean", "first", "last", "every"], default: nil))
            ?? .mean
        let classesPath = path.key("classes")
        let classesValue = try fields.required("classes")
        guard let classValues = classesValue.arrayElements else {
            throw error(classesPath, "expected an array of class names, found \(classesValue.kindDescription)")
        }
        guard !classValues.isEmpty else { throw error(classesPath, "expected at least one class, found none") }
        var classes: [Label] = []
        for (i, value) in classValues.enumerated() {
            guard let name = value.stringValue else {
                throw error(classesPath.index(i), "expected a class name (a string), found \(value.kindDescription)")
            }
            classes.append(Label(name))
        }
        let classCount = Width(count: classes.count, why: "the number of classes")
        let weight = try matrix(try fields.required("weight"), path.key("weight"), rows: classCount, columns: width)
        let bias = try vector(fields.optional("bias"), path.key("bias"), count: classCount)
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
