extension Rational {
    /// The exact sum, in lowest terms.
    /// - Complexity: O(1) in the small form; otherwise a few gcds and products of the parts.
    @inlinable
    public static func + (x: Rational, y: Rational) -> Rational {
        if let (a, b) = x.smallParts, let (c, d) = y.smallParts, let r = addSmall(a, b, c, d) { return r }
        return addBig(x, y)
    }

    /// The exact difference, in lowest terms.
    @inlinable
    public static func - (x: Rational, y: Rational) -> Rational {
        if let (a, b) = x.smallParts, let (c, d) = y.smallParts, c != Int64.min, let r = addSmall(a, b, -c, d) { return r }
        return addBig(x, -y)
    }

    /// The negation.
    @inlinable
    public static prefix func - (x: Rational) -> Rational {
        Rational(reducedNumerator: -x.num, denominator: x.den)
    }

    /// The exact product, in lowest terms.
    /// - Complexity: O(1) in the small form; otherwise two gcds and two products.
    @inlinable
    public static func * (x: Rational, y: Rational) -> Rational {
        if let (a, b) = x.smallParts, let (c, d) = y.smallParts { return multiplySmall(a, b, c, d) }
        return multiplyBig(x, y)
    }

    @inlinable public static func += (x: inout Rational, y: Rational) { x = x + y }
    @inlinable public static func -= (x: inout Rational, y: Rational) { x = x - y }
    @inlinable public static func *= (x: inout Rational, y: Rational) { x = x * y }

    /// The exact quotient x / y, in lowest terms.
    /// - Throws: `ExactError.divisionByZero` when y is zero.
    @inlinable
    public static func / (x: Rational, y: Rational) throws -> Rational {
        guard !y.isZero else { throw ExactError.divisionByZero }
        return x * y.reciprocal
    }

    /// 1 / self; self must be nonzero.
    @inlinable
    internal var reciprocal: Rational {
        if num.isNegative { return Rational(reducedNumerator: -den, denominator: -num) }
        return Rational(reducedNumerator: den, denominator: num)
    }

    /// self / n.
    /// - Precondition: n != 0.
    @inlinable
    public func divided(by n: Int) -> Rational {
        precondition(n != 0, "Rational.divided(by:): division by zero")
        return self * Rational(reducedNumerator: n < 0 ? BigInt(-1) : BigInt(1), denominator: BigInt(n).magnitude)
    }

    /// x + y through `BigInt` (Knuth, TAOCP vol. 2, 4.5.1).
    @usableFromInline
    internal static func addBig(_ x: Rational, _ y: Rational) -> Rational {
        if x.isZero { return y }
        if y.isZero { return x }
        let (a, b, c, d) = (x.num, x.den, y.num, y.den)
        if b == d {
            return b.isOne ? Rational(a + c) : reducedBig(a + c, b)
        }
        // An integer addend keeps the other denominator and lowest terms.
        if d.isOne { return Rational(reducedNumerator: a + c * b, denominator: b) }
        if b.isOne { return Rational(reducedNumerator: a * d + c, denominator: d) }
        let g1 = BigInt.gcd(b, d)
        if g1.isOne { return Rational(reducedNumerator: a * d + c * b, denominator: b * d) }
        let bg = b.dividedExactly(by: g1)
        let t = a * d.dividedExactly(by: g1) + c * bg
        if t.isZero { return .zero }
        let g2 = BigInt.gcd(t, g1)
        if g2.isOne { return Rational(reducedNumerator: t, denominator: bg * d) }
        return Rational(reducedNumerator: t.dividedExactly(by: g2), denominator: bg * d.dividedExactly(by: g2))
    }

    /// x * y through `BigInt`: cancel gcd(a, d) and gcd(c, b) first.
    @usableFromInline
    internal static func multiplyBig(_ x: Rational, _ y: Rational) -> Rational {
        if x.isZero || y.isZero { return .zero }
        var (a, b, c, d) = (x.num, x.den, y.num, y.den)
        if !d.isOne {
            let g1 = BigInt.gcd(a, d)
            if !g1.isOne { a = a.dividedExactly(by: g1); d = d.dividedExactly(by: g1) }
        }
        if !b.isOne {
            let g2 = BigInt.gcd(c, b)
            if !g2.isOne { c = c.dividedExactly(by: g2); b = b.dividedExactly(by: g2) }
        }
        return Rational(reducedNumerator: a * c, denominator: b * d)
    }
}

extension BigInt {
    /// True for the value 1.
    @inlinable internal var isOne: Bool { heap == nil && word == 1 }
}
