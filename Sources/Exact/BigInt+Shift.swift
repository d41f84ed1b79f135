extension BigInt {
    /// self * 2^n for n >= 0; for n < 0 the same as `self >> -n`.
    /// - Complexity: O(n / 64 + limbs).
    @inlinable
    public static func << (a: BigInt, n: Int) -> BigInt {
        if n <= 0 { return n == 0 ? a : a >> (-n) }
        if a.heap == nil && n < 63 {
            let m = a.word.magnitude
            if m.leadingZeroBitCount > n { return BigInt(magnitude: m << UInt64(n), negative: a.isNegative) }
        }
        return shiftedLeft(a, n)
    }

    /// floor(self / 2^n) for n >= 0; for n < 0 the same as `self << -n`.
    /// - Complexity: O(limbs).
    @inlinable
    public static func >> (a: BigInt, n: Int) -> BigInt {
        if n <= 0 { return n == 0 ? a : a << (-n) }
        if a.heap == nil { return BigInt(inline: n >= 64 ? (a.word < 0 ? -1 : 0) : a.word >> Int64(n)) }
        return shiftedRight(a, n)
    }

    @usableFromInline
    internal static func shiftedLeft(_ a: BigInt, _ n: Int) -> BigInt {
        if a.isZero { return a }
        let limbShift = n >> 6, bitShift = n & 63
        return a.withMagnitude { ap, ac in
            build(capacity: ac + limbShift + 1, negative: a.isNegative) { r in
                r.update(repeating: 0, count: limbShift)
                if bitShift == 0 {
                    (r + limbShift).update(from: ap, count: ac)
                    r[limbShift + ac] = 0
                } else {
                    r[limbShift + ac] = Limbs.shiftLeft(r + limbShift, ap, ac, bitShift)
                }
                return ac + limbShift + 1
            }
        }
    }

    @usableFromInline
    internal static func shiftedRight(_ a: BigInt, _ n: Int) -> BigInt {
        let limbShift = n >> 6, bitShift = n & 63
        return a.withMagnitude { ap, ac in
            if limbShift >= ac { return a.isNegative ? BigInt(-1) : BigInt.zero }
            var lost = false
            if a.isNegative {
                var i = 0
                while i < limbShift && !lost { lost = ap[i] != 0; i += 1 }
                if !lost && bitShift != 0 { lost = ap[limbShift] & ((1 << UInt64(bitShift)) - 1) != 0 }
            }
            let count = ac - limbShift
            let r = build(capacity: count, negative: a.isNegative) { r in
                if bitShift == 0 {
                    r.update(from: ap + limbShift, count: count)
                } else {
                    Limbs.shiftRight(r, ap + limbShift, count, bitShift)
                }
                return count
            }
            // Floor for negative values: round the magnitude up when bits were lost.
            return lost ? r - BigInt(1) : r
        }
    }
}
