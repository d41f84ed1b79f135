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
    /// `selected(j)`, parsing only those: the other records (non-blank JSON Lines lines, `.ts` case
    /// lines) are counted and skipped, so a shard of a large dataset reads its share at the cost of
    /// scanning the rest for line ends.
    ///
    /// What is checked is what `read(files:)` checks of the selected sequences, plus every file's
    /// header (`.ts`) and that each file has at least one record; a malformed record that is not
    /// selected is found by the reader that selects it. Selecting every number reads exactly what
    /// `read(files:)` reads, with the same errors.
    /// - Throws: ``InputError`` as ``read(files:maxBytes:limits:)``.
    public static func read(files: [String], maxBytes: Int = maxFileBytes, limits: NumberLimits = .standard,
                            selecting selected: @escaping (Int) -> Bool) throws -> DatasetSelection {
        guard let firstFile = files.first else {
            throw InputError(message: "no dataset files given")
        }
        var sequences: [LabelledSequence] = []
        var indices: [Int] = []
        var perFile: [Int] = []
        var dimension = 0
        var dimensionFile = firstFile
        var before = 0
        for file in files {
            let format = try DatasetFormat.of(file: file)
            let bytes = try FileIO.read(file, maxBytes: maxBytes)
            let (part, records, numbers) = try bytes.withUnsafeBufferPointer { buffer in
                try readPart(buffer, file: file, format: format, limits: limits, firstNumber: before, selected: selected)
            }
            if !part.sequences.isEmpty {
                if sequences.isEmpty {
                    dimension = part.dimension
                    dimensionFile = file
                } else if part.dimension != dimension {
                    throw InputError(file: file, message: "tokens have dimension \(part.dimension) in \(file), "
                                     + "but dimension \(dimension) in \(dimensionFile); all dataset files must agree")
                }
            }
            sequences.append(contentsOf: part.sequences)
            indices.append(contentsOf: numbers)
            perFile.append(records)
            before += records
        }
        return DatasetSelection(dataset: Dataset(dimension: dimension, sequences: sequences), indices: indices,
                                sequencesPerFile: perFile)
    }

    /// One file's selected sequences, its record count, and the numbers of the selected records.
    private static func readPart(_ buffer: UnsafeBufferPointer<UInt8>, file: String, format: DatasetFormat,
                                 limits: NumberLimits, firstNumber: Int, selected: @escaping (Int) -> Bool)
        throws -> (Dataset, Int, [Int])
    {
        var numbers: [Int] = []
        let select: (Int) -> Bool = { j in
            guard selected(j) else { return false }
            numbers.append(j)
            return true
        }
        switch format {
        case .jsonLines:
            var reader = JSONLinesReader(bytes: buffer, file: file, limits: limits)
            reader.select = select
            reader.firstNumber = firstNumber
            let part = try reader.read()
            return (part, reader.records, numbers)
        case .uea:
            var reader = UEAReader(bytes: buffer, file: file, limits: limits)
            reader.select = select
            reader.firstNumber = firstNumber
            let part = try reader.read()
            return (part, reader.records, numbers)
        }
    }
}
