/// Number text that is not one of the forms of SPEC section 2, or exceeds a `NumberLimits` bound.
public struct NumberSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based UTF-8 offset in the text where the problem is.
    public var offset: Int
    /// What was expected or what is wrong, e.g. "expected a digit after 'e'".
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "at offset \(offset): \(message)" }
}
