extension BigInt {
    /// The greatest common divisor, always >= 0; gcd(0, 0) = 0.
    ///
    /// Word-sized operands use binary GCD; a multi-limb operand against a word is reduced by
    /// one remainder first; multi-limb pairs use `Limbs.gcd` (see there for the algorithm
    /// choice and its measurements).
    @inlinable
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        if a.heap == nil && b.heap == nil {
            return BigInt(magnitude: Limbs.gcd(a.word.magnitude, b.word.magnitude), negative: false)
        }
        return gcdSlow(a, b)
    }

    @usableFromInline
    internal static func gcdSlow(_ a: BigInt, _ b: BigInt) -> BigInt {
        if a.isZero { return b.magnitude }
        if b.isZero { return a.magnitude }
        let an = a.limbCount, bn = b.limbCount
        if an == 1 || bn == 1 {
            let (word, big) = an == 1 ? (a, b) : (b, a)
            let w = word.withMagnitude { p, _ in p[0] }
            return BigInt(magnitude: Limbs.gcd(w, big.magnitudeModulo(w)), negative: false)
        }
        return a.withMagnitude { ap, ac in
            b.withMagnitude { bp, bc in
                let cap = max(ac, bc)
                return build(capacity: cap, negative: false) { r in Limbs.gcd(r, ap, ac, bp, bc) }
            }
        }
    }
}

extension Limbs {
    /// Binary GCD of two words (Stein's algorithm with trailing-zero counts).
    /// - Complexity: O(64) iterations.
    @inlinable
    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        if a == 0 { return b }
        if b == 0 { return a }
        let k = (a | b).trailingZeroBitCount
        var u = a >> UInt64(a.trailingZeroBitCount)
        var v = b >> UInt64(b.trailingZeroBitCount)
        if u == 1 || v == 1 { return 1 << UInt64(k) }  // includes every power-of-two operand
        while u != v {
            if u > v { swap(&u, &v) }
            v -= u
            v >>= UInt64(v.trailingZeroBitCount)
        }
        return u << UInt64(k)
    }
}

extension Int {
    /// The greatest common divisor of two non-negative machine integers (gcd(0, n) = n), by the
    /// binary algorithm of ``Limbs`` (Stein's).
    /// - Precondition: a >= 0 and b >= 0.
    /// - Complexity: O(64) iterations.
    public static func gcd(_ a: Int, _ b: Int) -> Int {
        precondition(a >= 0 && b >= 0, "Int.gcd: negative operand")
        return Int(Limbs.gcd(UInt64(a), UInt64(b)))
    }
}
