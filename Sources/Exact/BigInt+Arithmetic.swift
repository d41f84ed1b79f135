extension BigInt {
    /// Adds the signed magnitudes a and b.
    @usableFromInline
    internal static func signedSum(_ a: [UInt64], _ an: Bool, _ b: [UInt64], _ bn: Bool) -> BigInt {
        if an == bn { return BigInt(normalizedLimbs: Magnitude.add(a, b), negative: an) }
        let c = Magnitude.compare(a, b)
        if c == 0 { return BigInt.zero }
        if c > 0 { return BigInt(normalizedLimbs: Magnitude.subtract(a, b), negative: an) }
        return BigInt(normalizedLimbs: Magnitude.subtract(b, a), negative: bn)
    }

    /// The exact sum.
    /// - Complexity: O(max(m, n)).
    public static func + (a: BigInt, b: BigInt) -> BigInt {
        signedSum(a.limbs, a.negative, b.limbs, b.negative)
    }

    /// The exact difference.
    /// - Complexity: O(max(m, n)).
    public static func - (a: BigInt, b: BigInt) -> BigInt {
        signedSum(a.limbs, a.negative, b.limbs, !b.negative)
    }

    /// The exact product.
    public static func * (a: BigInt, b: BigInt) -> BigInt {
        BigInt(normalizedLimbs: Magnitude.product(a.limbs, b.limbs), negative: a.negative != b.negative)
    }

    @inlinable
    public static prefix func - (a: BigInt) -> BigInt {
        BigInt(normalizedLimbs: a.limbs, negative: !a.negative)
    }

    public static func += (a: inout BigInt, b: BigInt) { a = a + b }
    public static func -= (a: inout BigInt, b: BigInt) { a = a - b }
    public static func *= (a: inout BigInt, b: BigInt) { a = a * b }

    /// Truncating division: the quotient rounds toward zero and the remainder has the sign of
    /// `self` (or is zero), with |remainder| < |d| and self == quotient * d + remainder.
    /// - Precondition: `d` is not zero.
    public func quotientAndRemainder(dividingBy d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!d.isZero, "BigInt: division by zero")
        let (q, r) = Magnitude.divide(limbs, by: d.limbs)
        return (BigInt(normalizedLimbs: q, negative: negative != d.negative),
                BigInt(normalizedLimbs: r, negative: negative))
    }

    /// Truncating quotient. - Precondition: `b` is not zero.
    public static func / (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).quotient }
    /// Remainder of truncating division (sign of `a`). - Precondition: `b` is not zero.
    public static func % (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).remainder }
    public static func /= (a: inout BigInt, b: BigInt) { a = a / b }
    public static func %= (a: inout BigInt, b: BigInt) { a = a % b }

    /// self raised to the power e (e >= 0); 0^0 = 1.
    /// - Precondition: e >= 0.
    /// - Complexity: dominated by the last squaring.
    public func power(_ e: Int) -> BigInt {
        precondition(e >= 0, "BigInt.power: negative exponent")
        var result = BigInt(1)
        var base = self
        var k = e
        while k > 0 {
            if k & 1 == 1 { result = result * base }
            k >>= 1
            if k > 0 { base = base * base }
        }
        return result
    }
}
