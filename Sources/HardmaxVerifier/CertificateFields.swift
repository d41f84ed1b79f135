import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// Strict reading of one JSON object of a certificate: every field is expected by name, each has one
/// type, and a field nobody asked for is an error. Errors are `InputError`s naming the JSON path (and
/// the line and column of the field when the reader recorded it).
struct CertificateFields {
    let path: JSONPath
    let file: String?
    /// Limits for the numbers (margins): by default those under which every number within 2^20 bits
    /// that the tool writes reads back.
    var limits = InputLimits.standard.numbers
    private let members: [JSONMember]
    private var taken: Set<String> = []

    init(_ value: JSONValue, path: JSONPath, file: String?) throws {
        guard case .object(let members) = value else {
            throw InputError(file: file, path: path.description, message: "expected an object, found \(value.kindDescription)")
        }
        self.path = path
        self.file = file
        self.members = members
    }

    /// The field `key`, or nil when absent.
    mutating func optional(_ key: String) -> JSONMember? {
        taken.insert(key)
        return members.first { $0.key == key }
    }

    /// The field `key`. - Throws: when absent.
    mutating func required(_ key: String) throws -> JSONMember {
        guard let m = optional(key) else {
            throw InputError(file: file, path: path.description, message: "missing field \"\(key)\"")
        }
        return m
    }

    /// Refuses any field not asked for.
    func finish() throws {
        if let extra = members.first(where: { !taken.contains($0.key) }) {
            throw error(extra, "unknown field \"\(extra.key)\"")
        }
    }

    func error(_ m: JSONMember, _ message: String) -> InputError {
        InputError(file: file, line: m.line > 0 ? m.line : nil, column: m.line > 0 ? m.column : nil,
                   path: path.key(m.key).description, message: message)
    }

    // Typed fields.

    mutating func string(_ key: String) throws -> String {
        let m = try required(key)
        return try CertificateFields.string(m.value, path: path.key(key), file: file, at: m)
    }

    mutating func optionalString(_ key: String) throws -> String? {
        guard let m = optional(key) else { return nil }
        return try CertificateFields.string(m.value, path: path.key(key), file: file, at: m)
    }

    mutating func stringOrNull(_ key: String) throws -> String? {
        let m = try required(key)
        if case .null = m.value { return nil }
        return try CertificateFields.string(m.value, path: path.key(key), file: file, at: m)
    }

    mutating func count(_ key: String) throws -> Int {
        let m = try required(key)
        return try CertificateFields.count(m.value, path: path.key(key), file: file, at: m)
    }

    mutating func bool(_ key: String) throws -> Bool {
        let m = try required(key)
        guard case .bool(let b) = m.value else { throw error(m, "expected true or false, found \(m.value.kindDescription)") }
        return b
    }

    /// A rational written as a string (`p` or `p/q`), or null.
    mutating func rationalOrNull(_ key: String) throws -> Rational? {
        let m = try required(key)
        if case .null = m.value { return nil }
        guard case .string(let text) = m.value else {
            throw error(m, "expected a number as a string (such as \"1/2\") or null, found \(m.value.kindDescription)")
        }
        let r = try m.value.rational(path: path.key(key).description, file: file,
                                     line: m.line > 0 ? m.line : nil, column: m.line > 0 ? m.column : nil,
                                     limits: limits)
        try Self.requireCanonical(text, r) { self.error(m, $0) }
        return r
    }

    /// A certificate writes every number as SPEC section 2's output does: `p` or `p/q` in lowest terms,
    /// q > 0. Another spelling of the same value (`2/4`, `0.5`, `+1`) is refused, so that a certificate
    /// has one text for its content.
    static func requireCanonical(_ text: String, _ r: Rational, _ error: (String) -> InputError) throws {
        guard text == r.description else {
            throw error("expected the number written as \"\(r.description)\" (p or p/q in lowest terms), found \"\(text)\"")
        }
    }

    mutating func array(_ key: String) throws -> [JSONValue] {
        let m = try required(key)
        guard case .array(let a) = m.value else { throw error(m, "expected an array, found \(m.value.kindDescription)") }
        return a
    }

    // Values without a member (array elements).

    static func string(_ v: JSONValue, path: JSONPath, file: String?, at m: JSONMember? = nil) throws -> String {
        guard case .string(let s) = v else {
            throw located(InputError(file: file, path: path.description, message: "expected a string, found \(v.kindDescription)"), m)
        }
        return s
    }

    /// A non-negative JSON integer that fits in Int.
    static func count(_ v: JSONValue, path: JSONPath, file: String?, at m: JSONMember? = nil) throws -> Int {
        guard case .number(let lexeme) = v, !lexeme.isEmpty, lexeme.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let n = Int(lexeme) else {
            throw located(InputError(file: file, path: path.description,
                                     message: "expected a non-negative integer, found \(v.kindDescription)"), m)
        }
        return n
    }

    private static func located(_ e: InputError, _ m: JSONMember?) -> InputError {
        guard let m, m.line > 0 else { return e }
        var copy = e
        copy.line = m.line
        copy.column = m.column
        return copy
    }
}
