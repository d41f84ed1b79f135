import HardmaxModel
/// The members of a JSON object that must have only known fields: the model reader's view of one
/// object, with errors that name the JSON path.
struct ObjectFields {
    let members: [JSONMember]
    let path: JSONPath
    let file: String?

    /// - Throws: ``InputError`` when `value` is not an object, or has a field outside `allowed` or a
    ///   repeated field.
    init(_ value: JSONValue, path: JSONPath, file: String?, what: String, allowed: [String]) throws {
        guard let members = value.objectMembers else {
            throw InputError(file: file, path: path.description,
                             message: "expected \(what) (a JSON object), found \(value.kindDescription)")
        }
        for (i, member) in members.enumerated() {
            if !allowed.contains(member.key) {
                throw InputError(file: file, path: path.key(member.key).description,
                                 message: "unknown field \"\(member.key)\" in \(what) (allowed: "
                                     + allowed.joined(separator: ", ") + ")")
            }
            if members[..<i].contains(where: { $0.key == member.key }) {
                throw InputError(file: file, path: path.key(member.key).description,
                                 message: "duplicate field \"\(member.key)\" in \(what)")
            }
        }
        self.members = members
        self.path = path
        self.file = file
    }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    func optional(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    /// - Throws: ``InputError`` at this object's path when the field is missing.
    func required(_ key: String) throws -> JSONValue {
        guard let value = optional(key) else {
            throw InputError(file: file, path: path.description, message: "missing field \"\(key)\"")
        }
        return value
    }

    /// A string field that must be one of `options`; `defaultValue` when absent (nil: required).
    func choice(_ key: String, _ options: [String], default defaultValue: String?) throws -> String {
        guard let value = optional(key) else {
            if let defaultValue { return defaultValue }
            _ = try required(key)
            return ""
        }
        guard let text = value.stringValue, options.contains(text) else {
            throw InputError(file: file, path: path.key(key).description,
                             message: "expected " + options.map { "\"\($0)\"" }.joined(separator: " or ")
                                 + ", found \(value.kindDescription)")
        }
        return text
    }
}
