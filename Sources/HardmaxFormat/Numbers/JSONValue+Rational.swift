import HardmaxModel
import Exact

extension JSONValue {
    /// This value as an exact rational: a JSON number (its lexeme, never via a binary float) or a JSON
    /// string in one of the SPEC.md section 2 forms (`-12`, `-3/4`, `8.3E-4`, `0x1.8p-3`).
    ///
    /// - Parameters:
    ///   - path: the JSON path of this value, for the error (e.g. `layers[0].b1[2]`); evaluated only then.
    ///   - file, line, column: where the value is, when known.
    /// - Throws: ``InputError`` naming the path and quoting the offending text, or saying what kind of
    ///   value was found instead of a number.
    public func rational(path: @autoclosure () -> String, file: String? = nil, line: Int? = nil, column: Int? = nil,
                         limits: NumberLimits = .standard) throws -> Rational {
        let text: String
        switch self {
        case .number(let lexeme): text = lexeme
        case .string(let s): text = s
        default:
            throw InputError(file: file, line: line, column: column, path: path(),
                             message: "expected \(NumberText.expectedNumber), found \(kindDescription)")
        }
        do {
            return try Rational(parsing: text, limits: limits)
        } catch {
            throw InputError(file: file, line: line, column: column, path: path(),
                             message: NumberText.message(for: error, text: text))
        }
    }
}
