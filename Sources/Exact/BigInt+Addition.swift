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
            if a.word > 0 && h.count == 1 && h[0] == 1 << 63 { return BigInt(inline: Int64.min) }
            return BigInt(heapLimbs: h, negative: a.word > 0)
        }
        if a.word == Int64.min { return BigInt(heapLimbs: [1 << 63], negative: false) }
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

    /// self = self + (negateB ? -b : b), in place when self's storage is unique and large enough.
    @usableFromInline
    internal mutating func formSum(_ b: BigInt, negateB: Bool) {
        if b.isZero { return }
        guard heap != nil, !sharesStorage(b) else {
            self = BigInt.signedSum(self, b, negateB: negateB)
            return
        }
        let aNeg = isNegative
        let bNeg = b.isNegative != negateB
        var h = heap.unsafelyUnwrapped
        heap = nil
        let ac = h.count
        let done: Bool = b.withMagnitude { bp, bc in
            guard bc <= ac else { return false }
            if aNeg == bNeg {
                let carry = h.withUnsafeMutableBufferPointer { hp in
                    Limbs.add(hp.baseAddress.unsafelyUnwrapped, hp.baseAddress.unsafelyUnwrapped, ac, bp, bc)
                }
                if carry != 0 { h.append(carry) }
                return true
            }
            let fits = h.withUnsafeBufferPointer { hp in Limbs.compare(hp.baseAddress.unsafelyUnwrapped, ac, bp, bc) >= 0 }
            guard fits else { return false }
            h.withUnsafeMutableBufferPointer { hp in
                _ = Limbs.sub(hp.baseAddress.unsafelyUnwrapped, hp.baseAddress.unsafelyUnwrapped, ac, bp, bc)
            }
            return true
        }
        if done {
            self = BigInt(magnitude: h, negative: aNeg)
        } else {
            heap = h
            self = BigInt.signedSum(self, b, negateB: negateB)
        }
    }

    /// True when b's heap storage is the same buffer as self's (as in `a += a`).
    @inlinable
    internal func sharesStorage(_ b: BigInt) -> Bool {
        guard let x = heap, let y = b.heap else { return false }
        return x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in xp.baseAddress == yp.baseAddress } }
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
