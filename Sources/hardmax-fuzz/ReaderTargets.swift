import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// The in-process reader targets: numbers, JSON, datasets (.jsonl, .ts), models, certificates and
/// weight files. Each accepted input is also checked: it round-trips through its writer, and a model
/// replays on a small dataset with the same decisions on the plain path and the shortcuts.
enum ReaderTargets {
    static func all() -> [FuzzTarget] {
        [numbers(), json(), datasets(.jsonLines, "dataset-jsonl", SeedCorpus.jsonLines),
         datasets(.uea, "dataset-ts", SeedCorpus.timeSeries), models(), certificates(),
         tensors("safetensors", SeedCorpus.safetensorsFiles), tensors("npy", SeedCorpus.npyFiles),
         tensors("npz", SeedCorpus.npzFiles), ReplayTarget.target()]
    }

    static let textDictionary: [[UInt8]] = (Mutator.interestingNumbers + [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "true", "false", "\n", "\r\n", " ",
        "\"tokens\"", "\"label\"", "\"id\"", "\"layers\"", "\"readout\"", "\"weight\"", "\"type\"", "\"heads\"",
        "\"version\"", "\"format\"", "\"results\"", "\"margin\"", "\"sha256\"", "\"file\"", "\"tensor\"",
        "\"labels\"", "\"embedding\"", "\"vocabulary\"", "\"table\"", "\"output\"", "\"queryBias\"",
        "\"valueBias\"", "\"scale\"", "{\"sqrt\": ", "\"rows\": [", "\"columns\": [", "\"values\"",
        "\"tolerance\"", "\"transpose\": true",
        "@data", "@dimensions 3", "@classLabel true", "@univariate true", "@equalLength true", "@seriesLength 2",
        "@timeStamps true", "@missing true", "@targetLabel true", "?", "NaN", "(1,2)", ":", "#", "%", "\u{FEFF}",
    ]).map { Array($0.utf8) }

    /// What a writer wrote for an accepted input must read back: any error there is a failure, not a
    /// rejection. (Found so: `1e100000` in a dataset read, and its 100001-digit text did not.)
    static func roundTrip<T>(_ writer: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw FuzzFailure("\(writer) output of an accepted input does not read back: \(error)")
        }
    }

    static func numbers() -> FuzzTarget {
        FuzzTarget(name: "numbers", calls: "Rational(parsingUTF8:), Rational(parsing:)", seeds: SeedCorpus.numbers,
                   mutator: Mutator(kind: .text, dictionary: textDictionary), inputs: { $0 }) { input in
            let bytes = input.bytes
            var parsed: Rational?
            let result = try outcome(textLength: bytes.count) {
                parsed = try bytes.withUnsafeBufferPointer { try Rational(parsingUTF8: $0) }
            }
            // The String entry point agrees with the byte entry point on valid UTF-8.
            if let text = String(validating: bytes, as: UTF8.self) {
                let again = try? Rational(parsing: text)
                try expect(again == parsed, "parsing: and parsingUTF8: disagree: \(String(describing: again)) "
                           + "vs \(String(describing: parsed))")
            }
            if let value = parsed {
                try expect(value.bitLength <= NumberLimits.standard.maxBits, "accepted \(value.bitLength) bits")
                // What the tool writes for an accepted number reads back under the limits it reads with.
                try expect(try Rational(parsing: value.description, limits: InputLimits.standard.numbers) == value,
                           "p/q text does not read back")
            }
            return result
        }
    }

    static func json() -> FuzzTarget {
        FuzzTarget(name: "json", calls: "JSONReader.parse", seeds: SeedCorpus.json,
                   mutator: Mutator(kind: .text, dictionary: textDictionary), inputs: { $0 }) { input in
            try outcome {
                let value = try JSONReader.parse(input.bytes, file: "fuzz.json")
                for style in [JSONStyle.compact, .pretty] {
                    let again = try roundTrip("JSONWriter") {
                        try JSONReader.parse(JSONWriter.bytes(value, style: style), file: "again.json")
                    }
                    try expect(again == value, "JSONWriter (\(style)) output does not read back equal")
                }
            }
        }
    }

    static func datasets(_ format: DatasetFormat, _ name: String, _ seeds: [Seed]) -> FuzzTarget {
        FuzzTarget(name: name, calls: "DatasetReader.read(.contents) of .\(format)", seeds: seeds,
                   mutator: Mutator(kind: .text, dictionary: textDictionary), inputs: { $0 }) { input in
            try outcome {
                let data = try DatasetReader.read(.contents([("fuzz." + format.fileExtension, input.bytes)])).dataset
                try expect(!data.sequences.isEmpty, "empty dataset accepted")
                try expect(data.dimension >= 1 || format == .jsonLines, "symbol tokens accepted in a .ts file")
                for s in data.sequences {
                    try expect(s.dimension == data.dimension && s.length >= 1
                               && s.values.count == s.length * s.dimension
                               && s.symbols.count == (s.isSymbolic ? s.length : 0), "sequence shape broken")
                    if case .perToken(let labels) = s.labels {
                        try expect(labels.count == s.length, "\(labels.count) labels for \(s.length) tokens")
                    }
                }
                let again = try roundTrip("DatasetWriter.jsonLines") {
                    try DatasetReader.read(.contents([("again.jsonl", DatasetWriter.jsonLines(data))])).dataset
                }
                try expect(again == data, "DatasetWriter.jsonLines output does not read back equal")
            }
        }
    }

    static func models() -> FuzzTarget {
        FuzzTarget(name: "model", calls: "ModelReader.read(bytes:file:tensors:), then Verifier (plain and fast)",
                   seeds: SeedCorpus.models, mutator: Mutator(kind: .text, dictionary: textDictionary),
                   inputs: { $0 }) { input in
            try outcome {
                let model = try ModelReader.read(bytes: input.bytes, file: "fuzz.json", tensors: FuzzTensors.store)
                let again = try roundTrip("ModelWriter") {
                    try ModelReader.read(bytes: Array(ModelWriter.text(model).utf8), file: "again.json")
                }
                try expect(again == model, "ModelWriter output does not read back equal")
                try expect(!ModelSummary(model).text.isEmpty, "empty summary")
                try replayBothWays(model)
            }
        }
    }

    /// Replays `model` on `data` (default: ``sampleData(for:)``) with and without the shortcuts: the
    /// results must be equal.
    static func replayBothWays(_ model: Model, on given: Dataset? = nil) throws {
        let (plain, fast) = try replays(model, on: given ?? sampleData(for: model))
        for case .failure(let error) in [plain, fast] { _ = try clean(error) }
    }

    /// The work limit of every replay: 10^7 counted operations (a tenth of a second or so) keeps every
    /// input fast; heavier ones (weights of 100000 bits, numbers that grow through many layers) must end
    /// in the clean work-limit error instead.
    static let fuzzMaxWork = 10_000_000

    /// The plain replay and the shortcuts of `model` on `data`, one job each, at ``fuzzMaxWork``; when
    /// both verify, they must agree.
    static func replays(_ model: Model, on data: Dataset) throws -> (plain: Result<Verification, Error>,
                                                                      fast: Result<Verification, Error>) {
        var plainOptions = VerifierOptions.plainOnly, fastOptions = VerifierOptions.standard
        plainOptions.jobs = 1
        fastOptions.jobs = 1
        plainOptions.maxWork = fuzzMaxWork
        fastOptions.maxWork = fuzzMaxWork
        let plain = Result { try Verifier(model: model, options: plainOptions).verify(data) }
        let fast = Result { try Verifier(model: model, options: fastOptions).verify(data) }
        if case .success(let p) = plain, case .success(let f) = fast {
            try expect(p == f, "plain replay and shortcuts disagree: \(p.results) vs \(f.results)")
        }
        return (plain, fast)
    }

    /// Three short sequences the model reads: vectors, or symbols of its vocabulary; no longer than its
    /// position table. Labels are classes (one not a class) or numbers for a value readout; under pool
    /// `every` the second sequence is labelled per token, null first.
    static func sampleData(for model: Model) -> Dataset {
        let d = model.dimension, readout = model.readout
        func label(_ k: Int) -> Label {
            guard let values = readout.values else {
                return k == 2 ? "not a class" : readout.classes[k % readout.classes.count]
            }
            let numbers = values.names.indices.map { "\(($0 + k) % 3 - 1)" }
            return Label(numbers.count == 1 ? numbers[0] : "[" + numbers.joined(separator: ", ") + "]")
        }
        let sequences = [1, 2, 4].enumerated().map { (k, n) -> LabelledSequence in
            let n = min(n, model.positionTable?.rows ?? n)
            let labels: SequenceLabels = readout.pool == .every && k == 1
                ? .perToken((0..<n).map { $0 == 0 ? nil : label($0 + k) }) : .whole(label(k))
            if let vocabulary = model.embedding?.vocabulary {
                return LabelledSequence(id: "s\(k)", labels: labels,
                                        symbols: (0..<n).map { vocabulary[($0 * 7 + k) % vocabulary.count] })
            }
            return LabelledSequence(id: "s\(k)", labels: labels, dimension: d,
                                    values: (0..<(n * d)).map { Rational(($0 * 7 + k) % 5 - 2) })
        }
        return Dataset(dimension: model.embedding == nil ? d : 0, sequences: sequences)
    }

    static func certificates() -> FuzzTarget {
        FuzzTarget(name: "certificate", calls: "Certificate.parse(JSONReader.parse)", seeds: SeedCorpus.certificates,
                   mutator: Mutator(kind: .text, dictionary: textDictionary), inputs: { $0 }) { input in
            try outcome {
                let certificate = try Certificate.parse(JSONReader.parse(input.bytes, file: "fuzz.json"),
                                                        file: "fuzz.json")
                let again = try roundTrip("Certificate.text()") {
                    try Certificate.parse(JSONReader.parse(Array(certificate.text().utf8)), file: nil)
                }
                try expect(again == certificate, "Certificate.text() does not read back equal")
            }
        }
    }

    static func tensors(_ name: String, _ seeds: [Seed]) -> FuzzTarget {
        let dictionary = textDictionary + [[0x93] + Array("NUMPY".utf8), [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06],
                                           [0x50, 0x4B, 0x01, 0x02], [0x50, 0x4B, 0x06, 0x06], [0x50, 0x4B, 0x06, 0x07],
                                           Array("'descr': '<f8'".utf8), Array("'shape': (".utf8), Array("True".utf8),
                                           Array("\"dtype\": \"F64\"".utf8), Array("\"data_offsets\": [".utf8)]
        return FuzzTarget(name: name, calls: "TensorFileReader.read(bytes:file:)", seeds: seeds,
                          mutator: Mutator(kind: .binary, dictionary: dictionary), inputs: { $0 }) { input in
            try outcome {
                // Mostly by extension; sometimes by content, under a neutral name.
                let file = input.bytes.count % 5 == 0 ? "weights.bin" : input.seed.file
                for tensor in try TensorFileReader.read(bytes: input.bytes, file: file) {
                    var count: Int? = 1
                    for n in tensor.shape {
                        let (p, overflow) = (count ?? 0).multipliedReportingOverflow(by: n)
                        count = overflow || n < 0 ? nil : p
                    }
                    try expect(count == tensor.values.count,
                               "tensor \(tensor.name): shape \(tensor.shape) but \(tensor.values.count) values")
                }
            }
        }
    }
}
