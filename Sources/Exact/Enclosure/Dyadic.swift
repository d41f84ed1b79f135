/// A dyadic rational m * 2^e: a `BigInt` mantissa times a power of two with an `Int` exponent.
///
/// The endpoints of an `Enclosure` interval. Every value has one representation (invariant,
/// `checkInvariants()`): the mantissa is odd, or it is zero and then the exponent is 0. Equal
/// values therefore compare and hash equal by their fields.
///
/// Exponents: `exp` refuses arguments of 2^40 or more, so its results have |e| below about
/// 1.45 * 2^40; exponents then only add up through products, and an `Int` overflow (which would
/// trap, never give a wrong value) needs some 2^22 chained products of such extremes.
///
/// The exact operations (`+`, `-`, `*`, `rational`) cost O(exponent gap) bits and are meant
/// for tests and small values; enclosure arithmetic uses the rounded forms of
/// `Dyadic+Rounding.swift`, whose sizes are bounded by the precision.
@frozen
public struct Dyadic: Sendable, Hashable {
    /// m: odd, or zero.
    public let mantissa: BigInt
    /// e: 0 when the mantissa is zero.
    public let exponent: Int

    /// A representation already canonical (m odd, or m = 0 and e = 0).
    @inlinable @inline(__always)
    internal init(canonicalMantissa m: BigInt, exponent e: Int) {
        mantissa = m
        exponent = e
    }

    /// The value m * 2^e, normalised (trailing zero bits of m move into the exponent).
    /// - Complexity: O(limbs of m).
    @inlinable
    public init(mantissa m: BigInt, exponent e: Int) {
        if m.isZero {
            self.init(canonicalMantissa: m, exponent: 0)
            return
        }
        let z = m.trailingZeroBitCount
        self.init(canonicalMantissa: z == 0 ? m : m >> z, exponent: e + z)
    }

    /// The integer v.
    @inlinable
    public init(_ v: Int) { self.init(mantissa: BigInt(v), exponent: 0) }

    /// The value of q when its denominator is a power of two, else nil.
    public init?(exactly q: Rational) {
        let d = q.denominator
        let z = d.trailingZeroBitCount
        guard d.bitLength == z + 1 else { return nil }
        // In lowest terms an even denominator leaves an odd numerator; an integer may be even.
        if z == 0 {
            self.init(mantissa: q.numerator, exponent: 0)
        } else {
            self.init(canonicalMantissa: q.numerator, exponent: -z)
        }
    }

    public static let zero = Dyadic(0)
    public static let one = Dyadic(1)

    /// -1, 0 or 1.
    @inlinable public var signum: Int { mantissa.signum }
    @inlinable public var isZero: Bool { mantissa.isZero }

    /// The least t with |self| < 2^t, so |self| >= 2^(t-1); Int.min for zero.
    /// - Complexity: O(1).
    @inlinable
    public var top: Int { mantissa.isZero ? Int.min : exponent + mantissa.bitLength }

    /// The exact value as a rational.
    /// - Complexity: O(|e|) bits: the power of two is written out.
    public var rational: Rational {
        if exponent >= 0 { return Rational(mantissa << exponent) }
        return Rational(reducedNumerator: mantissa, denominator: BigInt(1) << (-exponent))
    }

    /// The negation (exact).
    @inlinable
    public static prefix func - (a: Dyadic) -> Dyadic {
        Dyadic(canonicalMantissa: -a.mantissa, exponent: a.exponent)
    }

    /// The exact sum. - Complexity: O(bits of the operands + exponent gap).
    public static func + (a: Dyadic, b: Dyadic) -> Dyadic {
        if a.isZero { return b }
        if b.isZero { return a }
        let e = Swift.min(a.exponent, b.exponent)
        return Dyadic(mantissa: (a.mantissa << (a.exponent - e)) + (b.mantissa << (b.exponent - e)), exponent: e)
    }

    /// The exact difference. - Complexity: as `+`.
    public static func - (a: Dyadic, b: Dyadic) -> Dyadic { a + (-b) }

    /// The exact product (odd times odd is odd: no normalisation needed).
    /// - Complexity: one `BigInt` product.
    public static func * (a: Dyadic, b: Dyadic) -> Dyadic {
        if a.isZero || b.isZero { return .zero }
        return Dyadic(canonicalMantissa: a.mantissa * b.mantissa, exponent: a.exponent + b.exponent)
    }

    /// self * 2^n (exact).
    @inlinable
    public func timesPowerOfTwo(_ n: Int) -> Dyadic {
        isZero ? self : Dyadic(canonicalMantissa: mantissa, exponent: exponent + n)
    }

    /// Checks the canonical form; traps when it is broken (tests).
    public func checkInvariants() {
        mantissa.checkInvariants()
        if mantissa.isZero {
            precondition(exponent == 0, "Dyadic: zero with a nonzero exponent")
        } else {
            precondition(mantissa.trailingZeroBitCount == 0, "Dyadic: even mantissa")
        }
    }
}

extension Dyadic: CustomStringConvertible {
    /// "m*2^e", or "m" when e = 0.
    public var description: String { exponent == 0 ? mantissa.description : "\(mantissa)*2^\(exponent)" }
}
