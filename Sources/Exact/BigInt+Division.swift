extension BigInt {
    /// Truncating division: the quotient rounds toward zero and the remainder has the sign of
    /// `self` (or is zero), with |remainder| < |d| and self == quotient * d + remainder.
    /// - Precondition: `d` is not zero.
    /// - Complexity: O(1) inline; O(m) for a one-limb divisor; O((m - n + 1) n) otherwise
    ///   (Knuth's Algorithm D).
    @inlinable
    public func quotientAndRemainder(dividingBy d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!d.isZero, "BigInt: division by zero")
        if heap == nil && d.heap == nil {
            if word == Int64.min && d.word == -1 { return (-BigInt(inline: Int64.min), BigInt.zero) }
            return (BigInt(inline: word / d.word), BigInt(inline: word % d.word))
        }
        return BigInt.divide(self, d)
    }

    /// Truncating quotient. - Precondition: `b` is not zero.
    @inlinable
    public static func / (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).quotient }

    /// Remainder of truncating division (sign of `a`). - Precondition: `b` is not zero.
    @inlinable
    public static func % (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).remainder }

    @inlinable
    public static func /= (a: inout BigInt, b: BigInt) { a = a / b }

    @inlinable
    public static func %= (a: inout BigInt, b: BigInt) { a = a % b }

    /// Division through the limb kernels.
    @usableFromInline
    internal static func divide(_ a: BigInt, _ d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        let qNeg = a.isNegative != d.isNegative
        let rNeg = a.isNegative
        return a.withMagnitude { ap, an in
            d.withMagnitude { dp, dn in
                if Limbs.compare(ap, an, dp, dn) < 0 { return (BigInt.zero, a) }
                if dn == 1 {
                    var r: UInt64 = 0
                    let q = build(capacity: an, negative: qNeg) { qp in
                        r = Limbs.divRem1(qp, ap, an, dp[0])
                        return an
                    }
                    return (q, BigInt(magnitude: r, negative: rNeg))
                }
                return Limbs.withKnuthDivision(ap, an, dp, dn) { q, qn, r, rn in
                    (build(capacity: qn, negative: qNeg) { p in p.update(from: q, count: qn); return qn },
                     build(capacity: rn, negative: rNeg) { p in p.update(from: r, count: rn); return rn })
                }
            }
        }
    }

    /// The quotient of a division known to be exact (d divides self), sign included.
    /// - Precondition: d != 0 (exactness is not checked).
    @usableFromInline
    internal func dividedExactly(by d: BigInt) -> BigInt {
        if heap == nil && d.heap == nil {
            if word == Int64.min && d.word == -1 { return -BigInt(inline: Int64.min) }
            return BigInt(inline: word / d.word)
        }
        if d.heap == nil && (d.word == 1 || d.word == -1) { return d.word == 1 ? self : -self }
        return BigInt.divide(self, d).quotient
    }

    /// |self| mod m for a nonzero limb m.
    @usableFromInline
    internal func magnitudeModulo(_ m: UInt64) -> UInt64 {
        withMagnitude { p, n in n == 0 ? 0 : Limbs.mod1(p, n, m) }
    }
}

extension Limbs {
    /// Divides a[0..<an] by d[0..<dn] (dn >= 2, a >= d) with Knuth's Algorithm D and calls `body`
    /// with the quotient and remainder limbs (unnormalised counts). The pointers are valid only
    /// during `body`.
    @usableFromInline
    static func withKnuthDivision<R>(_ a: ConstLimbPointer, _ an: Int, _ d: ConstLimbPointer, _ dn: Int,
                                     _ body: (ConstLimbPointer, Int, ConstLimbPointer, Int) -> R) -> R {
        let s = d[dn - 1].leadingZeroBitCount
        let qn = an - dn + 1
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: an + 1 + dn + qn) { buffer in
            let u = buffer.baseAddress.unsafelyUnwrapped
            let v = u + an + 1
            let q = v + dn
            if s == 0 {
                u.update(from: a, count: an)
                u[an] = 0
                v.update(from: d, count: dn)
            } else {
                u[an] = shiftLeft(u, a, an, s)
                _ = shiftLeft(v, d, dn, s)
            }
            divRemKnuth(q, u, an, v, dn)
            if s != 0 { shiftRight(u, u, dn, s) }
            return body(q, qn, u, dn)
        }
    }
}
