import Exact
import HardmaxModel

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
final class SequenceBatcher {
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
                let counter = TokenCounter(tokenLimits, usedBefore: tokensUsed)
                switch format {
                case .jsonLines:
                    var reader = JSONLinesReader(bytes: buffer, file: file, limits: limits, tokens: counter)
                    return try run(&reader, numbering: numbering, firstNumber: firstNumber, deliver: deliver)
                case .uea:
                    var reader = UEAReader(bytes: buffer, file: file, limits: limits, tokens: counter)
                    return try run(&reader, numbering: numbering, firstNumber: firstNumber, deliver: deliver)
                }
            }
        }
    }

    /// Reads a whole file with `reader`, handing each selected sequence to `deliver`; returns its record
    /// count and keeps its token count for the next file.
    private func run<Reader: StreamingDatasetReader>(_ reader: inout Reader, numbering: RecordNumbering,
                                                     firstNumber: Int,
                                                     deliver: @escaping (LabelledSequence) throws -> Void) throws -> Int {
        (reader.select, reader.firstNumber, reader.deliver) = (numbering.select, firstNumber, deliver)
        _ = try reader.read()
        tokensUsed = reader.tokens.used
        return reader.records
    }

    /// Streams one file's selected sequences, reading it in chunks and parsing it in pieces of whole
    /// lines (about `pieceBytes` each) with `reader`, so that memory holds one piece, not the file;
    /// returns its record count. Equal, sequence for sequence and error for error, to reading it whole.
    func stream<Reader: StreamingDatasetReader>(_ file: String, with reader: Reader, maxBytes: Int?,
                                                regularFileOnly: Bool = false, chunkBytes: Int, pieceBytes: Int,
                                                firstNumber: Int, selected: @escaping (Int) -> Bool,
                                                observer: FileReadObserver?,
                                                _ body: (Dataset, [Int]) throws -> Void) throws -> Int {
        let numbering = RecordNumbering(selected)
        return try withoutActuallyEscaping(body) { body in
            var reader = reader
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
            try FileIO.forEachChunk(of: file, maxBytes: maxBytes, regularFileOnly: regularFileOnly,
                                    chunkBytes: chunkBytes) { chunk in
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

    /// A fresh reader of `format` for `file`, continuing this batcher's token count.
    func streamingReader(_ format: DatasetFormat, file: String, limits: NumberLimits) -> any StreamingDatasetReader {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        let counter = TokenCounter(tokenLimits, usedBefore: tokensUsed)
        switch format {
        case .jsonLines: return JSONLinesReader(bytes: empty, file: file, limits: limits, tokens: counter)
        case .uea: return UEAReader(bytes: empty, file: file, limits: limits, tokens: counter)
        }
    }

    private func add(_ sequence: LabelledSequence, number: Int, file: String,
                              _ body: (Dataset, [Int]) throws -> Void) throws {
        if let dimension, sequence.dimension != dimension {
            // Within a file the reader enforces one dimension, so this is a file that disagrees.
            func kind(_ d: Int) -> String { d == 0 ? "symbols" : "dimension \(d)" }
            throw InputError(file: file, message: "tokens \(sequence.dimension == 0 ? "are" : "have") "
                             + "\(kind(sequence.dimension)) in \(file), but \(kind(dimension)) in \(dimensionFile); "
                             + "all dataset files must agree")
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

/// The two file readers as the batcher drives them: a selection, the number of the first record, where
/// each sequence goes, and the counts they keep.
protocol StreamingDatasetReader {
    var select: ((Int) -> Bool)? { get set }
    var firstNumber: Int { get set }
    var deliver: ((LabelledSequence) throws -> Void)? { get set }
    var tokens: TokenCounter { get }
    var records: Int { get }
    mutating func read() throws -> Dataset
    /// Reads a piece of whole lines (the first starts the file), continuing the pieces before it.
    mutating func readLines(_ piece: UnsafeBufferPointer<UInt8>, first: Bool) throws -> [LabelledSequence]
    /// After the last piece: refuses a file without records (or, for `.ts`, without `@data`).
    func finish() throws
}

extension JSONLinesReader: StreamingDatasetReader {}
extension UEAReader: StreamingDatasetReader {}
