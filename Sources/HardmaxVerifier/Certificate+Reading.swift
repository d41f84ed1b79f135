import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

extension Certificate {
    /// Largest certificate file read (1 GiB).
    public static let maxFileBytes = 1 << 30

    /// Reads and strictly checks the certificate at `file`.
    /// - Throws: `InputError` (unreadable file, malformed JSON, unknown field, wrong type, missing field,
    ///   a field that does not belong to the verdict), naming the JSON path.
    public static func read(file: String, limits: InputLimits = .standard) throws -> Certificate {
        let bytes = try FileIO.read(file, maxBytes: limits.maxFileBytes)
        return try parse(JSONReader.parse(bytes, file: file, limits: .standard(forTextOf: bytes.count)), file: file,
                         limits: limits.numbers)
    }

    /// Strictly checks a parsed certificate (see ``read(file:limits:)``); numbers are read under `limits`.
    public static func parse(_ json: JSONValue, file: String?,
                             limits: NumberLimits = InputLimits.standard.numbers) throws -> Certificate {
        let any = try JSONObjectFields(json, path: .root, file: file, what: "a certificate",
                                       allowed: fields(for: nil))
        _ = try any.required("format", .choice(["hardmax-certificate"]))
        _ = try any.required("version", JSONType("version 1") { $0 == .number("1") ? 1 : nil })
        let verdict = try any.required("verdict", .choice([Verdict.pass, .fail, .undecided, .impossible]))
        let top = try any.narrowed(what: "a certificate with verdict \"\(verdict.rawValue)\"",
                                   allowed: fields(for: verdict))
        let semantics = try top.required("semantics", .choice([ReplaySemantics.hardmax, .softmax, .hardmaxEnclosure]))
        let enclosed = semantics != .hardmax
        // The other fields' shape follows the semantics: a hardmax certificate with the fields of an
        // enclosure replay names its semantics, not the first field that no longer fits.
        if !enclosed, top.optional("counts")?.objectMembers?.contains(where: { $0.key == "undecided" }) == true {
            throw top.error("semantics", "semantics hardmax, but the counts record \"undecided\" (a replay with "
                            + "enclosures has semantics softmax or hardmax-enclosure)")
        }
        if verdict == .undecided && !enclosed {
            throw top.error("verdict", "verdict undecided needs semantics softmax or hardmax-enclosure (an exact replay decides)")
        }
        if verdict == .impossible && enclosed {
            throw top.error("semantics", "an impossible verdict comes from the data alone: semantics hardmax")
        }
        let datasets = try top.required("datasets", .array).enumerated().map {
            try fileReference($1, path: JSONPath.root.key("datasets").index($0), file: file)
        }
        guard !datasets.isEmpty else {
            throw InputError(file: file, path: "datasets", message: "a certificate names at least one dataset file")
        }
        let p = try JSONObjectFields(top.required("producer"), path: .root.key("producer"), file: file,
                                     what: "the producer", allowed: ["name", "version"])
        let producer = try Producer(name: p.required("name", .string), version: p.required("version", .string))

        if verdict == .impossible {
            let positions = try top.required("positions", .choice([Positions.none, .index]))
            if let mask = try top.optional("mask", .choice([ContextMask.causal, .bidirectional])) {
                let conflicts = try top.required("conflicts", .array).enumerated().map {
                    try tokenConflict($1, path: JSONPath.root.key("conflicts").index($0), file: file, limits: limits)
                }
                guard !conflicts.isEmpty else {
                    throw InputError(file: file, path: "conflicts",
                                     message: "an impossible verdict needs at least one conflict")
                }
                return Certificate(tokenConflicts: conflicts, mask: mask, positions: positions, datasets: datasets,
                                   producer: producer)
            }
            let conflicts = try top.required("conflicts", .array).enumerated().map {
                try conflict($1, path: JSONPath.root.key("conflicts").index($0), file: file, limits: limits)
            }
            guard !conflicts.isEmpty else {
                throw InputError(file: file, path: "conflicts",
                                 message: "an impossible verdict needs at least one conflict")
            }
            return Certificate(conflicts: conflicts, positions: positions, datasets: datasets, producer: producer)
        }
        let model = try fileReference(top.required("model"), path: .root.key("model"), file: file)
        let weights = try top.optional("weights", .array)?.enumerated().map {
            try fileReference($1, path: JSONPath.root.key("weights").index($0), file: file)
        } ?? []
        let shard = try self.shard(in: top)
        let c = try JSONObjectFields(top.required("counts"), path: .root.key("counts"), file: file, what: "the counts",
                                     allowed: ["sequences", "tokens", "classes", "passed", "failed"] + (enclosed ? ["undecided"] : []))
        var counts = try VerificationCounts(sequences: c.required("sequences", .count),
                                            tokens: c.required("tokens", .count),
                                            classes: c.required("classes", .count),
                                            passed: c.required("passed", .count), failed: c.required("failed", .count))
        if enclosed { counts.undecided = try c.required("undecided", .count) }
        let bounds = Self.bounds(limits: limits)
        let minMargin = enclosed ? nil : try top.orNull("minMargin", .canonicalRational(limits: limits))
        let maxError = enclosed ? nil : try top.optional("maxError", .canonicalRational(limits: limits))
        let minMarginBounds = enclosed ? try top.orNull("minMargin", bounds) : nil
        let maxErrorBounds = enclosed ? try top.optional("maxError", bounds) : nil
        let gaps = try top.optional("attentionGaps", .array)?.enumerated().map {
            try attentionGap($1, path: JSONPath.root.key("attentionGaps").index($0), file: file, limits: limits)
        }
        let results = try top.required("results", .array).enumerated().map {
            try enclosed ? enclosedRow($1, path: JSONPath.root.key("results").index($0), file: file, limits: limits)
                         : row($1, path: JSONPath.root.key("results").index($0), file: file, limits: limits)
        }
        var certificate = Certificate(verdict: verdict, model: model, datasets: datasets, counts: counts,
                                      minMargin: minMargin, maxError: maxError, attentionGaps: gaps, results: results,
                                      positions: nil, conflicts: [], producer: producer)
        certificate.weights = weights
        certificate.shard = shard
        certificate.semantics = semantics
        certificate.minMarginBounds = minMarginBounds
        certificate.maxErrorBounds = maxErrorBounds
        return certificate
    }

    /// The fields of a certificate with `verdict` (nil: with any verdict), in the order of SPEC.md
    /// section 5.
    private static func fields(for verdict: Verdict?) -> [String] {
        let verified = ["model", "weights", "datasets", "shard", "counts", "minMargin", "maxError", "attentionGaps",
                        "results"]
        let impossible = ["datasets", "positions", "mask", "conflicts"]
        let shape: [String]
        switch verdict {
        case .pass?, .fail?, .undecided?: shape = verified
        case .impossible?: shape = impossible
        case nil: shape = verified + ["positions", "mask", "conflicts"]
        }
        return ["format", "version", "verdict", "semantics"] + shape + ["producer"]
    }

    private static func fileReference(_ v: JSONValue, path: JSONPath, file: String?) throws -> FileReference {
        let f = try JSONObjectFields(v, path: path, file: file, what: "a file reference",
                                     allowed: ["file", "sha256"])
        let name = try f.required("file", .string)
        let hash = try f.required("sha256", sha256)
        guard !name.isEmpty else { throw f.error("file", "empty file name") }
        // The operating system ends a path at NUL ("model.json\u{0}/../evil.json" would open model.json),
        // and no other control character belongs in a name a person reads.
        if let control = name.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw f.error("file", "expected a file name without control characters, found U+"
                          + String(control.value, radix: 16, uppercase: true).leftPadded(to: 4) + " in it")
        }
        guard !name.hasPrefix("/") else {
            throw f.error("file", "expected a file name relative to the certificate's folder, found the absolute "
                          + "path \"\(name)\"")
        }
        return FileReference(file: name, sha256: hash)
    }

    /// A SHA-256 digest as a certificate writes it.
    private static var sha256: JSONType<String> {
        JSONType("64 lowercase hexadecimal digits") { value in
            value.stringValue.flatMap { text in
                text.utf8.count == 64 && text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
                    ? text : nil
            }
        }
    }

    /// `{"index": I, "count": K}` with 1 <= I <= K, or nil when `top` has no shard.
    private static func shard(in top: JSONObjectFields) throws -> Shard? {
        guard let value = top.optional("shard") else { return nil }
        let f = try JSONObjectFields(value, path: .root.key("shard"), file: top.file, what: "a shard",
                                     allowed: ["index", "count"])
        let index = try f.required("index", .count), count = try f.required("count", .count)
        guard let shard = Shard(index: index, count: count) else {
            throw top.error("shard", "expected 1 <= index <= count <= \(Shard.maxCount), found index \(index) "
                            + "and count \(count)")
        }
        return shard
    }

    private static func attentionGap(_ v: JSONValue, path: JSONPath, file: String?,
                                     limits: NumberLimits) throws -> AttentionGap {
        let f = try JSONObjectFields(v, path: path, file: file, what: "an attention gap", allowed: ["layer", "head", "gap"])
        return try AttentionGap(layer: f.required("layer", .count), head: f.required("head", .count),
                                gap: f.orNull("gap", .canonicalRational(limits: limits)))
    }

    /// An interval `["lo", "hi"]` of canonical numbers with lo <= hi.
    private static func bounds(limits: NumberLimits) -> JSONType<Bounds> {
        let number = JSONType<Rational>.canonicalRational(limits: limits)
        return JSONType("an interval [\"lo\", \"hi\"] of numbers as strings") { value in
            guard let items = value.arrayElements, items.count == 2 else { return nil }
            let lo = try number.read(items[0], path: "[0]", file: nil), hi = try number.read(items[1], path: "[1]", file: nil)
            guard lo <= hi else { throw InputError(message: "expected lo <= hi, found [\(lo), \(hi)]") }
            return Bounds(lower: lo, upper: hi)
        }
    }

    /// A row of a certificate under enclosures: as ``row(_:path:file:limits:)`` with `status`,
    /// `margin` or `error` as an interval (or null), and `precision` (bits, or null when exact).
    private static func enclosedRow(_ v: JSONValue, path: JSONPath, file: String?, limits: NumberLimits) throws -> CertificateRow {
        let f = try JSONObjectFields(v, path: path, file: file, what: "a result row",
                                     allowed: ["index", "id", "label", "labels", "predicted", "status", "margin", "error",
                                               "precision"])
        let (labels, predicted) = try labelsAndPrediction(f, limits: limits)
        let status = try f.required("status", .choice([EnclosedStatus.pass, .fail, .undecided]))
        let interval = bounds(limits: limits)
        let precision = try f.orNull("precision", .count)
        if let p = precision, p < 2 || p > Enclosure.maximumPrecision {
            throw f.error("precision", "expected a precision from 2 to \(Enclosure.maximumPrecision) bits, found \(p)")
        }
        if f.has("error") && f.has("margin") { throw f.error("error", "a row has either \"margin\" or \"error\", not both") }
        let outcome = EnclosedOutcome(status: status, margin: try f.has("margin") ? f.orNull("margin", interval) : nil,
                                      error: try f.optional("error", interval), precision: precision)
        return try CertificateRow(index: f.required("index", .count), id: f.optional("id", .string), labels: labels,
                                  predicted: predicted, margin: nil, passed: status == .pass, enclosed: outcome)
    }

    /// A row: `label` (one) or `labels` (per token, with nulls); `predicted` as ``CertificateRow/json()``
    /// writes it; `margin` or `error`.
    private static func row(_ v: JSONValue, path: JSONPath, file: String?, limits: NumberLimits) throws -> CertificateRow {
        let f = try JSONObjectFields(v, path: path, file: file, what: "a result row",
                                     allowed: ["index", "id", "label", "labels", "predicted", "margin", "error", "pass"])
        let number = JSONType<Rational>.canonicalRational(limits: limits)
        let (labels, predicted) = try labelsAndPrediction(f, limits: limits)
        if f.has("error") && f.has("margin") { throw f.error("error", "a row has either \"margin\" or \"error\", not both") }
        return try CertificateRow(index: f.required("index", .count), id: f.optional("id", .string), labels: labels,
                                  predicted: predicted,
                                  margin: f.has("error") ? nil : f.orNull("margin", number),
                                  error: f.optional("error", number), passed: f.required("pass", .bool))
    }

    /// A row's `label` or `labels`, and its `predicted` (one entry, or one per token).
    private static func labelsAndPrediction(_ f: JSONObjectFields, limits: NumberLimits) throws
        -> (SequenceLabels, [Prediction?])
    {
        let number = JSONType<Rational>.canonicalRational(limits: limits)
        let prediction = JSONType<Prediction?>("null, a class name or an array of numbers") { value in
            if value == .null { return .some(nil) }
            if let s = value.stringValue { return .label(Label(s)) }
            guard let items = value.arrayElements else { return nil }
            return .values(try items.enumerated().map { try number.read($1, path: "[\($0)]", file: nil) })
        }
        let labels: SequenceLabels, predicted: [Prediction?]
        if f.has("labels") {
            if f.has("label") { throw f.error("labels", "a row has either \"label\" or \"labels\", not both") }
            labels = .perToken(try f.required("labels", .array(of: .orNull(.string))).map { $0.map { Label($0) } })
            predicted = try f.required("predicted", .array(of: prediction))
        } else {
            labels = .whole(Label(try f.required("label", .string)))
            predicted = [try f.required("predicted", prediction)]
        }
        return (labels, predicted)
    }

    private static func conflict(_ v: JSONValue, path: JSONPath, file: String?, limits: NumberLimits) throws -> Conflict {
        let f = try JSONObjectFields(v, path: path, file: file, what: "a conflict",
                                     allowed: ["indices", "ids", "labels", "identical", "measure"])
        func pair<Value>(_ key: String, _ type: JSONType<Value>) throws -> [Value] {
            let entries = try f.required(key, .array(of: type))
            guard entries.count == 2 else { throw f.error(key, "expected two entries, found \(entries.count)") }
            return entries
        }
        let indices = try pair("indices", .count)
        let ids = try pair("ids", .orNull(.string))
        let labels = try pair("labels", .string)
        let identical = try f.required("identical", .bool)
        let measure = try canonicalMeasure(try f.required("measure"), path: path.key("measure"), file: file,
                                           limits: limits)
        return Conflict(first: indices[0], second: indices[1], firstID: ids[0], secondID: ids[1],
                        firstLabel: Label(labels[0]), secondLabel: Label(labels[1]), measure: measure, identical: identical)
    }

    private static func tokenConflict(_ v: JSONValue, path: JSONPath, file: String?,
                                      limits: NumberLimits) throws -> TokenConflict {
        let f = try JSONObjectFields(v, path: path, file: file, what: "a conflict between positions",
                                     allowed: ["indices", "ids", "labels", "identical", "token", "measure"])
        func pair<Value>(_ key: String, _ type: JSONType<Value>) throws -> [Value] {
            let entries = try f.required(key, .array(of: type))
            guard entries.count == 2 else { throw f.error(key, "expected two entries, found \(entries.count)") }
            return entries
        }
        let sites = try pair("indices", .array(of: .count)).enumerated().map { k, site in
            guard site.count == 2 else {
                throw InputError(file: file, path: path.key("indices").index(k).description,
                                 message: "expected [sequence, token], found \(site.count) entries")
            }
            return TokenSite(sequence: site[0], token: site[1])
        }
        let ids = try pair("ids", .orNull(.string))
        let labels = try pair("labels", .string)
        let identical = try f.required("identical", .bool)
        let token = try f.optional("token").map {
            try contextToken($0, path: path.key("token"), file: file, limits: limits)
        }
        let m = try JSONObjectFields(f.required("measure"), path: path.key("measure"), file: file, what: "a measure",
                                     allowed: ["tokens", "weights"])
        let tokens = try m.required("tokens", .array).enumerated().map {
            try contextToken($1, path: path.key("measure").key("tokens").index($0), file: file, limits: limits)
        }
        let weights = try m.required("weights", .array(of: .count))
        if let k = weights.firstIndex(of: 0) {
            throw InputError(file: file, path: path.key("measure").key("weights").index(k).description,
                             message: "a weight is at least 1")
        }
        guard !tokens.isEmpty, tokens.count == weights.count else {
            throw InputError(file: file, path: path.key("measure").description,
                             message: "expected as many weights as tokens, at least one")
        }
        return TokenConflict(first: sites[0], second: sites[1], firstID: ids[0], secondID: ids[1],
                             firstLabel: Label(labels[0]), secondLabel: Label(labels[1]), token: token,
                             measure: ContextMeasure(tokens: tokens, weights: weights), identical: identical)
    }

    /// A vector token (an array of numbers) or a symbol token (`{"symbol": s}`, with `"position": t`).
    private static func contextToken(_ v: JSONValue, path: JSONPath, file: String?,
                                     limits: NumberLimits) throws -> ContextToken {
        if v.objectMembers != nil {
            let f = try JSONObjectFields(v, path: path, file: file, what: "a symbol token", allowed: ["symbol", "position"])
            let symbol = try f.required("symbol", .string)
            let position = try f.optional("position", .count)
            return ContextToken(symbol: Label(symbol), values: position.map { [Rational($0)] } ?? [])
        }
        guard case .array(let items) = v, !items.isEmpty else {
            throw InputError(file: file, path: path.description,
                             message: "expected a token: a non-empty array of numbers, or {\"symbol\": ...}")
        }
        let values = try items.enumerated().map { k, item in
            try JSONType<Rational>.canonicalRational(limits: limits).read(item, path: path.index(k).description, file: file)
        }
        return ContextToken(symbol: nil, values: values)
    }

    private static func canonicalMeasure(_ v: JSONValue, path: JSONPath, file: String?,
                                         limits: NumberLimits) throws -> CanonicalMeasure {
        let f = try JSONObjectFields(v, path: path, file: file, what: "a measure", allowed: ["tokens", "weights"])
        let tokens = try f.required("tokens", .array(of: .array(of: .canonicalRational(limits: limits))))
        if let t = tokens.firstIndex(where: \.isEmpty) {
            throw InputError(file: file, path: path.key("tokens").index(t).description,
                             message: "expected a non-empty array of numbers")
        }
        let weights = try f.required("weights", .array(of: .count))
        if let k = weights.firstIndex(of: 0) {
            throw InputError(file: file, path: path.key("weights").index(k).description,
                             message: "a weight is at least 1")
        }
        guard !tokens.isEmpty, tokens.count == weights.count, tokens.allSatisfy({ $0.count == tokens[0].count }) else {
            throw InputError(file: file, path: path.description,
                             message: "expected as many weights as tokens, at least one, all tokens of one width")
        }
        return CanonicalMeasure(tokens: tokens, weights: weights)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
