import Dispatch
import Foundation
import HardmaxFormat
import HardmaxKernel
import HardmaxModel

/// One run of `verify`, `construct` or `check`: the one place that reads each input file once (under
/// the run's limits), hashes the very bytes it parses, attributes errors to the file they come from,
/// streams data sets, applies the work limit (one budget per replay of a data set: each `verify` call of
/// a run, and every command makes one) and writes
/// certificates and JUnit reports atomically.
///
/// ```swift
/// let run = Run(options: .standard, limits: .standard)
/// let model = try run.readModel("model.json")
/// let streamed = try run.verify(model, data: .files(["data.jsonl"]))
/// try run.writeCertificate(streamed.verification, to: "model.certificate.json")
/// ```
public final class Run {
    public let options: VerifierOptions
    public let limits: InputLimits
    /// The model file read last (the one replayed), its weight files, and the dataset files, each with
    /// the SHA-256 of the bytes parsed.
    public private(set) var modelFile = FileDigests(), weightFiles = FileDigests(), dataFiles = FileDigests()
    /// The model file's name, for errors found in replay.
    private var modelName: String?
    /// Also sees every data byte as it is read, after it is hashed (tests rewrite a file right then).
    var dataWatcher: FileReadObserver?

    public init(options: VerifierOptions = .standard, limits: InputLimits = .standard) {
        self.options = options
        self.limits = limits
    }

    // MARK: Inputs

    /// Reads the model at `file` and its weight files once each (regular files under
    /// `limits.maxFileBytes`), recording the SHA-256 of their bytes.
    /// - Throws: `InputError` naming the file (and the JSON path, line and column within it).
    /// `maxBytes` replaces the model file's size limit (`construct` reads back the file it wrote, of a
    /// size it knows, whatever the limit on files given to it).
    public func readModel(_ file: String, weights: [String] = [], maxBytes: Int? = nil) throws -> Model {
        let bytes = try FileIO.read(file, maxBytes: maxBytes ?? limits.maxFileBytes)
        let contents = try weights.map { (file: $0, bytes: try FileIO.read($0, maxBytes: limits.maxFileBytes)) }
        return try model((file, bytes), weights: contents)
    }

    /// The model in bytes already read (a certificate check reads and hashes them first).
    func model(_ model: (file: String, bytes: [UInt8]), weights: [(file: String, bytes: [UInt8])]) throws -> Model {
        (modelFile, weightFiles, modelName) = (FileDigests(), FileDigests(), model.file)
        modelFile.record(model.file, model.bytes)
        for (file, bytes) in weights { weightFiles.record(file, bytes) }
        let store = weights.isEmpty ? nil : try TensorStore(contents: weights)
        return try ModelReader.read(bytes: model.bytes, file: model.file, tensors: store, limits: limits.numbers)
    }

    /// Reads the whole data set of `files` (for `construct`), recording the SHA-256 of each file's bytes.
    /// - Throws: `InputError` naming the file, line and column.
    public func readDataset(_ files: [String]) throws -> Dataset {
        dataFiles = FileDigests()
        return try DatasetReader.read(.files(files), limits: limits, observer: dataObserver).dataset
    }

    /// Streams the data set of `files` (for `construct`) to `body` in batches, in order, recording the
    /// SHA-256 of each file's bytes; memory holds a piece of a file and a few batches, not the data set.
    /// `body` runs on one other thread, one batch after another, while the next batches are parsed; it
    /// has finished with every batch when this returns or throws.
    /// - Throws: `InputError` naming the file, line and column, or what `body` throws; of the two, the
    ///   error of the earlier batch (the first `body` error stops the reading).
    public func streamDataset(_ files: [String], _ body: (Dataset) throws -> Void) throws {
        dataFiles = FileDigests()
        try withoutActuallyEscaping(body) { body in
            let consumer = DispatchQueue(label: "hardmax.construct-batches"), group = DispatchGroup()
            let ahead = DispatchSemaphore(value: 2)   // batches parsed but not yet consumed, at most
            let failure = Locked<Error?>(nil)   // the first error of `body`
            do {
                _ = try DatasetReader.forEachBatch(.files(files), limits: limits, observer: dataObserver) { part, _ in
                    if let error = failure.withLock({ $0 }) { throw error }
                    ahead.wait()
                    consumer.async(group: group) {
                        defer { ahead.signal() }
                        guard failure.withLock({ $0 }) == nil else { return }
                        do { try body(part) } catch { failure.withLock { $0 = $0 ?? error } }
                    }
                }
            } catch {
                group.wait()
                throw failure.withLock({ $0 }) ?? error   // body only ever saw batches before the reader's error
            }
            group.wait()
            if let error = failure.withLock({ $0 }) { throw error }
        }
    }

    // MARK: Replay

    /// Verifies `model` on `data`, streamed (``Verifier/verify(_:shard:limits:progress:observer:)``);
    /// files named in `data` are hashed as they are read (contents already read were hashed by whoever
    /// read them, as `check` does, and are not hashed again). Errors found in replay (a limit) name the
    /// model file.
    public func verify(_ model: Model, data: DatasetSource, shard: Shard? = nil, rows: StreamedRows = .every,
                       progress: ProgressReport? = nil) throws -> FileVerification {
        dataFiles = FileDigests()
        let hashes: Bool
        if case .files = data { hashes = true } else { hashes = false }
        var limits = self.limits
        // A token of another width, or a symbol outside the vocabulary, is refused as soon as it is seen.
        if let e = model.embedding { limits.tokens.vocabulary = Set(e.vocabulary) } else { limits.tokens.width = model.dimension }
        return try attributed {
            try Verifier(model: model, options: options)
                .verify(data, shard: shard, limits: limits, rows: rows, progress: progress,
                        observer: hashes ? dataObserver : nil)
        }
    }

    /// Verifies `model` on a data set held in memory (``readDataset(_:)``).
    public func verify(_ model: Model, dataset: Dataset, progress: ProgressReport? = nil) throws -> Verification {
        try attributed { try Verifier(model: model, options: options).verify(dataset, progress: progress) }
    }

    private var dataObserver: FileReadObserver {
        dataWatcher.map { Tee(first: dataFiles, then: $0) } ?? dataFiles
    }

    /// An error without a file (the work or bit limit reached in replay) is the model file's.
    private func attributed<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as InputError where e.file == nil {
            throw modelName.map(e.inFile) ?? e
        }
    }

    // MARK: Outputs (each written to a temporary file and renamed)

    /// Writes the certificate of `verification` (of the shard `shard`, when given) at `path`, naming the
    /// files this run read relative to its folder with the hashes of the bytes that were replayed.
    public func writeCertificate(_ verification: Verification, shard: Shard? = nil, failuresOnly: Bool = false,
                                 to path: String) throws {
        try certificate(verification, shard: shard, failuresOnly: failuresOnly, path: path).write(to: path)
    }

    /// Writes the certificate of a streamed verification at `path`: with every row when the stream kept
    /// them as text (``StreamedRows/certificateText``), else with the failing rows only.
    public func writeCertificate(_ streamed: FileVerification, shard: Shard? = nil, to path: String) throws {
        guard let rows = streamed.certificateRows else {
            return try writeCertificate(streamed.verification, shard: shard, failuresOnly: true, to: path)
        }
        try certificate(streamed.verification, shard: shard, failuresOnly: true, path: path, withoutRows: true)
            .write(to: path, rows: rows)
    }

    private func certificate(_ verification: Verification, shard: Shard?, failuresOnly: Bool, path: String,
                             withoutRows: Bool = false) -> Certificate {
        let models = modelFile.references(forCertificateAt: path)
        precondition(models.count == 1, "Run.writeCertificate: no model was read")
        var c = Certificate(verification: verification, model: models[0],
                            weights: weightFiles.references(forCertificateAt: path),
                            datasets: dataFiles.references(forCertificateAt: path), shard: shard,
                            failuresOnly: failuresOnly)
        if withoutRows { c.results = [] }
        return c
    }

    /// Writes the certificate of a refutation of the data set this run read.
    public func writeImpossible(_ conflicts: [Conflict], positions: Positions, to path: String) throws {
        try Certificate(conflicts: conflicts, positions: positions,
                        datasets: dataFiles.references(forCertificateAt: path)).write(to: path)
    }

    /// Writes the certificate of a refutation of the per-token labels of the data set this run read.
    public func writeImpossible(_ conflicts: [TokenConflict], mask: ContextMask, positions: Positions,
                                to path: String) throws {
        try Certificate(tokenConflicts: conflicts, mask: mask, positions: positions,
                        datasets: dataFiles.references(forCertificateAt: path)).write(to: path)
    }

    /// Writes JUnit XML for a streamed verification, one test case per sequence, classed by its file.
    public func writeJUnit(_ streamed: FileVerification, to path: String) throws {
        let files = zip(dataFiles.files, streamed.sequencesPerFile).map { (name: $0.0.path, sequences: $0.1) }
        let report = JUnitReport(suiteName: "hardmax verify", files: files)
        try FileIO.writeAtomically(Array(report.xml(for: streamed.verification).utf8), to: path)
    }
}

/// Two observers, in order.
private final class Tee: FileReadObserver {
    let first: FileReadObserver, then: FileReadObserver
    init(first: FileReadObserver, then: FileReadObserver) { (self.first, self.then) = (first, then) }
    func begin(_ file: String) { first.begin(file); then.begin(file) }
    func read(_ chunk: UnsafeBufferPointer<UInt8>) { first.read(chunk); then.read(chunk) }
}
