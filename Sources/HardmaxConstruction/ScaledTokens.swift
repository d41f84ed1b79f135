import Exact

/// The distinct tokens P over one common denominator D: coordinate c of token p is
/// `numerators[p * width + c] / denominator`, all in machine integers.
///
/// This is an exact representation, not an approximation: it exists only when D and every numerator
/// fit in an `Int`. Steps B and C then run on integers (sums checked for overflow; on overflow the
/// caller falls back to `Rational`). Real data (decimals, eighths) always has one.
struct ScaledTokens: Sendable {
    let denominator: Int
    let width: Int
    let numerators: [Int]

    @inline(__always)
    func numerator(_ p: Int, _ c: Int) -> Int { numerators[p * width + c] }
}

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
