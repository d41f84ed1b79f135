/// Why an enclosure operation has no result. Each is a property of the real values involved
/// (a user can cause it through a model), so it is a thrown error, never a trap.
public enum EnclosureError: Error, Sendable, Equatable {
    /// A division whose divisor's enclosure contains 0 (also the exact point 0).
    case divisorContainsZero
    /// A square root of an enclosure reaching below 0.
    case negativeSquareRoot
    /// exp of an argument whose upper end is 2^40 or more: the result would need a binary
    /// exponent beyond 2^40 (see `Enclosure.exp(precision:)`).
    case exponentialOverflow
}
