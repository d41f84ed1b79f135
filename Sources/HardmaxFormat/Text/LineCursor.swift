import HardmaxModel
/// Walks UTF-8 text line by line. A line ends at `\n`; a `\r` just before it is not part of the line.
struct LineCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Offset where the next line starts.
    private(set) var next: Int
    /// 1-based number of the line last returned (0 before the first).
    private(set) var number = 0

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int = 0) {
        self.bytes = bytes
        self.next = start
    }

    /// The next line's byte range (without its line break), or nil at the end of the text.
    /// - Complexity: O(line length).
    mutating func nextLine() -> Range<Int>? {
        guard next < bytes.count else { return nil }
        let start = next
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        next = end + 1
        number += 1
        let contentEnd = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
        return start..<contentEnd
    }

    /// True when `range` holds only spaces and tabs.
    func isBlank(_ range: Range<Int>) -> Bool {
        range.allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 }
    }
}
