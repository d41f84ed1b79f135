import HardmaxModel
import Exact

/// Reads labelled sequences (SPEC.md section 3) from JSON Lines (`.jsonl`) and UEA/UCR (`.ts`) files.
///
/// Every number is read exactly, straight from the file's bytes (never via a binary float). Every
/// problem is one ``InputError`` with `FILE:LINE:COLUMN` and what was expected.
///
/// Numbers are read under `InputLimits.standard.numbers` by default (see ``NumberLimits/reading(maxBits:)``).
public enum DatasetReader {
    /// Largest dataset file read (1 GiB).
    public static let maxFileBytes = 1 << 30

    /// Reads `files` in order and concatenates their sequences (sequence j is numbered from 0 in that
    /// concatenation). The format of each file comes from its extension.
    /// - Throws: ``InputError``: unreadable file, unknown extension, malformed content, a file without
    ///   sequences, or files whose token dimensions differ (naming the file and both dimensions).
    /// - Complexity: O(total bytes) plus the cost of the exact numbers.
    public static func read(files: [String], maxBytes: Int = maxFileBytes,
                            limits: NumberLimits = InputLimits.standard.numbers, tokens: TokenLimits = .standard,
                            observer: FileReadObserver? = nil) throws -> Dataset {
        guard let firstFile = files.first else {
            throw InputError(message: "no dataset files given")
        }
        var sequences: [LabelledSequence] = []
        var dimension = 0
        var used = 0
        for file in files {
            let format = try DatasetFormat.of(file: file)
            let bytes = try FileIO.read(file, maxBytes: maxBytes)
            observer?.observe(file, bytes)
            let part = try read(bytes: bytes, file: file, format: format, limits: limits, tokens: tokens,
                                tokensBefore: used)
            used += part.tokenCount
            if sequences.isEmpty {
                dimension = part.dimension
            } else if part.dimension != dimension {
                throw InputError(file: file, message: "tokens have dimension \(part.dimension) in \(file), "
                                 + "but dimension \(dimension) in \(firstFile); all dataset files must agree")
            }
            sequences.append(contentsOf: part.sequences)
        }
        return Dataset(dimension: dimension, sequences: sequences)
    }

    /// Reads one file's contents in the given format.
    /// - Parameters:
    ///   - tokens: the token limits; `tokensBefore` tokens (of earlier files) count towards the total.
    /// - Throws: ``InputError`` attributed to `file`; a file with no sequences is an error, and so is a
    ///   sequence or a total beyond `tokens`, found while reading (so memory stays bounded).
    public static func read(bytes: [UInt8], file: String, format: DatasetFormat,
                            limits: NumberLimits = InputLimits.standard.numbers, tokens: TokenLimits = .standard,
                            tokensBefore: Int = 0) throws -> Dataset {
        let counter = TokenCounter(tokens, usedBefore: tokensBefore)
        return try bytes.withUnsafeBufferPointer { buffer in
            switch format {
            case .jsonLines:
                var reader = JSONLinesReader(bytes: buffer, file: file, limits: limits, tokens: counter)
                return try reader.read()
            case .uea:
                var reader = UEAReader(bytes: buffer, file: file, limits: limits, tokens: counter)
                return try reader.read()
            }
        }
    }
}
