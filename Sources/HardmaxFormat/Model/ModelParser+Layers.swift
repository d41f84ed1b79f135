import HardmaxModel
import Exact

extension ModelParser {
    /// One layer.
    func layer(_ value: JSONValue, _ path: JSONPath) throws -> Layer {
        guard let members = value.objectMembers else {
            throw error(path, "expected a layer (a JSON object), found \(value.kindDescription)")
        }
        guard let typeValue = members.first(where: { $0.key == "type" })?.value else {
            throw error(path, JSONFieldRules.missing("type") + " (\"attention\", \"feedforward\", \"affine\" or \"layernorm\")")
        }
        switch typeValue.stringValue {
        case "attention":
            return .attention(try attention(value, path))
        case "feedforward":
            return .feedforward(try feedForward(value, path))
        case "affine":
            return .affine(try self.affine(value, path))
        case "layernorm":
            return .layerNorm(try layerNorm(value, path, what: "a layernorm layer", extra: ["type"]))
        default:
            throw error(path.key("type"), "expected \"attention\", \"feedforward\", \"affine\" or \"layernorm\", found "
                        + typeValue.kindDescription)
        }
    }

    private func attention(_ value: JSONValue, _ path: JSONPath) throws -> Attention {
        let fields = try JSONObjectFields(value, path: path, file: file, what: "an attention layer",
                                          allowed: ["type", "heads", "residual", "mask", "norm"])
        let residual = try fields.optional("residual", .rational(limits: limits)) ?? 1
        let causal = try fields.optional("mask", .choice(["none", "causal"])) == "causal"
        let headsPath = path.key("heads")
        let headValues = try fields.required("heads", .array(of: "heads"))
        let heads = try headValues.enumerated().map { try head($1, headsPath.index($0)) }
        let norm = try fields.optional("norm").map { try layerNorm($0, path.key("norm"), what: "a layer norm", extra: []) }
        return Attention(heads: heads, residual: residual, causal: causal, norm: norm)
    }

    /// `{"query", "key", "value"}`, `{"bilinear", "value"}` or `{"value"}`, with the optional fields of
    /// SPEC.md section 10: biases, `output`, `scale`.
    private func head(_ value: JSONValue, _ path: JSONPath) throws -> AttentionHead {
        let fields = try JSONObjectFields(value, path: path, file: file, what: "an attention head",
                                          allowed: ["query", "queryBias", "key", "keyBias", "bilinear", "value",
                                                    "valueBias", "output", "outputBias", "scale"])
        let hasQuery = fields.has("query"), hasKey = fields.has("key"), hasBilinear = fields.has("bilinear")
        if hasBilinear && (hasQuery || hasKey) {
            throw error(path, "a head has either \"query\" and \"key\", or \"bilinear\", not both")
        }
        if hasQuery != hasKey {
            throw error(path, JSONFieldRules.missing(hasQuery ? "key" : "query")
                        + " (\"query\" and \"key\" come together)")
        }
        let score: AttentionScore
        if hasQuery {
            let query = try matrix(try fields.required("query"), path.key("query"))
            let key = try matrix(try fields.required("key"), path.key("key"))
            score = .queryKey(query: query, key: key)
        } else if hasBilinear {
            score = .bilinear(try matrix(try fields.required("bilinear"), path.key("bilinear")))
        } else {
            score = .uniform
        }
        let v = try matrix(try fields.required("value"), path.key("value"))
        return AttentionHead(score: score, queryBias: try vector(fields.optional("queryBias"), path.key("queryBias")),
                             keyBias: try vector(fields.optional("keyBias"), path.key("keyBias")), value: v,
                             valueBias: try vector(fields.optional("valueBias"), path.key("valueBias")),
                             output: try fields.optional("output").map { try matrix($0, path.key("output")) },
                             outputBias: try vector(fields.optional("outputBias"), path.key("outputBias")),
                             scale: try fields.optional("scale").map { try scale($0, path.key("scale")) } ?? .rational(1))
    }

    /// A rational, or `{"sqrt": q}` for the square root of q.
    private func scale(_ value: JSONValue, _ path: JSONPath) throws -> ScoreScale {
        guard value.objectMembers != nil else { return .rational(try number(value, path)) }
        let fields = try JSONObjectFields(value, path: path, file: file, what: "a square root", allowed: ["sqrt"])
        return .squareRoot(try fields.required("sqrt", .rational(limits: limits)))
    }

    private func feedForward(_ value: JSONValue, _ path: JSONPath) throws -> FeedForward {
        let fields = try JSONObjectFields(value, path: path, file: file, what: "a feedforward layer",
                                          allowed: ["type", "w1", "b1", "w2", "b2", "residual", "activation", "norm"])
        let w1 = try matrix(try fields.required("w1"), path.key("w1"))
        let b1 = try vector(try fields.required("b1"), path.key("b1")) ?? []
        let w2 = try matrix(try fields.required("w2"), path.key("w2"))
        let b2 = try vector(fields.optional("b2"), path.key("b2")) ?? Array(repeating: 0, count: w2.rows)
        let residual = try fields.optional("residual", .rational(limits: limits)) ?? 1
        let activation = try fields.optional("activation", .choice([Activation.relu, .gelu, .geluTanh])) ?? .relu
        let norm = try fields.optional("norm").map { try layerNorm($0, path.key("norm"), what: "a layer norm", extra: []) }
        return FeedForward(w1: w1, b1: b1, w2: w2, b2: b2, residual: residual, activation: activation, norm: norm)
    }

    /// `{"gamma": g, "beta": b, "epsilon": e}`, all required (SPEC.md section 11).
    private func layerNorm(_ value: JSONValue, _ path: JSONPath, what: String, extra: [String]) throws -> LayerNorm {
        let fields = try JSONObjectFields(value, path: path, file: file, what: what,
                                          allowed: extra + ["gamma", "beta", "epsilon"])
        guard let gamma = try vector(try fields.required("gamma"), path.key("gamma")),
              let beta = try vector(try fields.required("beta"), path.key("beta")) else {
            preconditionFailure("vector reads a present value")
        }
        return LayerNorm(gamma: gamma, beta: beta, epsilon: try fields.required("epsilon", .rational(limits: limits)))
    }

    private func affine(_ value: JSONValue, _ path: JSONPath) throws -> Affine {
        let fields = try JSONObjectFields(value, path: path, file: file, what: "an affine layer",
                                          allowed: ["type", "weight", "bias"])
        let weight = try matrix(try fields.required("weight"), path.key("weight"))
        let bias = try vector(fields.optional("bias"), path.key("bias")) ?? Array(repeating: 0, count: weight.rows)
        return Affine(weight: weight, bias: bias)
    }
}
