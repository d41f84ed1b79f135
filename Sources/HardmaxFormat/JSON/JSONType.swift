import HardmaxModel
import Exact

/// A type that a field or array element of one of our formats must have, and the words that name it
/// in errors: `expected NAME, found the number 3`. Each type is defined once, here or (for a rule of
/// one format) where that format is read, and every reader of parsed JSON uses it: ``JSONObjectFields``
/// for fields, ``read(_:path:file:line:column:)`` for elements.
package struct JSONType<Value>: Sendable {
    /// How messages name the type: `a string`, `true or false`, `"none" or "index"`.
    package let name: String
    /// The value as this type; nil when it is of another kind (the error then says what was expected
    /// and what was found). When the kind is right but the content is refused it throws an
    /// ``InputError`` whose path, if any, is relative to the value (`[2]` for an array element);
    /// ``read(_:path:file:line:column:)`` places it.
    private let cast: @Sendable (JSONValue) throws -> Value?

    package init(_ name: String, cast: @escaping @Sendable (JSONValue) throws -> Value?) {
        self.name = name
        self.cast = cast
    }

    /// `value` as this type.
    /// - Throws: ``InputError`` in `file` at `path` (extended by the element's index when an element of
    ///   an array is wrong), and at `line` and `column` when they are known (> 0; ``JSONMember`` has 0
    ///   for values built in memory). `path` is evaluated only then.
    package func read(_ value: JSONValue, path: @autoclosure () -> String, file: String?, line: Int = 0,
                      column: Int = 0) throws -> Value {
        do {
            guard let result = try cast(value) else {
                throw InputError(message: "expected \(name), found \(value.kindDescription)")
            }
            return result
        } catch var e as InputError {
            e.file = file
            e.path = path() + (e.path ?? "")
            e.line = line > 0 ? line : nil
            e.column = line > 0 ? column : nil
            throw e
        }
    }

    /// `type`, or null (read as nil): `expected NAME or null`.
    package static func orNull<Wrapped>(_ type: JSONType<Wrapped>) -> JSONType<Wrapped?> where Value == Wrapped? {
        JSONType<Wrapped?>(type.name + " or null") { value in
            if case .null = value { return .some(nil) }
            return try type.cast(value).map { .some($0) }
        }
    }
}

extension JSONType where Value == String {
    package static var string: JSONType<String> { JSONType("a string") { $0.stringValue } }

    /// A string that messages call `NOUN (a string)`, such as `a class name (a string)`.
    package static func string(as noun: String) -> JSONType<String> {
        JSONType(noun + " (a string)") { $0.stringValue }
    }

    /// One of the strings `words`: `expected "hardmax" or "softmax", found the string "max"`.
    package static func choice(_ words: [String]) -> JSONType<String> {
        JSONType(quoted(words)) { value in value.stringValue.flatMap { words.contains($0) ? $0 : nil } }
    }
}

extension JSONType where Value: RawRepresentable & Equatable & Sendable, Value.RawValue == String {
    /// One of `cases`, written as its raw value: `expected "mean" or "first", found the string "max"`.
    package static func choice(_ cases: [Value]) -> JSONType<Value> {
        JSONType(quoted(cases.map(\.rawValue))) { value in
            value.stringValue.flatMap(Value.init(rawValue:)).flatMap { cases.contains($0) ? $0 : nil }
        }
    }
}

/// `"a" or "b" or "c"`.
private func quoted(_ words: [String]) -> String { words.map { "\"\($0)\"" }.joined(separator: " or ") }

extension JSONType where Value == Bool {
    package static var bool: JSONType<Bool> {
        JSONType("true or false") { value in
            if case .bool(let b) = value { return b }
            return nil
        }
    }
}

extension JSONType where Value == Int {
    /// A JSON number written with digits only (no sign, fraction or exponent) that fits in Int.
    package static var count: JSONType<Int> {
        JSONType("a non-negative integer") { value in
            guard case .number(let lexeme) = value, !lexeme.isEmpty,
                  lexeme.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            return Int(lexeme)  // digits only, so this converts and never guesses; nil beyond Int
        }
    }
}

extension JSONType where Value == [JSONValue] {
    package static var array: JSONType<[JSONValue]> { JSONType("an array") { $0.arrayElements } }

    /// An array that messages call `an array of NOUN`, such as `an array of layers`.
    package static func array(of noun: String) -> JSONType<[JSONValue]> {
        JSONType("an array of \(noun)") { $0.arrayElements }
    }
}

extension JSONType {
    /// An array whose elements are each of type `element`; an error in an element names its index.
    package static func array<Element>(of element: JSONType<Element>) -> JSONType<[Element]>
        where Value == [Element] {
        JSONType<[Element]>("an array") { value in
            try value.arrayElements?.enumerated().map { try element.read($1, path: "[\($0)]", file: nil) }
        }
    }
}

extension JSONType where Value == JSONValue {
    /// Any object, kept as it is.
    package static var object: JSONType<JSONValue> { JSONType("an object") { $0.objectMembers == nil ? nil : $0 } }
}

extension JSONType where Value == Rational {
    /// A number in any spelling of SPEC.md section 2, as a JSON number or string, read under `limits`.
    package static func rational(limits: NumberLimits) -> JSONType<Rational> {
        JSONType(NumberText.expectedNumber) { value in
            switch value {
            case .number, .string: return try value.rational(path: "", limits: limits)
            default: return nil
            }
        }
    }

    /// A number written the one way our output writes it (SPEC.md section 5): a JSON string `p` or `p/q`
    /// in lowest terms with q > 1. Another spelling of the same value (`2/4`, `0.5`, `+1`, `-0`) is
    /// refused, so that a file has one text for its content.
    package static func canonicalRational(limits: NumberLimits) -> JSONType<Rational> {
        JSONType("a number as a string (such as \"1/2\")") { value in
            guard case .string(let text) = value else { return nil }
            let r = try value.rational(path: "", limits: limits)
            guard text == r.description else {
                throw InputError(message: "expected the number written as \"\(r.description)\" (p or p/q in lowest "
                                     + "terms), found \"\(text)\"")
            }
            return r
        }
    }
}
