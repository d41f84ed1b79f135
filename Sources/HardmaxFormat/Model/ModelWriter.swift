import HardmaxModel
import Exact

/// Writes a ``Model`` as a SPEC.md section 4 model file: every number as a string `"p"` or `"p/q"` in
/// lowest terms, every default written out (positions, residual, mask, b2, biases, metadata).
///
/// `ModelReader.parse(ModelWriter.json(m), file: nil) == m` for every valid model.
public enum ModelWriter {
    /// The model as a JSON value, fields in the order of SPEC.md section 4.
    /// - Complexity: O(parameters) plus the cost of writing the numbers.
    public static func json(_ model: Model) -> JSONValue {
        .object([
            member("format", .string("hardmax-transformer")),
            member("version", .number("1")),
            member("dimension", .number(String(model.dimension))),
            member("positions", .string(model.positions.rawValue)),
            member("layers", .array(model.layers.map(layer))),
            member("readout", .object([
                member("pool", .string(model.readout.pool.rawValue)),
                member("classes", .array(model.readout.classes.map { .string($0.text) })),
                member("weight", matrix(model.readout.weight)),
                member("bias", vector(model.readout.bias)),
            ])),
            member("metadata", model.metadata),
        ])
    }

    /// The model file text: pretty JSON (one matrix row per line) ending in a newline.
    public static func text(_ model: Model) -> String {
        JSONWriter.write(json(model), style: .pretty) + "\n"
    }

    /// An exact number as JSON: the string `"p"` or `"p/q"`.
    public static func number(_ r: Rational) -> JSONValue { .string(r.description) }

    /// Rows of exact numbers.
    public static func matrix(_ m: Matrix) -> JSONValue {
        .array((0..<m.rows).map { r in .array(m.row(r).map(number)) })
    }

    /// Exact numbers.
    public static func vector(_ v: [Rational]) -> JSONValue { .array(v.map(number)) }

    private static func layer(_ layer: Layer) -> JSONValue {
        switch layer {
        case .attention(let a):
            return .object([
                member("type", .string("attention")),
                member("heads", .array(a.heads.map(head))),
                member("residual", number(a.residual)),
                member("mask", .string(a.causal ? "causal" : "none")),
            ] + (a.norm.map { [member("norm", norm($0))] } ?? []))
        case .feedforward(let f):
            return .object([
                member("type", .string("feedforward")),
                member("w1", matrix(f.w1)), member("b1", vector(f.b1)),
                member("w2", matrix(f.w2)), member("b2", vector(f.b2)),
                member("residual", number(f.residual)),
            ] + (f.activation == .relu ? [] : [member("activation", .string(f.activation.rawValue))])
              + (f.norm.map { [member("norm", norm($0))] } ?? []))
        case .layerNorm(let n):
            guard case .object(let members) = norm(n) else { preconditionFailure("norm writes an object") }
            return .object([member("type", .string("layernorm"))] + members)
        case .affine(let a):
            return .object([
                member("type", .string("affine")),
                member("weight", matrix(a.weight)), member("bias", vector(a.bias)),
            ])
        }
    }

    private static func norm(_ n: LayerNorm) -> JSONValue {
        .object([member("gamma", vector(n.gamma)), member("beta", vector(n.beta)), member("epsilon", number(n.epsilon))])
    }

    private static func head(_ head: AttentionHead) -> JSONValue {
        var members: [JSONMember] = []
        switch head.score {
        case .uniform: break
        case .queryKey(let q, let k): members += [member("query", matrix(q)), member("key", matrix(k))]
        case .bilinear(let a): members.append(member("bilinear", matrix(a)))
        }
        members.append(member("value", matrix(head.value)))
        return .object(members)
    }

    private static func member(_ key: String, _ value: JSONValue) -> JSONMember {
        JSONMember(key: key, value: value)
    }
}
