/// A signed integer for differential tests of `Exact`: a sign and a `ReferenceNatural` magnitude.
///
/// Contract: zero is never negative, so equal values have equal representations. Division
/// truncates like `BigInt`'s (quotient toward zero, remainder with the sign of the dividend);
/// `>>` floors like `BigInt`'s.
struct ReferenceInteger: Hashable {
    let negative: Bool
    let magnitude: ReferenceNatural

    init(negative: Bool, magnitude: ReferenceNatural) {
        self.negative = negative && !magnitude.isZero
        self.magnitude = magnitude
    }

    /// The value v.
    init(_ v: Int64) { self.init(negative: v < 0, magnitude: ReferenceNatural(v.magnitude)) }

    var isZero: Bool { magnitude.isZero }

    static prefix func - (a: ReferenceInteger) -> ReferenceInteger {
        ReferenceInteger(negative: !a.negative, magnitude: a.magnitude)
    }

    /// Same signs add magnitudes; opposite signs subtract the smaller magnitude from the larger
    /// and take the sign of the larger.
    static func + (a: ReferenceInteger, b: ReferenceInteger) -> ReferenceInteger {
        if a.negative == b.negative { return ReferenceInteger(negative: a.negative, magnitude: a.magnitude + b.magnitude) }
        if a.magnitude < b.magnitude { return ReferenceInteger(negative: b.negative, magnitude: b.magnitude - a.magnitude) }
        return ReferenceInteger(negative: a.negative, magnitude: a.magnitude - b.magnitude)
    }

    static func - (a: ReferenceInteger, b: ReferenceInteger) -> ReferenceInteger { a + -b }

    static func * (a: ReferenceInteger, b: ReferenceInteger) -> ReferenceInteger {
        ReferenceInteger(negative: a.negative != b.negative, magnitude: a.magnitude * b.magnitude)
    }

    /// Truncating division of magnitudes, then signs: q < 0 iff the signs differ, r has the sign
    /// of self. - Precondition: d is not zero.
    func quotientAndRemainder(dividingBy d: ReferenceInteger) -> (quotient: ReferenceInteger, remainder: ReferenceInteger) {
        let (q, r) = magnitude.quotientAndRemainder(dividingBy: d.magnitude)
        return (ReferenceInteger(negative: negative != d.negative, magnitude: q),
                ReferenceInteger(negative: negative, magnitude: r))
    }

    /// self * 2^k for k >= 0.
    func shiftedLeft(_ k: Int) -> ReferenceInteger {
        ReferenceInteger(negative: negative, magnitude: magnitude.shiftedLeft(k))
    }

    /// floor(self / 2^k) for k >= 0; for negative values that is -ceil(|self| / 2^k)
    /// = -floor((|self| + 2^k - 1) / 2^k).
    func shiftedRight(_ k: Int) -> ReferenceInteger {
        if !negative { return ReferenceInteger(negative: false, magnitude: magnitude.shiftedRight(k)) }
        let roundedUp = magnitude + ReferenceNatural(1).shiftedLeft(k) - ReferenceNatural(1)
        return ReferenceInteger(negative: true, magnitude: roundedUp.shiftedRight(k))
    }

    /// Optional '-' and the decimal digits of the magnitude.
    var decimal: String { (negative ? "-" : "") + magnitude.decimal }

    /// An optional '-' followed by one or more ASCII digits; nil for anything else.
    init?(decimal text: String) {
        let negative = text.hasPrefix("-")
        guard let m = ReferenceNatural(decimal: String(text.dropFirst(negative ? 1 : 0))) else { return nil }
        self.init(negative: negative, magnitude: m)
    }
}

extension ReferenceInteger: Comparable {
    /// Negative below non-negative; among negatives the larger magnitude is smaller.
    static func < (a: ReferenceInteger, b: ReferenceInteger) -> Bool {
        if a.negative != b.negative { return a.negative }
        return a.negative ? b.magnitude < a.magnitude : a.magnitude < b.magnitude
    }
}
