extension Enclosure {
    /// An enclosure of sqrt(x).
    ///
    /// - The exact point of a perfect square (numerator and denominator both squares) gives the
    ///   exact point of its root; every other result is an interval.
    /// - Error bound: for a point argument the width is at most 2^(2-p) sqrt(x) (an integer
    ///   square root of at least 2p + 2 bits is within 1 of the real one, relative 2^-p, then one
    ///   outward rounding to p bits, relative 2^(1-p), each end); for [a, b] add sqrt(b) - sqrt(a).
    /// - Throws: `EnclosureError.negativeSquareRoot` when the lower end is below 0.
    /// - Complexity: two integer square roots of 2p + 4 bits (Newton, O(log p) divisions); the
    ///   perfect-square test of an exact point costs integer square roots of its parts.
    public func squareRoot(precision p: Int) throws -> Enclosure {
        if case .exact(let q) = storage {
            guard q.signum >= 0 else { throw EnclosureError.negativeSquareRoot }
            if let r = Enclosure.exactSquareRoot(q) { return Enclosure(r) }
        }
        Enclosure.check(precision: p)
        let (a, b) = ends(precision: p)
        guard a.signum >= 0 else { throw EnclosureError.negativeSquareRoot }
        return Enclosure(storage: .interval(Enclosure.squareRoot(a, bits: p, .down), Enclosure.squareRoot(b, bits: p, .up)))
    }

    /// sqrt(q) when q = n/d (lowest terms) has square n and d, else nil.
    static func exactSquareRoot(_ q: Rational) -> Rational? {
        let n = q.numerator, d = q.denominator
        let rn = FixedPoint.squareRoot(n)
        guard rn * rn == n else { return nil }
        let rd = FixedPoint.squareRoot(d)
        guard rd * rd == d else { return nil }
        return Rational(reducedNumerator: rn, denominator: rd)
    }

    /// sqrt(x) for x >= 0 rounded to at most p bits in the given direction: x is first rounded in
    /// the same direction to 2p + 4 bits, then its mantissa is shifted to an even exponent and at
    /// least 2p + 2 bits, so the integer square root (floor, or ceil when not exact) has p + 1 bits.
    static func squareRoot(_ x: Dyadic, bits p: Int, _ direction: RoundingDirection) -> Dyadic {
        if x.isZero { return .zero }
        let y = x.rounded(toBits: 2 * p + 4, direction)
        var shift = Swift.max(0, 2 * p + 2 - y.mantissa.bitLength)
        if (y.exponent - shift) & 1 != 0 { shift += 1 }
        let m = y.mantissa << shift
        var r = FixedPoint.squareRoot(m)
        if direction == .up && r * r != m { r += BigInt(1) }
        return Dyadic.rounding(r, exponent: (y.exponent - shift) / 2, bits: p, direction)
    }
}
