import Exact
import HardmaxModel

/// Where dataset text comes from: files on disk, streamed in pieces as they are parsed (each under
/// `InputLimits.maxStreamedFileBytes`, or `maxFileBytes` when kept in memory), or the bytes of files already read (e.g. the very bytes a certificate
/// check hashed). Each file's format comes from its name's extension.
public enum DatasetSource {
    case files([String])
    case contents([(file: String, bytes: [UInt8])])

    /// The files' names, in order.
    public var files: [String] {
        switch self {
        case .files(let names): return names
        case .contents(let contents): return contents.map(\.file)
        }
    }
}

/// Some or all of the sequences of dataset files, with their numbers in the whole concatenation.
public struct DatasetSelection: Sendable, Equatable {
    /// The selected sequences in order. Its dimension is that of the selected sequences (0 when none
    /// was selected).
    public let dataset: Dataset
    /// `indices[k]` is the number (from 0, in the concatenation of the files) of `dataset.sequences[k]`;
    /// strictly increasing.
    public let indices: [Int]
    /// How many sequences each file holds, selected or not.
    public let sequencesPerFile: [Int]

    /// Sequences in all files, selected or not.
    public var totalSequences: Int { sequencesPerFile.reduce(0, +) }
}

/// Reads labelled sequences (SPEC.md section 3) from JSON Lines (`.jsonl`) and UEA/UCR (`.ts`) files.
///
/// Every number is read exactly, straight from the file's bytes (never via a binary float). Every
/// problem is one ``InputError`` with `FILE:LINE:COLUMN` and what was expected. Two entry points:
/// ``forEachBatch(_:limits:selecting:batchSize:observer:_:)`` streams, ``read(_:limits:selecting:observer:)``
/// collects what it streams.
public enum DatasetReader {
    /// Streams the sequences of `source` (files concatenated in order, numbered from 0) whose number j
    /// satisfies `selected(j)` to `body`, in order, in batches of at most `batchSize` sequences (a
    /// non-empty data set and the numbers of its sequences), without keeping them. Returns how many
    /// sequences each file holds, selected or not.
    ///
    /// Memory: files on disk (JSON Lines and `.ts`) are read in pieces of about 4 MiB of whole lines, so
    /// memory holds one piece and one batch, not the file. Records that are not selected
    /// are counted and skipped, not parsed (a shard scans the rest only for line ends), so a malformed
    /// record that is not selected is found by the reader that selects it. Checked: the selected
    /// sequences, every `.ts` header, that each file has a record, that all files agree on the
    /// dimension, and the token limits (every record counts). `observer`, when given, sees each file's
    /// bytes once, before they are parsed: a certificate hashes exactly the bytes that were read.
    /// - Throws: ``InputError`` (unreadable or oversized file, unknown extension, malformed content, a
    ///   file without sequences, files of different dimensions, a token limit), or what `body` throws.
    ///   A batch is handed over before a later record's error is found.
    /// - Complexity: O(total bytes) plus the cost of the exact numbers.
    public static func forEachBatch(_ source: DatasetSource, limits: InputLimits = .standard,
                                    selecting selected: @escaping (Int) -> Bool = { _ in true }, batchSize: Int = 1024,
                                    observer: FileReadObserver? = nil,
                                    _ body: (_ part: Dataset, _ numbers: [Int]) throws -> Void) throws -> [Int] {
        try forEachBatch(source, limits: limits, selecting: selected, batchSize: batchSize, chunkBytes: 1 << 20,
                         pieceBytes: 1 << 22, observer: observer, body)
    }

    /// Reads the sequences of `source` whose number j satisfies `selected(j)` (every one by default),
    /// as ``forEachBatch(_:limits:selecting:batchSize:observer:_:)`` streams them, into memory (so
    /// each file is held to `limits.maxFileBytes`, the bound of files read whole).
    /// - Throws: as ``forEachBatch(_:limits:selecting:batchSize:observer:_:)``.
    public static func read(_ source: DatasetSource, limits: InputLimits = .standard,
                            selecting selected: @escaping (Int) -> Bool = { _ in true },
                            observer: FileReadObserver? = nil) throws -> DatasetSelection {
        var sequences: [LabelledSequence] = []
        var indices: [Int] = []
        var dimension = 0
        var limits = limits
        limits.maxStreamedFileBytes = limits.maxFileBytes  // kept in memory: the whole-file bound applies
        limits.maxStreamedTotalTokens = limits.tokens.total   // and the bound on tokens held
        let perFile = try forEachBatch(source, limits: limits, selecting: selected, batchSize: Int.max,
                                       observer: observer) { part, numbers in
            dimension = part.dimension
            sequences += part.sequences
            indices += numbers
        }
        return DatasetSelection(dataset: Dataset(dimension: dimension, sequences: sequences), indices: indices,
                                sequencesPerFile: perFile)
    }

    /// With chosen sizes: files on disk are read in chunks of at most `chunkBytes` and parsed
    /// in pieces of whole lines of about `pieceBytes` (tests use tiny ones to cross every boundary).
    static func forEachBatch(_ source: DatasetSource, limits: InputLimits, selecting selected: @escaping (Int) -> Bool,
                             batchSize: Int, chunkBytes: Int, pieceBytes: Int, observer: FileReadObserver?,
                             _ body: (_ part: Dataset, _ numbers: [Int]) throws -> Void) throws -> [Int] {
        guard let firstFile = source.files.first else { throw InputError(message: "no dataset files given") }
        var tokens = limits.tokens
        if case .files = source { tokens.total = limits.maxStreamedTotalTokens ?? Int.max }   // streamed: not kept
        let batcher = SequenceBatcher(batchSize: batchSize, firstFile: firstFile, tokens: tokens)
        var perFile: [Int] = []
        func readWhole(_ file: String, _ bytes: [UInt8]) throws {
            bytes.withUnsafeBufferPointer { observer?.read($0) }
            perFile.append(try batcher.read(bytes, file: file, format: DatasetFormat.of(file: file),
                                            limits: limits.numbers, firstNumber: perFile.reduce(0, +),
                                            selected: selected, body))
        }
        switch source {
        case .files(let files):
            for file in files {
                let format = try DatasetFormat.of(file: file)
                observer?.begin(file)
                let reader = batcher.streamingReader(format, file: file, limits: limits.numbers)
                perFile.append(try batcher.stream(file, with: reader, maxBytes: limits.maxStreamedFileBytes,
                                                  regularFileOnly: limits.regularFilesOnly, chunkBytes: chunkBytes,
                                                  pieceBytes: pieceBytes, firstNumber: perFile.reduce(0, +),
                                                  selected: selected, observer: observer, body))
            }
        case .contents(let contents):
            for (file, bytes) in contents {
                observer?.begin(file)
                try readWhole(file, bytes)
            }
        }
        try batcher.flush(body)
        return perFile
    }
}
