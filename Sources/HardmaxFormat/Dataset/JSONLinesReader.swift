import HardmaxModel
import Exact

/// Reads a `.jsonl` dataset: one object per non-blank line,
/// `{"id": "optional", "label": "cat" | 7, "tokens": [[1, "1/2"], ["0.25", -3]]}`, or with symbol
/// tokens and per-token labels (SPEC.md section 10), `{"tokens": ["BOS", "a"], "labels": [null, "1/2"]}`.
///
/// Numbers are parsed straight from the bytes into exact rationals. A label is a string, a number (its
/// text, e.g. `7` or `0.5`) or an array of numbers (the label `[1/2, 3]`, numbers in lowest terms).
/// Refused, each at its line:column: anything but one object per line, unknown or duplicate keys,
/// neither or both of label and labels, labels of another count than the tokens, a non-string id,
/// empty tokens or an empty token, symbol and vector tokens mixed, tokens of differing dimension
/// (within the file), a token the model cannot read (``TokenLimits``), and any malformed number or
/// JSON. The keys are held to ``recordFields``, worded as every strict object reader words them
/// (``JSONFieldRules``).
struct JSONLinesReader {
    /// The fields of a record (SPEC.md sections 3 and 10); "tokens" and one of "label" and "labels" are
    /// required.
    static let recordFields = JSONFieldRules(what: "a record", allowed: RecordField.allCases.map { "\($0)" })

    /// The fields of a record, by their index in ``recordFields``.
    private enum RecordField: Int, CaseIterable {
        case id, label, labels, tokens
    }

    /// A record's tokens: vectors, flattened row-major, or symbols.
    private enum Tokens {
        case vectors([Rational])
        case symbols([Label])
    }

    /// The text being read: the whole file, or the current piece of it (whole lines) when streaming.
    private(set) var bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let limits: NumberLimits
    var tokens: TokenCounter
    /// The dimension fixed by the first token of the file (0 for symbols), and the line it is on.
    private var dimension: Int?
    private var dimensionLine = 0
    /// When set, only the records (non-blank lines, numbered from `firstNumber`) it selects are parsed;
    /// the others are counted, not read (`DatasetReader.forEachBatch`).
    var select: ((Int) -> Bool)?
    var firstNumber = 0
    /// Records seen (selected or not).
    private(set) var records = 0
    /// Lines of the file before the current piece (0 when reading a whole file).
    private var linesBefore = 0
    /// Bytes of vector token text and the numbers in it, over the records so far (halved together now
    /// and then): what sizes the next record's values.
    private var textBytes = 0, textNumbers = 0
    /// The most numbers reserved for a record's values before reading them (about 1.5 MB).
    static let reservedNumbers = 1 << 16
    /// When set, each sequence read is handed to it (in order) instead of being kept: the returned
    /// data set then holds no sequences, and memory stays that of one record.
    var deliver: ((LabelledSequence) throws -> Void)?

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, limits: NumberLimits,
         tokens: TokenCounter = TokenCounter(.standard)) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
        self.tokens = tokens
    }

    /// - Complexity: O(bytes) plus the cost of the exact numbers.
    mutating func read() throws -> Dataset {
        let sequences = try readLines(bytes, first: true)
        try finish()
        // Without a selection, records > 0 means a sequence was read and fixed the dimension.
        return Dataset(dimension: dimension ?? 0, sequences: sequences)
    }

    /// Reads the records of `piece`: whole lines of the file (the first piece starts the file, the
    /// last may lack a final line break), continuing the line numbers, record numbers, dimension and
    /// token count of the pieces before it. Errors name lines of the whole file.
    /// - Complexity: O(bytes of the piece) plus the cost of the exact numbers.
    mutating func readLines(_ piece: UnsafeBufferPointer<UInt8>, first: Bool) throws -> [LabelledSequence] {
        bytes = piece
        var lines = LineCursor(bytes: piece, start: first ? JSONReader.byteOrderMarkLength(piece) : 0)
        var sequences: [LabelledSequence] = []
        while let range = lines.nextLine() {
            if lines.isBlank(range) { continue }
            records += 1
            if let select, !select(firstNumber + records - 1) { continue }
            let sequence: LabelledSequence
            do {
                sequence = try readRecord(range, line: lines.number)
            } catch var e as InputError where e.line != nil && linesBefore > 0 {
                e.line! += linesBefore  // positions inside a piece count from its first line
                throw e
            }
            if let deliver { try deliver(sequence) } else { sequences.append(sequence) }
        }
        linesBefore += lines.number
        bytes = UnsafeBufferPointer(start: nil, count: 0)  // the piece's storage is the caller's
        return sequences
    }

    /// After the last piece: a file without any record is refused.
    func finish() throws {
        guard records > 0 else {
            throw InputError(file: file, message: "\(file) contains no sequences (expected one JSON object per line)")
        }
    }

    private mutating func readRecord(_ range: Range<Int>, line: Int) throws -> LabelledSequence {
        var s = JSONScanner(bytes: bytes, start: range.lowerBound, end: range.upperBound, line: line,
                            file: file, limits: .standard)
        s.endName = "end of line"
        s.skipWhitespace()
        let open = s.index
        guard s.current == UInt8(ascii: "{") else {
            throw s.error("expected '{' (each line holds one JSON object), found \(s.foundDescription)", at: s.index)
        }
        s.index += 1
        var id: String?
        var label: String?
        var labels: (values: [Label?], at: Int)?
        var tokens: Tokens?
        var seen: JSONFieldRules.Seen = 0
        s.skipWhitespace()
        if s.current == UInt8(ascii: "}") {
            s.index += 1
        } else {
            repeat {
                s.skipWhitespace()
                guard s.current == UInt8(ascii: "\"") else {
                    throw s.error("expected a string key in double quotes, found \(s.foundDescription)", at: s.index)
                }
                let keyOffset = s.index
                let key = try s.readString()
                let field: RecordField?
                do {
                    field = RecordField(rawValue: try Self.recordFields.admit(key, seen: &seen))
                } catch let problem {
                    throw s.error(problem.message, at: keyOffset)
                }
                s.skipWhitespace()
                try s.expect(UInt8(ascii: ":"), "':' after the key \"\(key)\"")
                s.skipWhitespace()
                switch field {
                case .id?: id = try readID(&s)
                case .label?: label = try readLabel(&s)
                case .labels?: labels = (try readLabels(&s), keyOffset)
                case .tokens?: tokens = try readTokens(&s, line: line)
                case nil: preconditionFailure("recordFields is built from RecordField.allCases")
                }
            } while try s.continueAfterElement(closing: UInt8(ascii: "}"))
        }
        s.skipWhitespace()
        guard s.isAtEnd else {
            throw s.error("unexpected \(s.foundDescription) after the object (one JSON object per line)", at: s.index)
        }
        guard let tokens, let dimension else { throw s.error(JSONFieldRules.missing("tokens"), at: open) }
        let sequenceLabels: SequenceLabels
        switch (label, labels) {
        case (let l?, nil): sequenceLabels = .whole(Label(l))
        case (nil, let l?):
            let length: Int
            switch tokens {
            case .vectors(let v): length = v.count / dimension
            case .symbols(let v): length = v.count
            }
            guard l.values.count == length else {
                throw s.error("\"labels\" has \(l.values.count) \(l.values.count == 1 ? "entry" : "entries"), expected one per token (\(length))", at: l.at)
            }
            sequenceLabels = .perToken(l.values)
        case (nil, nil): throw s.error(JSONFieldRules.missing("label") + " (or \"labels\", one per token)", at: open)
        case (_?, _?): throw s.error("a record has either \"label\" or \"labels\", not both", at: labels!.at)
        }
        switch tokens {
        case .vectors(let values):
            self.tokens.add(values.count / dimension)
            return LabelledSequence(id: id, labels: sequenceLabels, dimension: dimension, values: values)
        case .symbols(let symbols):
            self.tokens.add(symbols.count)
            return LabelledSequence(id: id, labels: sequenceLabels, symbols: symbols)
        }
    }

    private func readID(_ s: inout JSONScanner) throws -> String {
        let at = s.index
        guard s.current == UInt8(ascii: "\"") else {
            throw s.error("\"id\" must be a string, found \(try s.describeValue())", at: at)
        }
        return try s.readString()
    }

    /// A string; a number, whose text becomes the label; or an array of numbers, which becomes the
    /// label `[a, b, ...]` with each number in lowest terms (what a value readout reads, SPEC.md
    /// section 10).
    private func readLabel(_ s: inout JSONScanner) throws -> String {
        let at = s.index
        switch s.current ?? 0 {
        case UInt8(ascii: "\""):
            return try s.readString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return s.string(try s.scanNumber())
        case UInt8(ascii: "["):
            s.index += 1
            s.skipWhitespace()
            if s.current == UInt8(ascii: "]") {
                throw s.error("a label that is an array needs at least one number, found []", at: at)
            }
            var numbers: [String] = []
            repeat {
                s.skipWhitespace()
                numbers.append(try readNumber(&s).description)
            } while try s.continueAfterElement(closing: UInt8(ascii: "]"))
            return "[" + numbers.joined(separator: ", ") + "]"
        default:
            throw s.error("a label must be a string, a number or an array of numbers, found \(try s.describeValue())",
                          at: at)
        }
    }

    /// `"labels"`: an array of labels or nulls (positions not checked).
    private func readLabels(_ s: inout JSONScanner) throws -> [Label?] {
        let at = s.index
        guard s.current == UInt8(ascii: "[") else {
            throw s.error("\"labels\" must be an array with one label (or null) per token, found \(try s.describeValue())",
                          at: at)
        }
        s.index += 1
        s.skipWhitespace()
        var labels: [Label?] = []
        if s.current == UInt8(ascii: "]") { s.index += 1; return labels }
        repeat {
            s.skipWhitespace()
            if labels.count >= tokens.limits.perSequence { throw s.error(tokens.limits.perSequenceMessage, at: s.index) }
            if s.current == UInt8(ascii: "n") {
                try s.expectLiteral("null")
                labels.append(nil)
            } else {
                labels.append(Label(try readLabel(&s)))
            }
        } while try s.continueAfterElement(closing: UInt8(ascii: "]"))
        return labels
    }

    /// The tokens: vectors (flattened row-major) or symbols; fixes or checks the file's dimension (0
    /// for symbols).
    private mutating func readTokens(_ s: inout JSONScanner, line: Int) throws -> Tokens {
        let at = s.index
        guard s.current == UInt8(ascii: "[") else {
            throw s.error("\"tokens\" must be an array of tokens (arrays of numbers, or symbols), found "
                          + "\(try s.describeValue())", at: at)
        }
        s.index += 1
        s.skipWhitespace()
        if s.current == UInt8(ascii: "]") {
            throw s.error("\"tokens\" is empty; a sequence needs at least one token", at: at)
        }
        if s.current != UInt8(ascii: "[") { return .symbols(try readSymbols(&s, line: line)) }
        if tokens.limits.vocabulary != nil {
            throw s.error("expected a symbol (the model reads symbol tokens: it has an embedding), found a vector",
                          at: s.index)
        }
        // Sized at once from the bytes per number of the records so far (capped, so a garbled line
        // cannot make it large): most sequences' values then neither grow nor get copied to fit.
        let textStart = s.index
        var values: [Rational] = []
        let (scaled, overflow) = (s.end - textStart).multipliedReportingOverflow(by: textNumbers)
        let guess = textNumbers > 0 && !overflow ? scaled / textBytes + 1 : (dimension ?? 1) * 16
        values.reserveCapacity(min(guess, Self.reservedNumbers))
        var length = 0
        repeat {
            s.skipWhitespace()
            let tokenAt = s.index
            length += 1
            if let problem = tokens.problem(sequenceLength: length) { throw s.error(problem, at: tokenAt) }
            guard s.current == UInt8(ascii: "[") else {
                throw s.error("expected a token (an array of numbers), found \(try s.describeValue())", at: tokenAt)
            }
            s.index += 1
            s.skipWhitespace()
            if s.current == UInt8(ascii: "]") {
                throw s.error("a token needs at least one coordinate, found []", at: tokenAt)
            }
            var count = 0
            repeat {
                s.skipWhitespace()
                values.append(try readNumber(&s))
                count += 1
                if let problem = tokens.problem(tokenNumbers: count) { throw s.error(problem, at: tokenAt) }
            } while try s.continueAfterElement(closing: UInt8(ascii: "]"))
            if let width = tokens.limits.width, count != width {
                throw s.error("token has \(count) coordinate\(count == 1 ? "" : "s"), expected \(width) "
                              + "(the model's dimension)", at: tokenAt)
            }
            if let dimension {
                if dimension == 0 {
                    throw s.error("found a vector token, but the file's tokens are symbols (since line \(dimensionLine))",
                                  at: tokenAt)
                }
                if count != dimension {
                    throw s.error("token has \(count) coordinate\(count == 1 ? "" : "s"), expected \(dimension) "
                                  + "(the dimension of the first token, on line \(dimensionLine))", at: tokenAt)
                }
            } else {
                dimension = count
                dimensionLine = linesBefore + line
            }
        } while try s.continueAfterElement(closing: UInt8(ascii: "]"))
        textBytes += s.index - textStart
        textNumbers += values.count
        if textNumbers > 1 << 24 { (textBytes, textNumbers) = (textBytes / 2, textNumbers / 2) }  // a running ratio
        return .vectors(values)
    }

    /// Symbol tokens: strings, or integers standing for their decimal text.
    private mutating func readSymbols(_ s: inout JSONScanner, line: Int) throws -> [Label] {
        if let dimension, dimension > 0 {
            throw s.error("found a symbol token, but the file's tokens are vectors (since line \(dimensionLine))",
                          at: s.index)
        }
        if tokens.limits.width != nil {
            throw s.error("expected a token (an array of numbers): the model has no embedding, so it reads vectors, "
                          + "not symbols", at: s.index)
        }
        var symbols: [Label] = []
        repeat {
            s.skipWhitespace()
            let at = s.index
            if let problem = tokens.problem(sequenceLength: symbols.count + 1) { throw s.error(problem, at: at) }
            let symbol: Label
            switch s.current ?? 0 {
            case UInt8(ascii: "\""): symbol = Label(try s.readString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let range = try s.scanNumber()
                guard range.allSatisfy({ bytes[$0] == UInt8(ascii: "-") || bytes[$0] &- 0x30 < 10 }) else {
                    throw s.error("a symbol must be a string or an integer, found the number \(s.string(range))", at: at)
                }
                symbol = Label(s.string(range))
            default:
                throw s.error("expected a token (a symbol or an array of numbers), found \(try s.describeValue())", at: at)
            }
            if let vocabulary = tokens.limits.vocabulary, !vocabulary.contains(symbol) {
                throw s.error("symbol \"\(symbol)\" is not in the model's vocabulary", at: at)
            }
            symbols.append(symbol)
        } while try s.continueAfterElement(closing: UInt8(ascii: "]"))
        if dimension == nil {
            dimension = 0
            dimensionLine = linesBefore + line
        }
        return symbols
    }

    /// Whether the short number text in `range` is exactly the lexeme `JSONScanner.scanNumber()` would
    /// return there: no leading zero (RFC 8259 section 6), not too long, and followed by a byte that
    /// ends a number (otherwise the scanner's own path reads it and reports any error).
    private func isJSONNumber(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, maxLength: Int) -> Bool {
        let first = bytes[range.lowerBound] == UInt8(ascii: "-") ? range.lowerBound + 1 : range.lowerBound
        if bytes[first] == UInt8(ascii: "0") && first + 1 < range.upperBound && bytes[first + 1] &- 48 < 10 {
            return false
        }
        guard range.count <= maxLength else { return false }
        guard range.upperBound < bytes.count else { return true }
        switch bytes[range.upperBound] {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: " "), UInt8(ascii: "\n"),
             UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            return true
        default:
            return false
        }
    }

    /// A JSON number or a string holding a number (SPEC.md section 2), read exactly.
    private func readNumber(_ s: inout JSONScanner) throws -> Rational {
        let at = s.index
        let record = UnsafeBufferPointer(rebasing: bytes[..<s.end])
        switch s.current ?? 0 {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let (value, end) = Rational.shortPrefix(record, from: at, fractions: false, limits: limits),
               isJSONNumber(at..<end, in: record, maxLength: s.limits.maxNumberLength) {
                s.index = end
                return value
            }
            return try NumberText.rational(bytes, try s.scanNumber(), file: file, limits: limits)
        case UInt8(ascii: "\""):
            // A string holding short number text and nothing else (no escape): read in one pass.
            if let (value, end) = Rational.shortPrefix(record, from: at + 1, fractions: true, limits: limits),
               end < record.count, record[end] == UInt8(ascii: "\"") {
                s.index = end + 1
                return value
            }
            switch try s.scanString() {
            case .raw(let range):
                return try NumberText.rational(bytes, range, file: file, limits: limits)
            case .decoded(let utf8):
                do {
                    return try utf8.withUnsafeBufferPointer { try Rational(parsingUTF8: $0, limits: limits) }
                } catch {
                    throw s.error(NumberText.message(for: error, text: String(decoding: utf8, as: UTF8.self)),
                                  at: at)
                }
            }
        case let b where b == UInt8(ascii: "N") || b == UInt8(ascii: "I") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: "."):
            throw s.unexpectedValueStart(b)
        default:
            throw s.error("expected \(NumberText.expectedNumber), found \(try s.describeValue())", at: at)
        }
    }
}
