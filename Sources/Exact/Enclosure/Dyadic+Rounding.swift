/// The direction of a rounding on the real line: `down` toward -infinity (floor), `up` toward
/// +infinity (ceiling). Outward rounding of an interval rounds its lower end down and its upper
/// end up.
public enum RoundingDirection: Sendable, Hashable {
    case down, up
}

/// Rounding to p significant bits. Every result r satisfies r <= exact value (`down`) or
/// r >= exact value (`up`), is the nearest such dyadic with a mantissa of at most p bits (the
/// correctly rounded result, except `sum`, see there), and equals the exact value whenever that
/// fits in p bits.
extension Dyadic {
    /// self rounded to at most p significant bits. Exact when the mantissa has <= p bits.
    /// - Precondition: p >= 1.
    /// - Complexity: O(limbs).
    public func rounded(toBits p: Int, _ direction: RoundingDirection) -> Dyadic {
        if mantissa.bitLength <= p { return self }
        return Dyadic.rounding(mantissa, exponent: exponent, bits: p, direction)
    }

    /// The rational q rounded to at most p significant bits.
    /// - Precondition: p >= 1.
    /// - Complexity: one shift for a power-of-two denominator, else one division of
    ///   (p + bits of q)-bit numbers.
    public init(_ q: Rational, bits p: Int, _ direction: RoundingDirection) {
        if let d = Dyadic(exactly: q) {
            self = d.rounded(toBits: p, direction)
        } else {
            self = Dyadic.roundedQuotient(q.numerator, q.denominator, exponent: 0, bits: p, direction)
        }
    }

    /// True when rounding the magnitude up gives `direction` for a value of sign `negative`.
    @inlinable @inline(__always)
    internal static func roundsMagnitudeUp(negative: Bool, _ direction: RoundingDirection) -> Bool {
        (direction == .up) != negative
    }

    /// m * 2^e (any m, not necessarily odd) rounded to at most p bits.
    @usableFromInline
    internal static func rounding(_ m: BigInt, exponent e: Int, bits p: Int,
                                  _ direction: RoundingDirection) -> Dyadic {
        precondition(p >= 1, "Dyadic: precision below one bit")
        let b = m.bitLength
        if b <= p { return Dyadic(mantissa: m, exponent: e) }
        let k = b - p
        let negative = m.signum < 0
        var q = m.magnitude >> k
        if roundsMagnitudeUp(negative: negative, direction) && m.trailingZeroBitCount < k { q += BigInt(1) }
        return Dyadic(mantissa: negative ? -q : q, exponent: e + k)
    }

    /// (n / d) * 2^e rounded to at most p bits; d > 0.
    /// - Complexity: one division of a (p + bits(d))-bit number by d (or of n by a shifted d).
    @usableFromInline
    internal static func roundedQuotient(_ n: BigInt, _ d: BigInt, exponent e: Int, bits p: Int,
                                         _ direction: RoundingDirection) -> Dyadic {
        precondition(d.signum > 0, "Dyadic: quotient with a denominator <= 0")
        if n.isZero { return .zero }
        // n / d lies in (2^(bn-bd-1), 2^(bn-bd+1)); shifting by s gives a quotient of p or p+1 bits.
        let s = p - n.bitLength + d.bitLength
        let negative = n.signum < 0
        let a = s >= 0 ? n.magnitude << s : n.magnitude
        let b = s >= 0 ? d : d << (-s)
        var (q, r) = a.quotientAndRemainder(dividingBy: b)
        if !r.isZero && roundsMagnitudeUp(negative: negative, direction) { q += BigInt(1) }
        // Rounding a floor (ceiling) again is the floor (ceiling) of the exact value.
        return rounding(negative ? -q : q, exponent: e - s, bits: p, direction)
    }

    /// floor (`down`) or ceiling (`up`) of m / 2^k, for k >= 0.
    @inlinable
    internal static func shifted(_ m: BigInt, right k: Int, _ direction: RoundingDirection) -> BigInt {
        direction == .down ? m >> k : -((-m) >> k)
    }

    /// a + b rounded to at most p bits in the given direction.
    ///
    /// Bounded size: with t = max(top(a), top(b)) and n = max(p, bits of either mantissa), an
    /// operand's bits below 2^(t-n-64) are first rounded in the same direction onto that grid, so
    /// the sum costs O(n) bits whatever the exponent gap. The result is then still a bound in the
    /// right direction, at most 2^(t-n-63) plus one unit in the p-th bit away from the exact sum,
    /// and correctly rounded whenever neither operand has bits below the grid (always, when the
    /// operands' exponents differ by less than 64 bits plus the longer mantissa).
    /// - Complexity: O(n) bits.
    public static func sum(_ a: Dyadic, _ b: Dyadic, bits p: Int, _ direction: RoundingDirection) -> Dyadic {
        if a.isZero { return b.rounded(toBits: p, direction) }
        if b.isZero { return a.rounded(toBits: p, direction) }
        let n = Swift.max(p, a.mantissa.bitLength, b.mantissa.bitLength)
        let grid = Swift.max(a.top, b.top) - n - 64
        var (ma, ea, mb, eb) = (a.mantissa, a.exponent, b.mantissa, b.exponent)
        if ea < grid { ma = shifted(ma, right: grid - ea, direction); ea = grid }
        if eb < grid { mb = shifted(mb, right: grid - eb, direction); eb = grid }
        let e = Swift.min(ea, eb)
        return rounding((ma << (ea - e)) + (mb << (eb - e)), exponent: e, bits: p, direction)
    }

    /// a * b rounded to at most p bits (correctly rounded).
    /// - Complexity: one `BigInt` product of the mantissas.
    public static func product(_ a: Dyadic, _ b: Dyadic, bits p: Int, _ direction: RoundingDirection) -> Dyadic {
        if a.isZero || b.isZero { return .zero }
        return rounding(a.mantissa * b.mantissa, exponent: a.exponent + b.exponent, bits: p, direction)
    }

    /// a / b rounded to at most p bits (correctly rounded).
    /// - Precondition: b != 0.
    /// - Complexity: one division of a (p + bits(b))-bit number.
    public static func quotient(_ a: Dyadic, _ b: Dyadic, bits p: Int, _ direction: RoundingDirection) -> Dyadic {
        precondition(!b.isZero, "Dyadic: division by zero")
        let n = b.signum < 0 ? -a.mantissa : a.mantissa
        return roundedQuotient(n, b.mantissa.magnitude, exponent: a.exponent - b.exponent, bits: p, direction)
    }

    /// a * q rounded to at most p bits (correctly rounded): one product when q is dyadic (a float's
    /// value, for instance), else one division by q's denominator.
    public static func product(_ a: Dyadic, _ q: Rational, bits p: Int, _ direction: RoundingDirection) -> Dyadic {
        if let d = Dyadic(exactly: q) { return product(a, d, bits: p, direction) }
        return roundedQuotient(a.mantissa * q.numerator, q.denominator, exponent: a.exponent, bits: p, direction)
    }

    /// q / b rounded to at most p bits (correctly rounded).
    /// - Precondition: b != 0.
    public static func quotient(_ q: Rational, _ b: Dyadic, bits p: Int, _ direction: RoundingDirection) -> Dyadic {
        precondition(!b.isZero, "Dyadic: division by zero")
        let n = b.signum < 0 ? -q.numerator : q.numerator
        return roundedQuotient(n, q.denominator * b.mantissa.magnitude, exponent: -b.exponent, bits: p, direction)
    }
}
