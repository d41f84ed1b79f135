/// Something inside the construction went wrong that is not the user's fault (a bug): the
/// constructor's own grouping and the verifier's disagree. The message says which.
public struct ConstructionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { "internal error: \(message)" }
}
