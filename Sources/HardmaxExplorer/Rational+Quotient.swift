import Exact

/// a / b for a divisor known to be non-zero (spans, sizes and steps that are positive by construction).
/// - Precondition: b != 0 (a programmer error, never user input).
func exactQuotient(_ a: Rational, _ b: Rational) -> Rational {
    precondition(!b.isZero, "exactQuotient: zero divisor")
    // b != 0 was just checked, so the division does not throw.
    return (try? a / b) ?? .zero
}
