import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

extension Certificate {
    /// The certificate as JSON, keys in the order of SPEC.md section 5: format, version, verdict,
    /// semantics, model, weights (only when the model names tensors), datasets, shard (only for a shard's
    /// certificate), counts, minMargin, maxError (only when set), attentionGaps, results, producer (for `impossible`: format,
    /// version, verdict, semantics, datasets, positions, mask (per-token refutations only), conflicts, producer). Rationals are strings
    /// `p` or `p/q`; indices and counts are JSON integers.
    public func json() -> JSONValue { .object(members(results: .array(results.map { $0.json() }))) }

    /// The top-level members, `results` (for a verification) given.
    private func members(results: JSONValue) -> [JSONMember] {
        var m: [JSONMember] = [
            member("format", .string("hardmax-certificate")),
            member("version", .number("1")),
            member("verdict", .string(verdict.rawValue)),
            member("semantics", .string(semantics.rawValue)),
        ]
        if let model { m.append(member("model", model.json())) }
        if !weights.isEmpty { m.append(member("weights", .array(weights.map { $0.json() }))) }
        m.append(member("datasets", .array(datasets.map { $0.json() })))
        if let shard { m.append(member("shard", .object([member("index", int(shard.index)), member("count", int(shard.count))]))) }
        let enclosed = semantics != .hardmax
        if let counts {
            m.append(member("counts", .object([
                member("sequences", int(counts.sequences)), member("tokens", int(counts.tokens)),
                member("classes", int(counts.classes)), member("passed", int(counts.passed)),
                member("failed", int(counts.failed)),
            ] + (enclosed ? [member("undecided", int(counts.undecided))] : []))))
            if enclosed {
                m.append(member("minMargin", bounds(minMarginBounds)))
                if let maxErrorBounds { m.append(member("maxError", bounds(maxErrorBounds))) }
            } else {
                m.append(member("minMargin", number(minMargin)))
                if let maxError { m.append(member("maxError", number(maxError))) }
            }
            if let attentionGaps {
                m.append(member("attentionGaps", .array(attentionGaps.map {
                    .object([member("layer", int($0.layer)), member("head", int($0.head)), member("gap", number($0.gap))])
                })))
            }
            m.append(member("results", results))
        }
        if let positions {
            m.append(member("positions", .string(positions.rawValue)))
            if let mask {
                m.append(member("mask", .string(mask.rawValue)))
                m.append(member("conflicts", .array(tokenConflicts.map { $0.json() })))
            } else {
                m.append(member("conflicts", .array(conflicts.map { $0.json() })))
            }
        }
        m.append(member("producer", .object([member("name", .string(producer.name)),
                                             member("version", .string(producer.version))])))
        return m
    }

    /// Pretty JSON text with a final newline (one result row per line).
    public func text() -> String { String(decoding: bytes(), as: UTF8.self) }

    /// The text of ``text()``, with the rows of `rows` as `results` when given (then this
    /// certificate's own `results` are not written). The rows are copied as text, never built as one
    /// JSON value.
    func bytes(rows: CertificateRows? = nil) -> [UInt8] {
        var own = CertificateRows()
        if rows == nil { for r in results { own.append(r) } }
        // The top-level object as `.pretty` writes it; `results` is a placeholder replaced by the rows.
        let placeholder = JSONValue.array([])
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, m) in members(results: placeholder).enumerated() {
            out.append(contentsOf: i == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            JSONWriter.appendIndentation(1, into: &out)
            JSONWriter.appendString(m.key, into: &out)
            out.append(contentsOf: [UInt8(ascii: ":"), 0x20])
            if m.key == "results" && counts != nil {
                (rows ?? own).appendArray(into: &out)
            } else {
                JSONWriter.appendPretty(m.value, indent: 1, into: &out)
            }
        }
        out.append(contentsOf: [0x0A, UInt8(ascii: "}"), 0x0A])
        return out
    }

    /// Writes `text()` to `path` atomically.
    /// - Throws: `InputError` when the file cannot be written.
    public func write(to path: String) throws {
        try FileIO.writeAtomically(bytes(), to: path)
    }

    /// Writes the certificate with `rows` as its results (for a streamed run that kept its rows as
    /// text), atomically.
    /// - Precondition: this certificate's own `results` are empty.
    public func write(to path: String, rows: CertificateRows) throws {
        precondition(results.isEmpty && rows.count == counts?.sequences, "Certificate.write(to:rows:): rows given twice, or not one per sequence")
        try FileIO.writeAtomically(bytes(rows: rows), to: path)
    }
}

extension FileReference {
    func json() -> JSONValue { .object([member("file", .string(file)), member("sha256", .string(sha256))]) }
}

extension CertificateRow {
    /// `label` or `labels`; `predicted` (one entry for one label, an array per token for labels); then
    /// `error` when the row has one (value readouts), else `margin`; and `pass`.
    func json() -> JSONValue {
        var m = [member("index", int(index))]
        if let id { m.append(member("id", .string(id))) }
        switch labels {
        case .whole(let label):
            m += [member("label", .string(label.text)), member("predicted", Self.json(predicted[0]))]
        case .perToken(let labels):
            m += [member("labels", .array(labels.map { $0.map { .string($0.text) } ?? .null })),
                  member("predicted", .array(predicted.map(Self.json)))]
        }
        if let enclosed {
            m.append(member("status", .string(enclosed.status.rawValue)))
            m.append(enclosed.error.map { member("error", bounds($0)) } ?? member("margin", bounds(enclosed.margin)))
            m.append(member("precision", enclosed.precision.map(int) ?? .null))
            return .object(m)
        }
        m.append(error.map { member("error", number($0)) } ?? member("margin", number(margin)))
        m.append(member("pass", .bool(passed)))
        return .object(m)
    }

    static func json(_ p: Prediction?) -> JSONValue {
        switch p {
        case nil: return .null
        case .label(let l)?: return .string(l.text)
        case .values(let v)?: return .array(v.map { .string($0.description) })
        }
    }
}

extension Conflict {
    func json() -> JSONValue {
        .object([
            member("indices", .array([int(first), int(second)])),
            member("ids", .array([firstID.map { .string($0) } ?? .null, secondID.map { .string($0) } ?? .null])),
            member("labels", .array([.string(firstLabel.text), .string(secondLabel.text)])),
            member("identical", .bool(identical)),
            member("measure", .object([
                member("tokens", .array(measure.tokens.map { .array($0.map { .string($0.description) }) })),
                member("weights", .array(measure.weights.map(int))),
            ])),
        ])
    }
}

extension TokenConflict {
    /// `indices` as [[sequence, token], [sequence, token]] (0-based), ids, labels, identical, `token`
    /// (bidirectional contexts only) and the measure.
    func json() -> JSONValue {
        func site(_ s: TokenSite) -> JSONValue { .array([int(s.sequence), int(s.token)]) }
        var m = [
            member("indices", .array([site(first), site(second)])),
            member("ids", .array([firstID.map { .string($0) } ?? .null, secondID.map { .string($0) } ?? .null])),
            member("labels", .array([.string(firstLabel.text), .string(secondLabel.text)])),
            member("identical", .bool(identical)),
        ]
        if let token { m.append(member("token", token.json())) }
        m.append(member("measure", .object([
            member("tokens", .array(measure.tokens.map { $0.json() })),
            member("weights", .array(measure.weights.map(int))),
        ])))
        return .object(m)
    }
}

extension ContextToken {
    /// A vector token: its values as an array of numbers (the position last, with positions index).
    /// A symbol token: `{"symbol": s}`, with `"position": t` (1-based) under positions index.
    func json() -> JSONValue {
        guard let symbol else { return .array(values.map { .string($0.description) }) }
        var m = [member("symbol", .string(symbol.text))]
        if let p = values.first { m.append(member("position", .number(p.description))) }
        return .object(m)
    }
}

private func member(_ key: String, _ value: JSONValue) -> JSONMember { JSONMember(key: key, value: value) }
private func int(_ n: Int) -> JSONValue { .number(String(n)) }
private func number(_ r: Rational?) -> JSONValue { r.map { .string($0.description) } ?? .null }
private func bounds(_ b: Bounds?) -> JSONValue { b.map { .array([.string($0.lower.description), .string($0.upper.description)]) } ?? .null }
