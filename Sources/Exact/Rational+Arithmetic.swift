extension Rational {
    public static func + (a: Rational, b: Rational) -> Rational {
        Rational(unchecked: a.num * b.den + b.num * a.den, a.den * b.den)
    }
    public static func - (a: Rational, b: Rational) -> Rational {
        Rational(unchecked: a.num * b.den - b.num * a.den, a.den * b.den)
    }
    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(unchecked: a.num * b.num, a.den * b.den)
    }
    public static prefix func - (a: Rational) -> Rational {
        Rational(reducedNumerator: -a.num, denominator: a.den)
    }
    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
    public static func *= (a: inout Rational, b: Rational) { a = a * b }

    /// a / b. - Throws: `ExactError.divisionByZero` when b is zero.
    public static func / (a: Rational, b: Rational) throws -> Rational {
        guard !b.isZero else { throw ExactError.divisionByZero }
        return Rational(unchecked: a.num * b.den, a.den * b.num)
    }

    /// self / n. - Precondition: n != 0.
    public func divided(by n: Int) -> Rational {
        precondition(n != 0, "Rational.divided(by:): division by zero")
        return Rational(unchecked: num, den * BigInt(n))
    }

    /// max(self, 0).
    public var relu: Rational { num.negative ? .zero : self }

    /// The largest integer <= self.
    public func floor() -> BigInt {
        let (q, r) = num.quotientAndRemainder(dividingBy: den)
        return r.negative ? q - BigInt(1) : q
    }

    /// The smallest integer >= self.
    public func ceil() -> BigInt {
        let (q, r) = num.quotientAndRemainder(dividingBy: den)
        return (!r.isZero && !r.negative) ? q + BigInt(1) : q
    }
}
