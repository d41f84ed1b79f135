/// Errors of exact arithmetic that a user can cause (for example through a model file).
public enum ExactError: Error, Sendable, Equatable {
    /// A division whose divisor is zero.
    case divisionByZero
}
