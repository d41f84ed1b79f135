import HardmaxModel
/// Strict reading of one parsed JSON object of our formats (the objects of a model file or of a
/// certificate): the object has only the fields its ``JSONFieldRules`` allow, each at most once, and a
/// field is read as one ``JSONType``.
///
/// Errors are ``InputError``s naming the file and the JSON path of the field, with the line and column
/// of its key when the reader recorded them (``JSONMember``); a missing field is reported at the
/// object's path. ``JSONLinesReader`` applies the same ``JSONFieldRules`` to records it scans from bytes.
package struct JSONObjectFields {
    package let path: JSONPath
    package let file: String?
    private let rules: JSONFieldRules
    private let members: [JSONMember]

    /// The object `value`, whose fields must be among `allowed`; `what` names it in messages
    /// (`a model`, `an attention head`).
    /// - Throws: ``InputError`` when `value` is not an object (at `path`), or at its first field that is
    ///   not allowed or repeats an earlier one.
    /// - Complexity: O(m * allowed.count) string comparisons for an object of m fields.
    package init(_ value: JSONValue, path: JSONPath, file: String?, what: String, allowed: [String]) throws {
        rules = JSONFieldRules(what: what, allowed: allowed)
        guard case .object(let members) = value else {
            throw InputError(file: file, path: path.description,
                             message: rules.notAnObject(found: value.kindDescription))
        }
        self.path = path
        self.file = file
        self.members = members
        var seen: JSONFieldRules.Seen = 0
        for member in members {
            do {
                _ = try rules.admit(member.key, seen: &seen)
            } catch let problem {
                throw error(at: member, problem.message)
            }
        }
    }

    /// The same object under narrower rules, once a field already read (a certificate's verdict) has
    /// decided which of its shapes it has.
    /// - Throws: ``InputError`` at the first field outside `allowed`.
    package func narrowed(what: String, allowed: [String]) throws -> JSONObjectFields {
        try JSONObjectFields(.object(members), path: path, file: file, what: what, allowed: allowed)
    }

    package func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    /// The value of the field `key`, or nil when it is absent.
    package func optional(_ key: String) -> JSONValue? { member(key)?.value }

    /// The value of the field `key`.
    /// - Throws: ``InputError`` at this object's path when the field is absent.
    package func required(_ key: String) throws -> JSONValue {
        guard let member = member(key) else { throw missing(key) }
        return member.value
    }

    /// The field `key` as `type`, or nil when it is absent.
    /// - Throws: ``InputError`` at the field when its value is not of `type`.
    package func optional<Value>(_ key: String, _ type: JSONType<Value>) throws -> Value? {
        guard let member = member(key) else { return nil }
        return try type.read(member.value, path: path.key(key).description, file: file, line: member.line,
                             column: member.column)
    }

    /// The field `key` as `type`.
    /// - Throws: ``InputError`` when the field is absent (at this object) or not of `type` (at the field).
    package func required<Value>(_ key: String, _ type: JSONType<Value>) throws -> Value {
        guard let value = try optional(key, type) else { throw missing(key) }
        return value
    }

    /// The field `key`, present, as `type` or null (nil): `expected NAME or null`.
    package func orNull<Value>(_ key: String, _ type: JSONType<Value>) throws -> Value? {
        try required(key, .orNull(type))
    }

    /// An error about the field `key`: at its path, and at its key's line and column when known.
    package func error(_ key: String, _ message: String) -> InputError {
        member(key).map { error(at: $0, message) }
            ?? InputError(file: file, path: path.key(key).description, message: message)
    }

    private func member(_ key: String) -> JSONMember? { members.first { $0.key == key } }

    private func missing(_ key: String) -> InputError {
        InputError(file: file, path: path.description, message: JSONFieldRules.missing(key))
    }

    private func error(at member: JSONMember, _ message: String) -> InputError {
        InputError(file: file, line: member.line > 0 ? member.line : nil,
                   column: member.line > 0 ? member.column : nil, path: path.key(member.key).description,
                   message: message)
    }
}
