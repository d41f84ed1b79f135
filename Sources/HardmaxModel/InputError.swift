/// Unusable input: one clear message that says where (file, line and column, or a JSON path) and what
/// was expected. Every reader throws this; the command line prints `description` and exits 2.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as the user named it (nil for in-memory input).
    public var file: String?
    /// 1-based line and column, when the problem has a place in the text.
    public var line: Int?
    public var column: Int?
    /// A JSON path such as `layers[3].heads[0].key`, when the problem is in a JSON structure.
    public var path: String?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, path: String? = nil,
                message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, or `FILE: PATH: error: MESSAGE`, leaving out what is unknown.
    public var description: String {
        var place = file ?? "<input>"
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        if let path, !path.isEmpty { place += ": \(path)" }
        return "\(place): error: \(message)"
    }

    /// The same error attributed to `file` (readers of in-memory text fill in the file name later).
    public func inFile(_ file: String) -> InputError {
        var copy = self
        copy.file = file
        return copy
    }
}
