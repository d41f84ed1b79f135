/// Multiply-accumulate without normalising after every term.
///
/// Keeps an unreduced numerator over a running common denominator (the lcm of the term
/// denominators seen so far) and reduces once, when `value` is read. Terms whose denominator
/// divides the running one cost a product and an addition; no gcd per term.
public struct DotAccumulator: Sendable {
    /// Unreduced sum numerator over `commonDenominator`.
    @usableFromInline internal var sum: BigInt
    /// A positive common multiple of all term denominators (their lcm).
    @usableFromInline internal var commonDenominator: BigInt

    /// An empty sum (value 0).
    public init() {
        sum = BigInt(0)
        commonDenominator = BigInt(1)
    }

    /// Adds x.
    @inlinable
    public mutating func add(_ x: Rational) {
        addFraction(x.num, x.den)
    }

    /// Adds a * b.
    @inlinable
    public mutating func add(_ a: Rational, times b: Rational) {
        if a.isZero || b.isZero { return }
        addFraction(a.num * b.num, a.den * b.den)
    }

    /// Adds n / d (d > 0, not necessarily reduced).
    @usableFromInline
    internal mutating func addFraction(_ n: BigInt, _ d: BigInt) {
        if n.isZero { return }
        if d == commonDenominator {
            sum += n
            return
        }
        let (q, r) = commonDenominator.quotientAndRemainder(dividingBy: d)
        if r.isZero {
            sum += n * q
            return
        }
        let g = BigInt.gcd(commonDenominator, d)
        let dg = d.dividedExactly(by: g)
        sum = sum * dg + n * commonDenominator.dividedExactly(by: g)
        commonDenominator = commonDenominator * dg
    }

    /// The exact sum so far, in lowest terms.
    public var value: Rational {
        Rational(unchecked: sum, commonDenominator)
    }
}
