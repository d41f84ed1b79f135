import HardmaxModel
import Exact

/// Writes a ``Model`` as a self-contained model file (SPEC.md sections 4, 10 and 11): every number as a
/// string `"p"` or `"p/q"` in lowest terms, every default of section 4 written out (positions, residual,
/// mask, b2, biases, metadata), no tensor reference.
///
/// The fields of sections 10 and 11 are written only when the model has them, so a section 4 model is
/// written as before: `semantics` when it is not hardmax; `embedding`; `positions: {"table": P}`; a
/// head's `queryBias`, `keyBias`, `valueBias`, `output`, `outputBias` (each when not nil; explicit zeros
/// stay explicit) and `scale` (omitted when it is the rational 1; `{"sqrt": "q"}` for a square root); a
/// layer's `norm` and a non-relu `activation`; and a value readout's `values` and `tolerance` in place
/// of `classes`.
///
/// `ModelReader.parse(ModelWriter.json(m), file: nil) == m` for every valid model.
public enum ModelWriter {
    /// The model as a JSON value, fields in the order of SPEC.md sections 4, 10 and 11.
    /// - Complexity: O(parameters) plus the cost of writing the numbers.
    public static func json(_ model: Model) -> JSONValue {
        var members = [
            member("format", .string("hardmax-transformer")),
            member("version", .number("1")),
            member("dimension", .number(String(model.dimension))),
        ]
        if model.semantics != .hardmax { members.append(member("semantics", .string(model.semantics.rawValue))) }
        if let e = model.embedding {
            members.append(member("embedding", .object([
                member("vocabulary", names(e.vocabulary)),
                member("table", matrix(e.table)),
            ])))
        }
        if let table = model.positionTable {
            members.append(member("positions", .object([member("table", matrix(table))])))
        } else {
            members.append(member("positions", .string(model.positions.rawValue)))
        }
        members += [
            member("layers", .array(model.layers.map(layer))),
            member("readout", readout(model.readout)),
            member("metadata", model.metadata),
        ]
        return .object(members)
    }

    /// The model file text: pretty JSON (one matrix row per line) ending in a newline.
    public static func text(_ model: Model) -> String {
        String(decoding: bytes(model), as: UTF8.self)
    }

    /// The bytes of ``text(_:)`` (UTF-8), made without an intermediate string.
    public static func bytes(_ model: Model) -> [UInt8] {
        var out = JSONWriter.bytes(json(model), style: .pretty)
        out.append(0x0A)
        return out
    }

    /// An exact number as JSON: the string `"p"` or `"p/q"`.
    public static func number(_ r: Rational) -> JSONValue { .string(r.description) }

    /// Rows of exact numbers.
    public static func matrix(_ m: Matrix) -> JSONValue {
        // Many rows are made at once, row by row; a few long rows, each entry by entry.
        if m.rows >= m.columns {
            return .array(.concurrentMap(count: m.rows, parallelFrom: 1 << 12) { r in .array(m.row(r).map(number)) })
        }
        return .array((0..<m.rows).map { r in .array(.concurrentMap(count: m.columns) { c in number(m[r, c]) }) })
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

    /// `classes`, or `values` and `tolerance` for a value readout.
    private static func readout(_ readout: Readout) -> JSONValue {
        var members = [member("pool", .string(readout.pool.rawValue))]
        if let values = readout.values {
            members += [member("values", names(values.names)), member("tolerance", number(values.tolerance))]
        } else {
            members.append(member("classes", names(readout.classes)))
        }
        members += [member("weight", matrix(readout.weight)), member("bias", vector(readout.bias))]
        return .object(members)
    }

    /// Fields in the order of SPEC.md section 10; the optional ones only when set.
    private static func head(_ head: AttentionHead) -> JSONValue {
        var members: [JSONMember] = []
        func optional(_ key: String, _ v: [Rational]?) {
            if let v { members.append(member(key, vector(v))) }
        }
        switch head.score {
        case .uniform: break
        case .queryKey(let q, let k):
            members.append(member("query", matrix(q)))
            optional("queryBias", head.queryBias)
            members.append(member("key", matrix(k)))
            optional("keyBias", head.keyBias)
        case .bilinear(let a): members.append(member("bilinear", matrix(a)))
        }
        members.append(member("value", matrix(head.value)))
        optional("valueBias", head.valueBias)
        if let o = head.output { members.append(member("output", matrix(o))) }
        optional("outputBias", head.outputBias)
        switch head.scale {
        case .rational(let beta) where beta == .one: break
        case .rational(let beta): members.append(member("scale", number(beta)))
        case .squareRoot(let q): members.append(member("scale", .object([member("sqrt", number(q))])))
        }
        return .object(members)
    }

    /// Names (classes, values, symbols) as JSON strings.
    private static func names(_ labels: [Label]) -> JSONValue { .array(labels.map { .string($0.text) }) }

    private static func member(_ key: String, _ value: JSONValue) -> JSONMember {
        JSONMember(key: key, value: value)
    }
}
