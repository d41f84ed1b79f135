/// An exact rational number, always in lowest terms with a positive denominator.
@frozen
public struct Rational: Sendable {
    @usableFromInline internal var num: BigInt
    @usableFromInline internal var den: BigInt

    /// Builds from a numerator and a positive denominator already in lowest terms.
    @inlinable
    internal init(reducedNumerator n: BigInt, denominator d: BigInt) {
        num = n
        den = d
    }

    /// The integer v.
    public init(_ v: Int) { self.init(reducedNumerator: BigInt(v), denominator: BigInt(1)) }

    /// The integer v.
    public init(_ v: BigInt) { self.init(reducedNumerator: v, denominator: BigInt(1)) }

    /// numerator / denominator in lowest terms.
    /// - Throws: `ExactError.divisionByZero` when the denominator is zero.
    public init(_ numerator: BigInt, _ denominator: BigInt) throws {
        guard !denominator.isZero else { throw ExactError.divisionByZero }
        self.init(unchecked: numerator, denominator)
    }

    /// numerator / denominator in lowest terms.
    /// - Throws: `ExactError.divisionByZero` when the denominator is zero.
    public init(_ numerator: Int, _ denominator: Int) throws {
        try self.init(BigInt(numerator), BigInt(denominator))
    }

    /// Reduces n/d; d must be nonzero.
    @usableFromInline
    internal init(unchecked n: BigInt, _ d: BigInt) {
        precondition(!d.isZero, "Rational: zero denominator")
        let g = BigInt.gcd(n, d)
        var nn = n, dd = d
        if g != BigInt(1) {
            nn = n / g
            dd = d / g
        }
        if dd.negative {
            nn = -nn
            dd = -dd
        }
        self.init(reducedNumerator: nn, denominator: dd)
    }

    /// The numerator in lowest terms (carries the sign).
    public var numerator: BigInt { num }
    /// The denominator in lowest terms, always > 0.
    public var denominator: BigInt { den }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    /// -1, 0 or 1.
    public var signum: Int { num.signum }
    public var isZero: Bool { num.isZero }
    public var isInteger: Bool { den == BigInt(1) }
    /// max(numerator.bitLength, denominator.bitLength).
    public var bitLength: Int { Swift.max(num.bitLength, den.bitLength) }

    /// Checks lowest terms and positive denominator; traps when broken (tests).
    public func checkInvariants() {
        num.checkInvariants()
        den.checkInvariants()
        precondition(den.signum > 0, "Rational: denominator not positive")
        precondition(BigInt.gcd(num, den) == BigInt(1), "Rational: not in lowest terms")
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: CustomStringConvertible {
    /// "p" for integers, otherwise "p/q", in lowest terms with q > 0.
    public var description: String { isInteger ? num.description : "\(num)/\(den)" }
}

extension Rational: Hashable, Comparable {
    public static func == (a: Rational, b: Rational) -> Bool { a.num == b.num && a.den == b.den }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(num)
        hasher.combine(den)
    }
    public static func < (a: Rational, b: Rational) -> Bool { a.num * b.den < b.num * a.den }
}
