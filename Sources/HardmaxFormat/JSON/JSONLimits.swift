import HardmaxModel
/// Bounds the JSON reader enforces with a clear error, so hostile input cannot exhaust the stack or memory.
public struct JSONLimits: Sendable, Equatable {
    /// Deepest nesting of arrays and objects (the top-level value is depth 1 when it is a container).
    public var maxDepth: Int
    /// Largest accepted input, in bytes.
    public var maxBytes: Int
    /// Longest accepted number lexeme, in bytes (SPEC.md section 2: 100000).
    public var maxNumberLength: Int

    /// Depth 256, 1 GiB, numbers of at most 100000 characters.
    public static let standard = JSONLimits()

    /// The standard limits, with room for `bytes` of text that its reader already bounded (a file read
    /// under `--max-file-bytes`): the file limit, not this one, decides how large a file may be.
    public static func standard(forTextOf bytes: Int) -> JSONLimits {
        JSONLimits(maxBytes: max(JSONLimits.standard.maxBytes, bytes))
    }

    public init(maxDepth: Int = 256, maxBytes: Int = 1 << 30, maxNumberLength: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.maxNumberLength = maxNumberLength
    }
}
