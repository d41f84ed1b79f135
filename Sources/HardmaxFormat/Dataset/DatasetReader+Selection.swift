import HardmaxModel
import Exact

/// Some of the sequences of dataset files, with their numbers in the whole concatenation: what one
/// shard of a split verification reads.
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

extension DatasetReader {
    /// Reads the sequences of `files` (concatenated in order, numbered from 0) whose number j satisfies
    /// `selected(j)`, parsing only those (see ``forEachBatch(files:maxBytes:limits:selecting:batchSize:_:)``).
    /// Selecting every number reads exactly what `read(files:)` reads, with the same errors.
    /// - Throws: ``InputError`` as ``read(files:maxBytes:limits:)``.
    public static func read(files: [String], maxBytes: Int = maxFileBytes, limits: NumberLimits = .standard,
                            selecting selected: @escaping (Int) -> Bool) throws -> DatasetSelection {
        var sequences: [LabelledSequence] = []
        var indices: [Int] = []
        var dimension = 0
        let perFile = try forEachBatch(files: files, maxBytes: maxBytes, limits: limits, selecting: selected,
                                       batchSize: Int.max) { part, numbers in
            dimension = part.dimension
            sequences += part.sequences
            indices += numbers
        }
        return DatasetSelection(dataset: Dataset(dimension: dimension, sequences: sequences), indices: indices,
                                sequencesPerFile: perFile)
    }

    /// Streams the sequences of `files` (concatenated in order, numbered from 0) whose number j
    /// satisfies `selected(j)` to `body`, in order, in batches of at most `batchSize` sequences (a
    /// non-empty data set and the numbers of its sequences), without keeping them: memory is one piece
    /// of a file (see below) and one batch, not the whole data set. Returns how many sequences each file holds,
    /// selected or not.
    ///
    /// Records that are not selected (non-blank JSON Lines lines, `.ts` case lines) are counted and
    /// skipped, not parsed, so a shard reads its share of a large dataset at the cost of scanning the
    /// rest for line ends. What is checked is what `read(files:)` checks of the selected sequences,
    /// plus every file's header (`.ts`) and that each file has at least one record; a malformed record
    /// that is not selected is found by the reader that selects it. With every number selected, the
    /// sequences and errors are those of `read(files:)` (a batch is handed over before a later
    /// record's error is found). `observer`, when given, sees each file's bytes once, before they are
    /// parsed (to hash exactly what is read). JSON Lines files are read in pieces of about 4 MiB of
    /// whole lines, so memory holds one piece and one batch, not the file; `.ts` files are read whole.
    /// - Throws: ``InputError`` as ``read(files:maxBytes:limits:)``, or what `body` throws.
    public static func forEachBatch(files: [String], maxBytes: Int = maxFileBytes, limits: NumberLimits = .standard,
                                    tokens: TokenLimits = .standard,
                                    selecting selected: @escaping (Int) -> Bool = { _ in true }, batchSize: Int = 1024,
                                    observer: FileReadObserver? = nil,
                                    _ body: (_ part: Dataset, _ numbers: [Int]) throws -> Void) throws -> [Int] {
        try forEachBatch(files: files, maxBytes: maxBytes, limits: limits, tokens: tokens, selecting: selected,
                         batchSize: batchSize, chunkBytes: 1 << 20, pieceBytes: 1 << 22, observer: observer, body)
    }

    /// With chosen sizes: JSON Lines files are read in chunks of at most `chunkBytes` and parsed in
    /// pieces of whole lines of about `pieceBytes` (tests use tiny ones to cross every boundary);
    /// `.ts` files are read whole.
    static func forEachBatch(files: [String], maxBytes: Int, limits: NumberLimits, tokens: TokenLimits,
                             selecting selected: @escaping (Int) -> Bool, batchSize: Int, chunkBytes: Int,
                             pieceBytes: Int, observer: FileReadObserver?,
                             _ body: (_ part: Dataset, _ numbers: [Int]) throws -> Void) throws -> [Int] {
        guard !files.isEmpty else { throw InputError(message: "no dataset files given") }
        let batcher = SequenceBatcher(batchSize: batchSize, firstFile: files[0], tokens: tokens)
        var perFile: [Int] = []
        for file in files {
            let format = try DatasetFormat.of(file: file)
            let firstNumber = perFile.reduce(0, +)
            observer?.begin(file)
            switch format {
            case .jsonLines:
                perFile.append(try batcher.streamJSONLines(file, maxBytes: maxBytes, chunkBytes: chunkBytes,
                                                           pieceBytes: pieceBytes,
                                                           limits: limits, firstNumber: firstNumber,
                                                           selected: selected, observer: observer, body))
            case .uea:
                let bytes = try FileIO.read(file, maxBytes: maxBytes)
                bytes.withUnsafeBufferPointer { observer?.read($0) }
                perFile.append(try batcher.read(bytes, file: file, format: format, limits: limits,
                                                firstNumber: firstNumber, selected: selected, body))
            }
        }
        try batcher.flush(body)
        return perFile
    }

    /// ``forEachBatch(files:maxBytes:limits:selecting:batchSize:_:)`` over contents already read (each
    /// file's name, for its format and messages, and its bytes), e.g. the very bytes a certificate
    /// check hashed.
    public static func forEachBatch(contents: [(file: String, bytes: [UInt8])], limits: NumberLimits = .standard,
                                    tokens: TokenLimits = .standard,
                                    selecting selected: @escaping (Int) -> Bool = { _ in true }, batchSize: Int = 1024,
                                    _ body: (_ part: Dataset, _ numbers: [Int]) throws -> Void) throws -> [Int] {
        guard let first = contents.first else { throw InputError(message: "no dataset files given") }
        let batcher = SequenceBatcher(batchSize: batchSize, firstFile: first.file, tokens: tokens)
        var perFile: [Int] = []
        for (file, bytes) in contents {
            perFile.append(try batcher.read(bytes, file: file, format: DatasetFormat.of(file: file), limits: limits,
                                            firstNumber: perFile.reduce(0, +), selected: selected, body))
        }
        try batcher.flush(body)
        return perFile
    }
}

/// A record selection that remembers the number it was last asked about: a reader asks about each
/// record before parsing it, so that is the number of the sequence it delivers next.
private final class RecordNumbering {
    private(set) var current = -1
    private let selected: (Int) -> Bool

    init(_ selected: @escaping (Int) -> Bool) { self.selected = selected }

    func select(_ j: Int) -> Bool {
        current = j
        return selected(j)
    }
}

/// Collects streamed sequences into batches and checks that all files agree on the dimension.
private final class SequenceBatcher {
    let batchSize: Int
    /// The file whose sequences fixed the dimension (for the message when another file disagrees).
    var dimensionFile: String
    var dimension: Int?
    var sequences: [LabelledSequence] = []
    var numbers: [Int] = []

    /// The token limits, and the tokens of the files read so far (every record counts, selected or not).
    let tokenLimits: TokenLimits
    var tokensUsed = 0

    init(batchSize: Int, firstFile: String, tokens: TokenLimits) {
        precondition(batchSize >= 1, "SequenceBatcher: batch size must be positive")
        tokenLimits = tokens
        self.batchSize = batchSize
        dimensionFile = firstFile
    }

    /// Streams one file's selected sequences; returns its record count.
    func read(_ bytes: [UInt8], file: String, format: DatasetFormat, limits: NumberLimits, firstNumber: Int,
                       selected: @escaping (Int) -> Bool,
                       _ body: (Dataset, [Int]) throws -> Void) throws -> Int {
        let numbering = RecordNumbering(selected)
        return try withoutActuallyEscaping(body) { body in
            try bytes.withUnsafeBufferPointer { buffer in
                let deliver: (LabelledSequence) throws -> Void = { sequence in
                    try self.add(sequence, number: numbering.current, file: file, body)
                }
                switch format {
                case .jsonLines:
                    var reader = JSONLinesReader(bytes: buffer, file: file, limits: limits,
                                                 tokens: TokenCounter(tokenLimits, usedBefore: tokensUsed))
                    (reader.select, reader.firstNumber, reader.deliver) = (numbering.select, firstNumber, deliver)
                    _ = try reader.read()
                    tokensUsed = reader.tokens.used
                    return reader.records
                case .uea:
                    var reader = UEAReader(bytes: buffer, file: file, limits: limits,
                                           tokens: TokenCounter(tokenLimits, usedBefore: tokensUsed))
                    (reader.select, reader.firstNumber, reader.deliver) = (numbering.select, firstNumber, deliver)
                    _ = try reader.read()
                    tokensUsed = reader.tokens.used
                    return reader.records
                }
            }
        }
    }

    /// Streams one JSON Lines file's selected sequences, reading it in chunks and parsing it in pieces
    /// of whole lines (about `pieceBytes` each), so that memory holds one piece, not the file; returns
    /// its record count. Equal, sequence for sequence and error for error, to reading it whole.
    func streamJSONLines(_ file: String, maxBytes: Int, chunkBytes: Int, pieceBytes: Int, limits: NumberLimits,
                         firstNumber: Int,
                         selected: @escaping (Int) -> Bool, observer: FileReadObserver?,
                         _ body: (Dataset, [Int]) throws -> Void) throws -> Int {
        let numbering = RecordNumbering(selected)
        return try withoutActuallyEscaping(body) { body in
            var reader = JSONLinesReader(bytes: UnsafeBufferPointer(start: nil, count: 0), file: file, limits: limits,
                                         tokens: TokenCounter(tokenLimits, usedBefore: tokensUsed))
            reader.select = numbering.select
            reader.firstNumber = firstNumber
            reader.deliver = { sequence in try self.add(sequence, number: numbering.current, file: file, body) }
            var pending: [UInt8] = []
            var lastBreak: Int?    // the last line break in `pending`, found chunk by chunk (linear)
            var first = true
            func parse(_ count: Int) throws {
                try pending.withUnsafeBufferPointer { all in
                    _ = try reader.readLines(UnsafeBufferPointer(rebasing: all[..<count]), first: first)
                }
                first = false
                pending.removeSubrange(..<count)
                lastBreak = nil
            }
            try FileIO.forEachChunk(of: file, maxBytes: maxBytes, chunkBytes: chunkBytes) { chunk in
                observer?.read(chunk)
                if let k = chunk.lastIndex(of: 0x0A) { lastBreak = pending.count + k }
                pending.append(contentsOf: chunk)
                if pending.count >= pieceBytes, let lastBreak { try parse(lastBreak + 1) }
            }
            try parse(pending.count)
            try reader.finish()
            tokensUsed = reader.tokens.used
            return reader.records
        }
    }

    private func add(_ sequence: LabelledSequence, number: Int, file: String,
                              _ body: (Dataset, [Int]) throws -> Void) throws {
        if let dimension, sequence.dimension != dimension {
            // Within a file the reader enforces one dimension, so this is a file that disagrees.
            throw InputError(file: file, message: "tokens have dimension \(sequence.dimension) in \(file), but "
                             + "dimension \(dimension) in \(dimensionFile); all dataset files must agree")
        }
        if dimension == nil {
            dimension = sequence.dimension
            dimensionFile = file
        }
        sequences.append(sequence)
        numbers.append(number)
        if sequences.count >= batchSize { try flush(body) }
    }

    func flush(_ body: (Dataset, [Int]) throws -> Void) throws {
        guard let dimension, !sequences.isEmpty else { return }
        let part = Dataset(dimension: dimension, sequences: sequences)
        let partNumbers = numbers
        sequences.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        try body(part, partNumbers)
    }
}
