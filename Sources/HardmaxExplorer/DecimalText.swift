import Exact

/// Exact rationals as decimal text with a fixed number of digits, by integer arithmetic only (no
/// binary float is involved, even for drawing).
public enum DecimalText {
    /// `r` rounded to `digits` digits after the point, half away from zero: `fixed(2/3, digits: 3)` is
    /// `"0.667"`, `fixed(-1/8, digits: 2)` is `"-0.13"`, `fixed(5, digits: 0)` is `"5"`. Never `"-0"`:
    /// a value that rounds to zero is written without a sign.
    /// - Precondition: digits >= 0.
    /// - Complexity: one division of numerator * 10^digits by the denominator.
    public static func fixed(_ r: Rational, digits: Int) -> String {
        precondition(digits >= 0, "DecimalText.fixed: digits must be >= 0")
        let scale = BigInt(10).power(digits)
        let (quotient, remainder) = (r.numerator.magnitude * scale).quotientAndRemainder(dividingBy: r.denominator)
        var rounded = quotient
        if remainder + remainder >= r.denominator { rounded += BigInt(1) }
        var text = rounded.description
        if digits > 0 {
            if text.count <= digits { text = String(repeating: "0", count: digits + 1 - text.count) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
        }
        return (r.signum < 0 && !rounded.isZero ? "-" : "") + text
    }

    /// Like ``fixed(_:digits:)`` but without trailing zeros after the point (and without a trailing
    /// point): `compact(1/2, digits: 3)` is `"0.5"`, `compact(2, digits: 3)` is `"2"`.
    public static func compact(_ r: Rational, digits: Int) -> String {
        var text = fixed(r, digits: digits)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
