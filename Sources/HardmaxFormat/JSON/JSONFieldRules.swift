import HardmaxModel
/// The fields one kind of JSON object may have, and the one wording of what is wrong with its keys:
/// a field that is not allowed (listing those that are), a repeated field, a missing field.
///
/// Every strict object reader states its rules here: ``JSONObjectFields`` applies them to a parsed
/// object (model files, certificates), and ``JSONLinesReader`` to the keys it scans straight from the
/// bytes of a record, without building a ``JSONValue``. Where the error is (path, line and column) is
/// the reader's to say; what it says is decided here.
package struct JSONFieldRules: Sendable {
    /// What the object is, for messages: `a model`, `a record`.
    package let what: String
    /// The fields the object may have, in the order messages list them.
    package let allowed: [String]

    package init(what: String, allowed: [String]) {
        self.what = what
        self.allowed = allowed
    }

    /// What is wrong with `key` coming after the keys `earlier` of the same object: it is not allowed,
    /// or it repeats one of them; nil when it may stand there.
    /// - Complexity: O(allowed.count + earlier.count) string comparisons.
    package func problem(with key: String, after earlier: some Sequence<String>) -> String? {
        guard allowed.contains(key) else {
            return "unknown field \"\(key)\" in \(what) (allowed: " + allowed.joined(separator: ", ") + ")"
        }
        if earlier.contains(key) { return "duplicate field \"\(key)\" in \(what)" }
        return nil
    }

    /// The value that should be this object is something else, described by `found`.
    package func notAnObject(found: String) -> String { "expected \(what) (a JSON object), found \(found)" }

    /// The field `key` is required and absent.
    package static func missing(_ key: String) -> String { "missing field \"\(key)\"" }
}
