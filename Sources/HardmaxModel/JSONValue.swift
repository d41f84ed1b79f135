/// A JSON value as read from a file, with numbers kept as their exact source text.
///
/// Numbers are never converted to Double: `.number` holds the lexeme exactly as written
/// (e.g. `"6.02e23"`), to be turned into an exact `Rational` by whoever knows what it means.
/// Objects keep their members in source order; duplicate keys are refused by the reader.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's lexeme, exactly as written.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The member named `key`, if this is an object that has one.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
    /// 1-based line and column of the key in the source (0 when built in memory); not part of equality.
    public var line: Int
    public var column: Int

    public init(key: String, value: JSONValue, line: Int = 0, column: Int = 0) {
        self.key = key
        self.value = value
        self.line = line
        self.column = column
    }

    public static func == (a: JSONMember, b: JSONMember) -> Bool { a.key == b.key && a.value == b.value }
}
