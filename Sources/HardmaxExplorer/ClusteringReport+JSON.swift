import Exact
import HardmaxFormat
import HardmaxModel

extension ClusteringReport {
    /// The whole run as JSON: options, and per sequence the exact trajectory (every coordinate a
    /// `"p/q"` string in lowest terms, SPEC.md section 2), and per layer the attention sets, leaders,
    /// clusters and bit sizes. Token, sequence and layer numbers are JSON integers; tokens and
    /// sequences are numbered from 0, layers from 1 (layer 0 is the input, `tokens`).
    ///
    /// ```json
    /// {"format": "hardmax-clustering", "version": 1, "alpha": "2", "matrix": "identity", "layers": 30,
    ///  "residual": "1/3", "value": "2/3",
    ///  "sequences": [{"index": 0, "label": "a", "length": 8, "dimension": 2,
    ///    "patternStableFromLayer": 3, "maxNumeratorBits": 52, "maxDenominatorBits": 50,
    ///    "leaders": [3, 4, 6], "clusters": [{"representative": 3, "leader": true, "members": [1, 3, 5]}],
    ///    "tokens": [["3", "-1"], ...],
    ///    "trajectory": [{"layer": 1, "attention": [[4], [1, 3, 5], ...], "leaders": [...],
    ///                    "clusters": [...], "tokens": [["11/3", "1/3"], ...],
    ///                    "maxNumeratorBits": 4, "maxDenominatorBits": 2}, ...]}]}
    /// ```
    /// `leaders` and `clusters` at the sequence level are those of the last layer.
    public func jsonValue() -> JSONValue {
        .object([
            member("format", .string("hardmax-clustering")),
            member("version", integer(1)),
            member("alpha", rational(options.alpha)),
            member("matrix", options.matrix.map(ModelWriter.matrix) ?? .string("identity")),
            member("layers", integer(options.layers)),
            member("residual", rational(options.residual)),
            member("value", rational(options.valueScale)),
            member("sequences", .array(trajectories.map(Self.json))),
        ])
    }

    /// ``jsonValue()`` as text (pretty: one token per line).
    public func jsonText(style: JSONStyle = .pretty) -> String {
        JSONWriter.write(jsonValue(), style: style) + "\n"
    }

    static func json(_ t: ClusteringTrajectory) -> JSONValue {
        var members = [member("index", integer(t.index))]
        if let id = t.id { members.append(member("id", .string(id))) }
        members += [
            member("label", .string(t.label.text)),
            member("length", integer(t.length)),
            member("dimension", integer(t.dimension)),
            member("patternStableFromLayer", integer(t.patternStableFromLayer)),
            member("maxNumeratorBits", integer(t.maxNumeratorBits)),
            member("maxDenominatorBits", integer(t.maxDenominatorBits)),
            member("leaders", integers(t.finalPattern.leaders)),
            member("clusters", json(t.finalPattern.clusters)),
            member("tokens", tokens(t.initialTokens)),
            member("trajectory", .array(t.layers.map { record in
                .object([
                    member("layer", integer(record.layer)),
                    member("attention", .array(record.pattern.sets.map(integers))),
                    member("leaders", integers(record.pattern.leaders)),
                    member("clusters", json(record.pattern.clusters)),
                    member("tokens", tokens(record.tokens)),
                    member("maxNumeratorBits", integer(record.maxNumeratorBits)),
                    member("maxDenominatorBits", integer(record.maxDenominatorBits)),
                ])
            })),
        ]
        return .object(members)
    }

    static func json(_ clusters: [AttentionPattern.Cluster]) -> JSONValue {
        .array(clusters.map { c in
            .object([
                member("representative", integer(c.representative)),
                member("leader", .bool(c.isLeader)),
                member("members", integers(c.members)),
            ])
        })
    }
}

private func member(_ key: String, _ value: JSONValue) -> JSONMember { JSONMember(key: key, value: value) }
private func integer(_ n: Int) -> JSONValue { .number("\(n)") }
private func integers(_ ns: [Int]) -> JSONValue { .array(ns.map(integer)) }
private func rational(_ r: Rational) -> JSONValue { .string(r.description) }
private func tokens(_ ts: [[Rational]]) -> JSONValue { .array(ts.map { .array($0.map(rational)) }) }
