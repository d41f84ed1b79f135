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
    /// The fields the object may have (at most 64), in the order messages list them.
    package let allowed: [String]

    package init(what: String, allowed: [String]) {
        precondition(allowed.count <= 64, "JSONFieldRules: at most 64 fields, one bit each in a Seen")
        self.what = what
        self.allowed = allowed
    }

    /// The fields of one object met so far: bit i is set once `allowed[i]` has come.
    package typealias Seen = UInt64

    /// Why a key may not stand where it is.
    package struct Problem: Error, Equatable {
        package let message: String
    }

    /// The index of `key` in `allowed`, noted in `seen`, for the next key of an object whose earlier
    /// keys are `seen`.
    /// - Throws: ``Problem`` when `key` is not allowed, or repeats an earlier key.
    /// - Complexity: O(allowed.count) string comparisons; no allocation unless it throws.
    package func admit(_ key: String, seen: inout Seen) throws(Problem) -> Int {
        guard let index = allowed.firstIndex(of: key) else {
            throw Problem(message: "unknown field \"\(key)\" in \(what) (allowed: "
                              + allowed.joined(separator: ", ") + ")")
        }
        guard seen & (1 << index) == 0 else { throw Problem(message: "duplicate field \"\(key)\" in \(what)") }
        seen |= 1 << index
        return index
    }

    /// The value that should be this object is something else, described by `found`.
    package func notAnObject(found: String) -> String { "expected \(what) (a JSON object), found \(found)" }

    /// The field `key` is required and absent.
    package static func missing(_ key: String) -> String { "missing field \"\(key)\"" }
}
