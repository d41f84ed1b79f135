/// A rational for differential tests of `Exact.Rational`: numerator / denominator in lowest
/// terms with denominator > 0, reduced by the reference gcd. Operations follow the textbook
/// definitions (a/b + c/d = (ad + cb)/(bd), ...) and reduce at the end.
struct ReferenceRational: Hashable {
    let numerator: ReferenceInteger
    let denominator: ReferenceNatural

    /// n / d in lowest terms. - Precondition: d is not zero.
    init(_ n: ReferenceInteger, _ d: ReferenceInteger) {
        precondition(!d.isZero, "ReferenceRational: zero denominator")
        let g = ReferenceNatural.gcd(n.magnitude, d.magnitude)
        numerator = ReferenceInteger(negative: n.negative != d.negative,
                                     magnitude: n.magnitude.quotientAndRemainder(dividingBy: g).quotient)
        denominator = d.magnitude.quotientAndRemainder(dividingBy: g).quotient
    }

    private var den: ReferenceInteger { ReferenceInteger(negative: false, magnitude: denominator) }

    static func + (x: ReferenceRational, y: ReferenceRational) -> ReferenceRational {
        ReferenceRational(x.numerator * y.den + y.numerator * x.den, x.den * y.den)
    }

    static func - (x: ReferenceRational, y: ReferenceRational) -> ReferenceRational {
        ReferenceRational(x.numerator * y.den - y.numerator * x.den, x.den * y.den)
    }

    static func * (x: ReferenceRational, y: ReferenceRational) -> ReferenceRational {
        ReferenceRational(x.numerator * y.numerator, x.den * y.den)
    }

    /// x / y. - Precondition: y is not zero.
    static func / (x: ReferenceRational, y: ReferenceRational) -> ReferenceRational {
        ReferenceRational(x.numerator * y.den, x.den * y.numerator)
    }

    /// a/b < c/d iff a d < c b (b, d > 0).
    static func < (x: ReferenceRational, y: ReferenceRational) -> Bool {
        x.numerator * y.den < y.numerator * x.den
    }
}
