import HardmaxModel
extension JSONValue {
    /// What kind of value this is, for messages: `a number`, `a string "abc"`, `an array`, ...
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let lexeme): return "the number \(NumberText.quoted(lexeme))"
        case .string(let s): return "the string \(NumberText.quoted(s))"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The members, if this is an object.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayElements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
