import Exact

/// a * b, or nil on overflow.
@inline(__always)
func checkedProduct(_ a: Int, _ b: Int) -> Int? {
    let (r, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : r
}

/// a + b, or nil on overflow.
@inline(__always)
func checkedSum(_ a: Int, _ b: Int) -> Int? {
    let (r, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : r
}

/// numerator / denominator as a Rational; denominator > 0.
func scaledRational(_ numerator: Int, _ denominator: Int) -> Rational {
    precondition(denominator > 0, "scaledRational: denominator must be positive")
    // The denominator is positive, so the division cannot fail.
    return (try? Rational(numerator, denominator)) ?? .zero
}

/// numerator / (a * b) as a Rational, with the product taken exactly; a, b > 0.
func scaledRational(_ numerator: Int, _ a: Int, _ b: Int) -> Rational {
    precondition(a > 0 && b > 0, "scaledRational: denominators must be positive")
    if let q = checkedProduct(a, b) { return scaledRational(numerator, q) }
    // a * b > 0, so the division cannot fail.
    return (try? Rational(BigInt(numerator), BigInt(a) * BigInt(b))) ?? .zero
}

/// The least integer >= max(0, -minimum): a bound B with x + B >= 0 whenever x >= minimum.
func nonNegativeShift(below minimum: Rational) -> Rational {
    minimum.signum >= 0 ? .zero : Rational((-minimum).ceil())
}
