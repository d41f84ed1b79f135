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
        return try parse(JSONReader.parse(bytes, file: file), file: file, limits: limits.numbers)
    }

    /// Strictly checks a parsed certificate (see ``read(file:limits:)``); numbers are read under `limits`.
    public static func parse(_ json: JSONValue, file: String?,
                             limits: NumberLimits = InputLimits.standard.numbers) throws -> Certificate {
        var top = try CertificateFields(json, path: .root, file: file)
        top.limits = limits
        let format = try top.required("format")
        guard format.value == .string("hardmax-certificate") else {
            throw top.error(format, "expected \"hardmax-certificate\"")
        }
        let version = try top.required("version")
        guard version.value == .number("1") else { throw top.error(version, "expected version 1") }
        let verdictField = try top.required("verdict")
        guard case .string(let v) = verdictField.value, let verdict = Verdict(rawValue: v) else {
            throw top.error(verdictField, "expected \"pass\", \"fail\" or \"impossible\"")
        }
        let semantics = try top.required("semantics")
        guard semantics.value == .string("hardmax") else { throw top.error(semantics, "expected \"hardmax\"") }
        let datasets = try top.array("datasets").enumerated().map {
            try fileReference($1, path: JSONPath.root.key("datasets").index($0), file: file)
        }
        guard !datasets.isEmpty else {
            throw InputError(file: file, path: "datasets", message: "a certificate names at least one dataset file")
        }
        var p = try CertificateFields(top.required("producer").value, path: .root.key("producer"), file: file)
        let producer = try Producer(name: p.string("name"), version: p.string("version"))
        try p.finish()

        var certificate: Certificate
        if verdict == .impossible {
            let positionsField = try top.required("positions")
            guard case .string(let ps) = positionsField.value, let positions = Positions(rawValue: ps) else {
                throw top.error(positionsField, "expected \"none\" or \"index\"")
            }
            let conflicts = try top.array("conflicts").enumerated().map {
                try conflict($1, path: JSONPath.root.key("conflicts").index($0), file: file, limits: limits)
            }
            guard !conflicts.isEmpty else {
                throw InputError(file: file, path: "conflicts", message: "an impossible verdict needs at least one conflict")
            }
            certificate = Certificate(conflicts: conflicts, positions: positions, datasets: datasets, producer: producer)
        } else {
            let model = try fileReference(top.required("model").value, path: .root.key("model"), file: file)
            let weights = top.optional("weights") == nil ? [] : try top.array("weights").enumerated().map {
                try fileReference($1, path: JSONPath.root.key("weights").index($0), file: file)
            }
            let shard = try top.optional("shard").map { try shardField($0, file: file) }
            var c = try CertificateFields(top.required("counts").value, path: .root.key("counts"), file: file)
            let counts = try VerificationCounts(sequences: c.count("sequences"), tokens: c.count("tokens"),
                                                classes: c.count("classes"), passed: c.count("passed"),
                                                failed: c.count("failed"))
            try c.finish()
            let minMargin = try top.rationalOrNull("minMargin")
            let results = try top.array("results").enumerated().map {
                try row($1, path: JSONPath.root.key("results").index($0), file: file, limits: limits)
            }
            certificate = Certificate(verdict: verdict, model: model, datasets: datasets, counts: counts,
                                      minMargin: minMargin, results: results, positions: nil, conflicts: [],
                                      producer: producer)
            certificate.weights = weights
            certificate.shard = shard
        }
        try top.finish()
        return certificate
    }

    private static func fileReference(_ v: JSONValue, path: JSONPath, file: String?) throws -> FileReference {
        var f = try CertificateFields(v, path: path, file: file)
        let name = try f.string("file")
        let hashField = try f.required("sha256")
        guard case .string(let hash) = hashField.value, hash.utf8.count == 64,
              hash.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw f.error(hashField, "expected 64 lowercase hexadecimal digits")
        }
        guard !name.isEmpty else { throw InputError(file: file, path: path.key("file").description, message: "empty file name") }
        guard !name.hasPrefix("/") else {
            throw InputError(file: file, path: path.key("file").description,
                             message: "expected a file name relative to the certificate's folder, found the absolute path \"\(name)\"")
        }
        try f.finish()
        return FileReference(file: name, sha256: hash)
    }

    /// `{"index": I, "count": K}` with 1 <= I <= K.
    private static func shardField(_ m: JSONMember, file: String?) throws -> Shard {
        var f = try CertificateFields(m.value, path: .root.key("shard"), file: file)
        let index = try f.count("index"), count = try f.count("count")
        try f.finish()
        guard let shard = Shard(index: index, count: count) else {
            throw InputError(file: file, line: m.line > 0 ? m.line : nil, column: m.line > 0 ? m.column : nil,
                             path: "shard", message: "expected 1 <= index <= count <= \(Shard.maxCount), found index "
                             + "\(index) and count \(count)")
        }
        return shard
    }

    private static func row(_ v: JSONValue, path: JSONPath, file: String?, limits: NumberLimits) throws -> CertificateRow {
        var f = try CertificateFields(v, path: path, file: file)
        f.limits = limits
        let r = try CertificateRow(index: f.count("index"), id: f.optionalString("id"), label: Label(f.string("label")),
                                   predicted: f.stringOrNull("predicted").map { Label($0) }, margin: f.rationalOrNull("margin"),
                                   passed: f.bool("pass"))
        try f.finish()
        return r
    }

    private static func conflict(_ v: JSONValue, path: JSONPath, file: String?, limits: NumberLimits) throws -> Conflict {
        var f = try CertificateFields(v, path: path, file: file)
        func pair(_ key: String) throws -> [JSONValue] {
            let a = try f.array(key)
            guard a.count == 2 else {
                throw InputError(file: file, path: path.key(key).description, message: "expected two entries, found \(a.count)")
            }
            return a
        }
        let indices = try pair("indices").enumerated().map {
            try CertificateFields.count($1, path: path.key("indices").index($0), file: file)
        }
        let ids = try pair("ids").enumerated().map { (k, v) -> String? in
            if case .null = v { return nil }
            return try CertificateFields.string(v, path: path.key("ids").index(k), file: file)
        }
        let labels = try pair("labels").enumerated().map {
            try CertificateFields.string($1, path: path.key("labels").index($0), file: file)
        }
        let identical = try f.bool("identical")
        let measure = try canonicalMeasure(try f.required("measure").value, path: path.key("measure"), file: file,
                                           limits: limits)
        try f.finish()
        return Conflict(first: indices[0], second: indices[1], firstID: ids[0], secondID: ids[1],
                        firstLabel: Label(labels[0]), secondLabel: Label(labels[1]), measure: measure, identical: identical)
    }

    private static func canonicalMeasure(_ v: JSONValue, path: JSONPath, file: String?,
                                         limits: NumberLimits) throws -> CanonicalMeasure {
        var f = try CertificateFields(v, path: path, file: file)
        let tokensPath = path.key("tokens"), weightsPath = path.key("weights")
        let tokens = try f.array("tokens").enumerated().map { (t, token) -> [Rational] in
            guard case .array(let entries) = token, !entries.isEmpty else {
                throw InputError(file: file, path: tokensPath.index(t).description, message: "expected a non-empty array of numbers")
            }
            return try entries.enumerated().map { (c, e) in
                let p = tokensPath.index(t).index(c)
                let text = try CertificateFields.string(e, path: p, file: file)
                let r = try e.rational(path: p.description, file: file, limits: limits)
                try CertificateFields.requireCanonical(text, r) { InputError(file: file, path: p.description, message: $0) }
                return r
            }
        }
        let weights = try f.array("weights").enumerated().map { (k, w) -> Int in
            let n = try CertificateFields.count(w, path: weightsPath.index(k), file: file)
            guard n >= 1 else { throw InputError(file: file, path: weightsPath.index(k).description, message: "a weight is at least 1") }
            return n
        }
        try f.finish()
        guard !tokens.isEmpty, tokens.count == weights.count, tokens.allSatisfy({ $0.count == tokens[0].count }) else {
            throw InputError(file: file, path: path.description,
                             message: "expected as many weights as tokens, at least one, all tokens of one width")
        }
        return CanonicalMeasure(tokens: tokens, weights: weights)
    }
}
