extension BigInt {
    /// The exact product.
    /// - Complexity: O(1) inline; schoolbook O(m n) below `Limbs.karatsubaThreshold` limbs,
    ///   Karatsuba O(n^1.585) above.
    @inlinable
    public static func * (a: BigInt, b: BigInt) -> BigInt {
        if a.heap == nil && b.heap == nil {
            let (p, o) = a.word.multipliedReportingOverflow(by: b.word)
            if !o { return BigInt(inline: p) }
        }
        return product(a, b)
    }

    @inlinable
    public static func *= (a: inout BigInt, b: BigInt) { a = a * b }

    /// The product through the limb kernels.
    @usableFromInline
    internal static func product(_ a: BigInt, _ b: BigInt) -> BigInt {
        let negative = a.isNegative != b.isNegative
        return a.withMagnitude { ap, ac in
            b.withMagnitude { bp, bc in
                if ac == 0 || bc == 0 { return BigInt.zero }
                if ac == 1 && bc == 1 {
                    let (hi, lo) = ap[0].multipliedFullWidth(by: bp[0])
                    return BigInt(high: hi, low: lo, negative: negative)
                }
                return build(capacity: ac + bc, negative: negative) { r in
                    Limbs.multiply(r, ap, ac, bp, bc)
                    return ac + bc
                }
            }
        }
    }

    /// self * m for a single limb m, with the given result sign.
    @usableFromInline
    internal func multiplied(byLimb m: UInt64, negative: Bool) -> BigInt {
        withMagnitude { ap, ac in
            if ac == 0 || m == 0 { return BigInt.zero }
            return BigInt.build(capacity: ac + 1, negative: negative) { r in
                r[ac] = Limbs.mul1(r, ap, ac, m)
                return ac + 1
            }
        }
    }

    /// self raised to the power e (e >= 0); 0^0 = 1.
    /// - Precondition: e >= 0.
    /// - Complexity: dominated by the last squaring.
    public func power(_ e: Int) -> BigInt {
        precondition(e >= 0, "BigInt.power: negative exponent")
        if e == 0 { return BigInt(1) }
        // Powers of two are shifts.
        if heap == nil && word != 0 && word.magnitude & (word.magnitude - 1) == 0 {
            let r = BigInt(1) << (word.magnitude.trailingZeroBitCount * e)
            return isNegative && e & 1 == 1 ? -r : r
        }
        var result = BigInt(1)
        var base = self
        var k = e
        while true {
            if k & 1 == 1 { result = result * base }
            k >>= 1
            if k == 0 { break }
            base = base * base
        }
        return result
    }
}

extension Limbs {
    /// r[0..<an+bn] = a * b for an, bn >= 1; allocates Karatsuba scratch when needed.
    /// r must not overlap a or b.
    @usableFromInline
    static func multiply(_ r: LimbPointer, _ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int) {
        if bn == 1 { r[an] = mul1(r, a, an, b[0]); return }
        if an == 1 { r[bn] = mul1(r, b, bn, a[0]); return }
        let s = mulScratchCount(an, bn)
        if s == 0 {
            if an >= bn { mulSchoolbook(r, a, an, b, bn) } else { mulSchoolbook(r, b, bn, a, an) }
            return
        }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: s) { scratch in
            mul(r, a, an, b, bn, scratch: scratch.baseAddress.unsafelyUnwrapped)
        }
    }
}
