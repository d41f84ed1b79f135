extension BigInt {
    /// The exact sum.
    /// - Complexity: O(1) for inline operands, else O(max(m, n)).
    @inlinable
    public static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.heap == nil && b.heap == nil {
            let (s, o) = a.word.addingReportingOverflow(b.word)
            if !o { return BigInt(inline: s) }
        }
        return signedSum(a, b, negateB: false)
    }

    /// The exact difference.
    /// - Complexity: O(1) for inline operands, else O(max(m, n)).
    @inlinable
    public static func - (a: BigInt, b: BigInt) -> BigInt {
        if a.heap == nil && b.heap == nil {
            let (s, o) = a.word.subtractingReportingOverflow(b.word)
            if !o { return BigInt(inline: s) }
        }
        return signedSum(a, b, negateB: true)
    }

    /// The negation.
    @inlinable
    public static prefix func - (a: BigInt) -> BigInt {
        if let h = a.heap {
            if a.word > 0 && h.count == 1 && h.limbs[0] == 1 << 63 { return BigInt(inline: Int64.min) }
            return BigInt(heapLimbs: h, negative: a.word > 0)
        }
        if a.word == Int64.min { return BigInt(heapLimbs: .make(1 << 63), negative: false) }
        return BigInt(inline: -a.word)
    }

    /// Adds in place; reuses this value's storage when it is uniquely referenced.
    @inlinable
    public static func += (a: inout BigInt, b: BigInt) {
        if a.heap == nil && b.heap == nil {
            let (s, o) = a.word.addingReportingOverflow(b.word)
            if !o { a.word = s; return }
        }
        a.formSum(b, negateB: false)
    }

    /// Subtracts in place; reuses this value's storage when it is uniquely referenced.
    @inlinable
    public static func -= (a: inout BigInt, b: BigInt) {
        if a.heap == nil && b.heap == nil {
            let (s, o) = a.word.subtractingReportingOverflow(b.word)
            if !o { a.word = s; return }
        }
        a.formSum(b, negateB: true)
    }

    /// self = self + (negateB ? -b : b), in place when self's storage is unique and has room.
    @usableFromInline
    internal mutating func formSum(_ b: BigInt, negateB: Bool) {
        if b.isZero { return }
        guard heap != nil, isKnownUniquelyReferenced(&heap), heap !== b.heap else {
            self = BigInt.signedSum(self, b, negateB: negateB)
            return
        }
        let h = heap.unsafelyUnwrapped
        let aNeg = isNegative
        let bNeg = b.isNegative != negateB
        let ac = h.count
        let done: Bool = b.withMagnitude { bp, bc in
            guard bc <= ac else { return false }
            let p = h.limbs
            if aNeg == bNeg {
                if ac == h.limbCapacity { return false }
                p[ac] = Limbs.add(p, p, ac, bp, bc)
                h.count = p[ac] == 0 ? ac : ac + 1
                return true
            }
            guard Limbs.compare(p, ac, bp, bc) >= 0 else { return false }
            _ = Limbs.sub(p, p, ac, bp, bc)
            h.count = Limbs.normalizedCount(p, ac)
            return true
        }
        guard done else {
            self = BigInt.signedSum(self, b, negateB: negateB)
            return
        }
        // The magnitude may have shrunk into the inline range.
        if h.count <= 1 {
            let m = h.count == 0 ? 0 : h.limbs[0]
            if aNeg ? m <= 1 << 63 : m <= UInt64(Int64.max) { self = BigInt(magnitude: m, negative: aNeg) }
        }
        #if DEBUG
        checkInvariants()
        #endif
    }

    /// a + (negateB ? -b : b) through the limb kernels.
    /// - Complexity: O(max(m, n)).
    @usableFromInline
    internal static func signedSum(_ a: BigInt, _ b: BigInt, negateB: Bool) -> BigInt {
        if b.isZero { return a }
        if a.isZero { return negateB ? -b : b }
        let aNeg = a.isNegative
        let bNeg = b.isNegative != negateB
        return a.withMagnitude { ap, ac in
            b.withMagnitude { bp, bc in
                if aNeg == bNeg {
                    let (lp, lc, sp, sc) = ac >= bc ? (ap, ac, bp, bc) : (bp, bc, ap, ac)
                    return build(capacity: lc + 1, negative: aNeg) { r in
                        r[lc] = Limbs.add(r, lp, lc, sp, sc)
                        return lc + 1
                    }
                }
                let c = Limbs.compare(ap, ac, bp, bc)
                if c == 0 { return BigInt.zero }
                if c > 0 {
                    return build(capacity: ac, negative: aNeg) { r in
                        _ = Limbs.sub(r, ap, ac, bp, bc)
                        return ac
                    }
                }
                return build(capacity: bc, negative: bNeg) { r in
                    _ = Limbs.sub(r, bp, bc, ap, ac)
                    return bc
                }
            }
        }
    }
}
