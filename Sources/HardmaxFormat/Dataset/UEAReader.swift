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
    /// The text being read: the whole file, or the current piece of it (whole lines) when streaming.
    private(set) var bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let limits: NumberLimits
    var tokens: TokenCounter
    var lines: LineCursor
    /// Start offset of the current line, for columns.
    var lineStart = 0
    /// Lines of the file before the current piece (0 when reading a whole file).
    private(set) var linesBefore = 0

    var header = Header()
    /// Whether `@data` has been read (the lines after it are cases).
    var inData = false
    /// What every case must match: the channel count (and where it was fixed), the first case's length
    /// (and its line, in the whole file).
    private var expectedChannels: (count: Int, source: String)?
    private var firstLength: (length: Int, line: Int)?
    /// Reused for each case: its values channel by channel, and where each channel starts.
    private var channelMajor: [Rational] = []
    private var channelStarts: [Int] = []
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
        self.lines = LineCursor(bytes: bytes)
    }

    /// - Complexity: O(bytes) plus the cost of the exact numbers.
    mutating func read() throws -> Dataset {
        let sequences = try readLines(bytes, first: true)
        try finish()
        return Dataset(dimension: sequences.first?.dimension ?? 0, sequences: sequences)
    }

    /// Reads the lines of `piece`: whole lines of the file (the first piece starts the file, the last
    /// may lack a final line break), continuing the header, line numbers, case numbers and token count
    /// of the pieces before it. Errors name lines of the whole file.
    /// - Complexity: O(bytes of the piece) plus the cost of the exact numbers.
    mutating func readLines(_ piece: UnsafeBufferPointer<UInt8>, first: Bool) throws -> [LabelledSequence] {
        bytes = piece
        lines = LineCursor(bytes: piece, start: first ? JSONReader.byteOrderMarkLength(piece) : 0)
        var sequences: [LabelledSequence] = []
        do {
            while let range = lines.nextLine() {
                lineStart = range.lowerBound
                if !inData {
                    try readHeaderLine(range)
                } else if let sequence = try readDataLine(range) {
                    if let deliver { try deliver(sequence) } else { sequences.append(sequence) }
                }
            }
        } catch var e as InputError where e.line != nil && linesBefore > 0 {
            e.line! += linesBefore  // positions inside a piece count from its first line
            throw e
        }
        linesBefore += lines.number
        bytes = UnsafeBufferPointer(start: nil, count: 0)  // the piece's storage is the caller's
        lines = LineCursor(bytes: bytes)
        return sequences
    }

    /// After the last piece: a file whose header does not end with `@data`, or without cases, is refused.
    func finish() throws {
        guard inData else {
            throw InputError(file: file, line: linesBefore + 1, column: 1,
                             message: "expected @data at the end of the header, found the end of the file")
        }
        guard records > 0 else {
            throw InputError(file: file, message: "\(file) contains no cases after @data")
        }
    }

    /// The line number (in the whole file) of the current line.
    var lineInFile: Int { linesBefore + lines.number }

    /// One line after `@data`: nothing for a blank or comment line or a case that is not selected, else
    /// the case.
    private mutating func readDataLine(_ range: Range<Int>) throws -> LabelledSequence? {
        let content = trim(range)
        if content.isEmpty || bytes[content.lowerBound] == UInt8(ascii: "#")
            || bytes[content.lowerBound] == UInt8(ascii: "%") {
            return nil
        }
        if bytes[content.lowerBound] == UInt8(ascii: "@") {
            throw error("unexpected header tag after @data", at: content.lowerBound)
        }
        records += 1
        if let select, !select(firstNumber + records - 1) { return nil }
        if expectedChannels == nil {
            if let dimensions = header.dimensions {
                expectedChannels = (dimensions, "@dimensions \(dimensions)")
            } else if header.univariate == true {
                expectedChannels = (1, "@univariate true")
            }
        }
        let (sequence, length) = try readCase(content)
        if let seriesLength = header.seriesLength, length != seriesLength {
            throw error("case has \(length) values per channel, but @seriesLength is \(seriesLength)",
                        at: content.lowerBound)
        }
        if header.equalLength == true, let firstLength, firstLength.length != length {
            throw error("case has \(length) values per channel, but the case on line \(firstLength.line) "
                        + "has \(firstLength.length) (@equalLength true)", at: content.lowerBound)
        }
        if firstLength == nil { firstLength = (length, lineInFile) }
        tokens.add(length)
        return sequence
    }

    /// One case: channels separated by ':', the class label last. Returns the sequence and its length.
    /// Checked in this order: the label, the channel count, then the values channel by channel.
    private mutating func readCase(_ content: Range<Int>) throws -> (LabelledSequence, Int) {
        var lastColon = -1
        var colons = 0
        for i in content where bytes[i] == UInt8(ascii: ":") {
            colons += 1
            lastColon = i
        }
        guard colons >= 1 else {
            throw error("expected channels separated by ':' and the class label after the last ':'",
                        at: content.upperBound)
        }
        let label = try readLabel((lastColon + 1)..<content.upperBound)
        let channelCount = colons
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
            expectedChannels = (channelCount, "the first case, on line \(lineInFile)")
        }
        channelMajor.removeAll(keepingCapacity: true)
        var length = 0
        var start = content.lowerBound
        for c in 0..<channelCount {
            let before = channelMajor.count
            let end = try readChannel(from: start, to: lastColon)
            let count = channelMajor.count - before
            if c == 0 {
                length = count
                if let problem = tokens.problem(sequenceLength: length) { throw error(problem, at: start) }
            } else if count != length {
                throw error("channel \(c + 1) has \(count) value\(count == 1 ? "" : "s"), but channel 1 has \(length) "
                            + "(channels of one case must have equal length)", at: start)
            }
            start = end + 1
        }
        var values: [Rational] = []
        values.reserveCapacity(channelMajor.count)
        for t in 0..<length {
            for c in 0..<channelCount { values.append(channelMajor[c * length + t]) }
        }
        return (LabelledSequence(label: label, dimension: channelCount, values: values), length)
    }

    /// The comma-separated exact values of the channel starting at `start` (it ends at the next ':',
    /// at most at `limit`), appended to `channelMajor`; returns the offset of the ':' that ends it.
    /// Short numbers are read in one pass; anything else (and every error) takes the checked path.
    private mutating func readChannel(from start: Int, to limit: Int) throws -> Int {
        var itemStart = start
        while true {
            var i = itemStart
            while i < limit && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
            if i < limit, let (value, end) = Rational.shortPrefix(bytes, from: i, fractions: true, limits: limits) {
                var j = end
                while j < limit && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
                if j == limit || bytes[j] == UInt8(ascii: ",") || bytes[j] == UInt8(ascii: ":") {
                    channelMajor.append(value)
                    if j == limit || bytes[j] == UInt8(ascii: ":") { return j }
                    itemStart = j + 1
                    continue
                }
            }
            var end = i
            while end < limit && bytes[end] != UInt8(ascii: ",") && bytes[end] != UInt8(ascii: ":") { end += 1 }
            channelMajor.append(try readValue(itemStart..<end))
            if end == limit || bytes[end] == UInt8(ascii: ":") { return end }
            itemStart = end + 1
        }
    }

    /// One item of a channel (between separators, spaces included), read on the checked path.
    private func readValue(_ item: Range<Int>) throws -> Rational {
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
        return try NumberText.rational(bytes, text, file: file, limits: limits)
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
