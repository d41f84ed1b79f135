/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Small form: while numerator and denominator both fit in `Int64` they are stored inline as two
/// words (no reference, so copying or dropping one costs no reference counting) and the arithmetic
/// fast paths in `Rational+SmallForm.swift` run on machine words with overflow detection, without
/// heap allocation or `BigInt` calls; results that overflow move to the big form (one shared,
/// immutable ``BigFraction``), and big results that fit shrink back automatically because the
/// `BigInt` representation is canonical. Powers-of-two denominators (what float weights become)
/// reduce by trailing-zero counts.
///
/// Invariants (`checkInvariants()`): denominator > 0, gcd(numerator, denominator) = 1, zero is 0/1,
/// and the small form is used exactly when both parts fit `Int64`. Equal values therefore have equal
/// representations and equal hashes.
@frozen
public struct Rational: Sendable {
    @usableFromInline internal var storage: Storage

    /// The two forms; which one a value takes is fixed by the value (see the type's invariants).
    @frozen @usableFromInline
    internal enum Storage: Sendable {
        case small(numerator: Int64, denominator: Int64)
        case big(BigFraction)
    }

    /// Builds from a numerator and a positive denominator already in lowest terms.
    @inlinable @inline(__always)
    internal init(reducedNumerator n: BigInt, denominator d: BigInt) {
        if n.heap == nil && d.heap == nil {
            storage = .small(numerator: n.word, denominator: d.word)
        } else {
            storage = .big(BigFraction(n, d))
        }
    }

    /// Builds from small words already in lowest terms (d > 0).
    @inlinable @inline(__always)
    internal init(smallNumerator n: Int64, denominator d: Int64) {
        storage = .small(numerator: n, denominator: d)
    }

    /// The numerator in lowest terms (carries the sign).
    @inlinable
    internal var num: BigInt {
        switch storage {
        case .small(let n, _): return BigInt(inline: n)
        case .big(let f): return f.numerator
        }
    }

    /// The denominator in lowest terms, always > 0.
    @inlinable
    internal var den: BigInt {
        switch storage {
        case .small(_, let d): return BigInt(inline: d)
        case .big(let f): return f.denominator
        }
    }

    /// The integer v.
    @inlinable
    public init(_ v: Int) { self.init(smallNumerator: Int64(v), denominator: 1) }

    /// The integer v.
    @inlinable
    public init(_ v: BigInt) { self.init(reducedNumerator: v, denominator: BigInt(inline: 1)) }

    /// numerator / denominator in lowest terms.
    /// - Throws: `ExactError.divisionByZero` when the denominator is zero.
    @inlinable
    public init(_ numerator: BigInt, _ denominator: BigInt) throws {
        guard !denominator.isZero else { throw ExactError.divisionByZero }
        self.init(unchecked: numerator, denominator)
    }

    /// numerator / denominator in lowest terms.
    /// - Throws: `ExactError.divisionByZero` when the denominator is zero.
    @inlinable
    public init(_ numerator: Int, _ denominator: Int) throws {
        try self.init(BigInt(numerator), BigInt(denominator))
    }

    /// Reduces n/d to lowest terms with a positive denominator; d must be nonzero.
    @inlinable
    internal init(unchecked n: BigInt, _ d: BigInt) {
        if n.heap == nil && d.heap == nil, let r = Rational.reducedSmall(n.word, d.word) {
            self = r
            return
        }
        self = Rational.reducedBig(n, d)
    }

    /// n/d reduced through `BigInt` (the general path).
    @usableFromInline
    internal static func reducedBig(_ n: BigInt, _ d: BigInt) -> Rational {
        precondition(!d.isZero, "Rational: zero denominator")
        let g = BigInt.gcd(n, d)
        var nn = n, dd = d
        if g != BigInt(inline: 1) {
            nn = n.dividedExactly(by: g)
            dd = d.dividedExactly(by: g)
        }
        if dd.isNegative {
            nn = -nn
            dd = -dd
        }
        return Rational(reducedNumerator: nn, denominator: dd)
    }

    /// The numerator in lowest terms (carries the sign).
    @inlinable public var numerator: BigInt { num }
    /// The denominator in lowest terms, always > 0.
    @inlinable public var denominator: BigInt { den }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    /// -1, 0 or 1.
    @inlinable public var signum: Int {
        if case .small(let n, _) = storage { return Int(n.signum()) }
        return num.signum
    }
    @inlinable public var isZero: Bool {
        if case .small(0, _) = storage { return true }
        return false   // zero is 0/1, in the small form
    }
    @inlinable public var isInteger: Bool {
        switch storage {
        case .small(_, let d): return d == 1
        case .big(let f): return f.denominator.heap == nil && f.denominator.word == 1
        }
    }
    /// max(numerator.bitLength, denominator.bitLength).
    @inlinable public var bitLength: Int {
        if case .small(let n, let d) = storage {
            return 64 - Swift.min(n.magnitude.leadingZeroBitCount, d.magnitude.leadingZeroBitCount)
        }
        return Swift.max(num.bitLength, den.bitLength)
    }

    /// The value as a word when it is an integer that fits one, else nil.
    @inlinable package var integerWord: Int64? {
        if case .small(let n, 1) = storage { return n }
        return nil
    }

    /// Numerator and denominator as words when both fit one (the small form), else nil: what a hot loop
    /// reads without copying the number.
    @inlinable package var smallParts: (numerator: Int64, denominator: Int64)? {
        if case .small(let n, let d) = storage { return (n, d) }
        return nil
    }

    /// Checks lowest terms and positive denominator; traps when broken (tests).
    public func checkInvariants() {
        num.checkInvariants()
        den.checkInvariants()
        precondition(den.signum > 0, "Rational: denominator not positive")
        precondition(BigInt.gcd(num, den) == BigInt(1), "Rational: not in lowest terms")
        precondition((smallParts != nil) == (num.heap == nil && den.heap == nil), "Rational: not in its canonical form")
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: CustomStringConvertible {
    /// "p" for integers, otherwise "p/q", in lowest terms with q > 0.
    public var description: String { isInteger ? num.description : num.description + "/" + den.description }
}

/// The big form of a ``Rational``: numerator and denominator, at least one outside `Int64`, in lowest
/// terms with a positive denominator. Immutable, so values share it freely.
@usableFromInline
internal final class BigFraction: Sendable {
    @usableFromInline let numerator: BigInt
    @usableFromInline let denominator: BigInt

    @usableFromInline
    init(_ numerator: BigInt, _ denominator: BigInt) {
        self.numerator = numerator
        self.denominator = denominator
    }
}
