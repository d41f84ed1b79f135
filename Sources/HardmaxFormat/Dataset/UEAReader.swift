import HardmaxModel
import Exact

/// Reads a UEA/UCR time-series classification file (`.ts`, as shipped with aeon and sktime).
///
/// Header tags are case-insensitive and end with `@data`; `#` and `%` lines are comments. Each case is
/// one line of channels separated by `:` with the class label last; a channel's values are separated
/// by `,`. Token t of a case is (channel_1[t], ..., channel_d[t]).
///
/// Refused, each at its line:column: unknown or repeated header tags, `@timeStamps true`, regression
/// problems (`@targetLabel`, `@classLabel false`, or no `@classLabel true`), missing values (`?`,
/// `NaN`), time-stamped values, channels of one case with different lengths, a case whose channel
/// count differs from `@dimensions` / `@univariate` / the first case, lengths that contradict
/// `@seriesLength` or `@equalLength true`, a label not listed in `@classLabel`, and malformed numbers.
struct UEAReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let limits: NumberLimits
    var tokens: TokenCounter
    var lines: LineCursor
    /// Start offset of the current line, for columns.
    var lineStart = 0

    var header = Header()
    /// When set, only the cases (numbered from `firstNumber`) it selects are parsed; the others are
    /// counted, not read (`DatasetReader.forEachBatch`).
    var select: ((Int) -> Bool)?
    var firstNumber = 0
    /// Cases seen (selected or not).
    private(set) var records = 0
    /// When set, each sequence read is handed to it (in order) instead of being kept: the returned
    /// data set then holds no sequences, and memory stays that of one case.
    var deliver: ((LabelledSequence) throws -> Void)?

    /// What the header declared.
    struct Header {
        var seenTags: [String: Int] = [:]  // tag -> line
        var timeStamps = false
        var univariate: Bool?
        var dimensions: Int?
        var equalLength: Bool?
        var seriesLength: Int?
        var classLabelDeclared = false
        var classLabels: [Label] = []
    }

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, limits: NumberLimits,
         tokens: TokenCounter = TokenCounter(.standard)) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
        self.tokens = tokens
        self.lines = LineCursor(bytes: bytes, start: JSONReader.byteOrderMarkLength(bytes))
    }

    /// - Complexity: O(bytes) plus the cost of the exact numbers.
    mutating func read() throws -> Dataset {
        try readHeader()
        var sequences: [LabelledSequence] = []
        var expectedChannels: (count: Int, source: String)?
        if let dimensions = header.dimensions {
            expectedChannels = (dimensions, "@dimensions \(dimensions)")
        } else if header.univariate == true {
            expectedChannels = (1, "@univariate true")
        }
        var firstLength: (length: Int, line: Int)?
        while let range = lines.nextLine() {
            lineStart = range.lowerBound
            let content = trim(range)
            if content.isEmpty || bytes[content.lowerBound] == UInt8(ascii: "#")
                || bytes[content.lowerBound] == UInt8(ascii: "%") {
                continue
            }
            if bytes[content.lowerBound] == UInt8(ascii: "@") {
                throw error("unexpected header tag after @data", at: content.lowerBound)
            }
            records += 1
            if let select, !select(firstNumber + records - 1) { continue }
            let (sequence, length) = try readCase(content, expectedChannels: &expectedChannels)
            if let seriesLength = header.seriesLength, length != seriesLength {
                throw error("case has \(length) values per channel, but @seriesLength is \(seriesLength)",
                            at: content.lowerBound)
            }
            if header.equalLength == true, let firstLength, firstLength.length != length {
                throw error("case has \(length) values per channel, but the case on line \(firstLength.line) "
                            + "has \(firstLength.length) (@equalLength true)", at: content.lowerBound)
            }
            if firstLength == nil { firstLength = (length, lines.number) }
            tokens.add(length)
            if let deliver { try deliver(sequence) } else { sequences.append(sequence) }
        }
        guard records > 0 else {
            throw InputError(file: file, message: "\(file) contains no cases after @data")
        }
        return Dataset(dimension: sequences.first?.dimension ?? 0, sequences: sequences)
    }

    /// One case: channels separated by ':', the class label last. Returns the sequence and its length.
    private mutating func readCase(_ content: Range<Int>, expectedChannels: inout (count: Int, source: String)?)
        throws -> (LabelledSequence, Int)
    {
        let fields = split(content, at: UInt8(ascii: ":"))
        guard fields.count >= 2 else {
            throw error("expected channels separated by ':' and the class label after the last ':'",
                        at: content.upperBound)
        }
        let label = try readLabel(fields[fields.count - 1])
        let channelCount = fields.count - 1
        if tokens.limits.vocabulary != nil {
            throw error("the model reads symbol tokens (it has an embedding), but a .ts file holds vectors",
                        at: content.lowerBound)
        }
        if let width = tokens.limits.width, channelCount != width {
            throw error("case has \(channelCount) channel\(channelCount == 1 ? "" : "s"), expected \(width) (the model's "
                        + "dimension)", at: content.lowerBound)
        }
        if let expected = expectedChannels {
            if channelCount != expected.count {
                throw error("case has \(channelCount) channel\(channelCount == 1 ? "" : "s"), expected "
                            + "\(expected.count) (\(expected.source))", at: content.lowerBound)
            }
        } else {
            expectedChannels = (channelCount, "the first case, on line \(lines.number)")
        }
        var channelMajor: [Rational] = []
        var length = 0
        for c in 0..<channelCount {
            let before = channelMajor.count
            try readChannel(fields[c], into: &channelMajor)
            let count = channelMajor.count - before
            if c == 0 {
                length = count
                if let problem = tokens.problem(sequenceLength: length) { throw error(problem, at: fields[0].lowerBound) }
                channelMajor.reserveCapacity(length * channelCount)
            } else if count != length {
                throw error("channel \(c + 1) has \(count) value\(count == 1 ? "" : "s"), but channel 1 has \(length) "
                            + "(channels of one case must have equal length)", at: fields[c].lowerBound)
            }
        }
        var values: [Rational] = []
        values.reserveCapacity(channelMajor.count)
        for t in 0..<length {
            for c in 0..<channelCount { values.append(channelMajor[c * length + t]) }
        }
        return (LabelledSequence(label: label, dimension: channelCount, values: values), length)
    }

    /// Comma-separated exact values of one channel, appended to `values`.
    private func readChannel(_ field: Range<Int>, into values: inout [Rational]) throws {
        for item in split(field, at: UInt8(ascii: ",")) {
            let text = trim(item)
            guard !text.isEmpty else {
                throw error("expected a number, found an empty value", at: item.lowerBound)
            }
            let first = bytes[text.lowerBound]
            if first == UInt8(ascii: "?") {
                throw error("missing value '?' is not supported; hardmax needs every value", at: text.lowerBound)
            }
            if first == UInt8(ascii: "(") {
                throw error("time-stamped values are not supported", at: text.lowerBound)
            }
            if isNaN(text) {
                throw error("missing value NaN is not supported; hardmax needs every value", at: text.lowerBound)
            }
            values.append(try NumberText.rational(bytes, text, file: file, limits: limits))
        }
    }

    private func readLabel(_ field: Range<Int>) throws -> Label {
        let text = trim(field)
        guard !text.isEmpty else { throw error("expected a class label after the last ':'", at: field.lowerBound) }
        guard let label = String(validating: UnsafeBufferPointer(rebasing: bytes[text]), as: UTF8.self) else {
            throw error("invalid UTF-8 in the class label", at: text.lowerBound)
        }
        if !header.classLabels.isEmpty && !header.classLabels.contains(Label(label)) {
            throw error("class label \"\(label)\" is not declared in @classLabel (declared: "
                        + header.classLabels.map(\.text).joined(separator: " ") + ")", at: text.lowerBound)
        }
        return Label(label)
    }

    // MARK: Text helpers

    /// An error at byte `offset` of the current line.
    func error(_ message: String, at offset: Int) -> InputError {
        InputError(file: file, line: lines.number, column: TextPosition.column(from: lineStart, to: offset, in: bytes),
                   message: message)
    }

    /// `range` without leading and trailing spaces and tabs.
    func trim(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
        while upper > lower && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09) { upper -= 1 }
        return lower..<upper
    }

    /// The pieces of `range` between occurrences of `separator` (n separators give n + 1 pieces).
    func split(_ range: Range<Int>, at separator: UInt8) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where bytes[i] == separator {
            pieces.append(start..<i)
            start = i + 1
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }

    /// The pieces of `range` separated by runs of spaces and tabs.
    func words(_ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = range.lowerBound
        while i < range.upperBound {
            while i < range.upperBound && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
            let start = i
            while i < range.upperBound && bytes[i] != 0x20 && bytes[i] != 0x09 { i += 1 }
            if i > start { result.append(start..<i) }
        }
        return result
    }

    /// The ASCII-lowercased text of `range`.
    func lowercased(_ range: Range<Int>) -> String {
        String(decoding: range.map { bytes[$0] >= 0x41 && bytes[$0] <= 0x5A ? bytes[$0] | 0x20 : bytes[$0] },
               as: UTF8.self)
    }

    private func isNaN(_ text: Range<Int>) -> Bool {
        var r = text
        if bytes[r.lowerBound] == UInt8(ascii: "-") || bytes[r.lowerBound] == UInt8(ascii: "+") {
            r = (r.lowerBound + 1)..<r.upperBound
        }
        return r.count == 3 && lowercased(r) == "nan"
    }
}
