/// Division of a two-limb number by a normalised limb with a precomputed reciprocal
/// (Möller and Granlund, "Improved division by invariant integers", IEEE Trans. Computers 2011,
/// Algorithm 4). Replaces the 128-by-64-bit division, which this toolchain compiles to a call of
/// the generic `__udivti3` routine, by two multiplications when the divisor repeats.
@usableFromInline
internal struct Reciprocal {
    /// The divisor, with its top bit set.
    @usableFromInline let d: UInt64
    /// floor((2^128 - 1) / d) - 2^64.
    @usableFromInline let v: UInt64

    /// - Precondition: the top bit of d is set.
    @inlinable
    init(normalized d: UInt64) {
        self.d = d
        self.v = d.dividingFullWidth((~d, UInt64.max)).quotient
    }

    /// (u1 * 2^64 + u0) divided by d, for u1 < d.
    @inlinable @inline(__always)
    func divide(_ u1: UInt64, _ u0: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        let (ph, pl) = v.multipliedFullWidth(by: u1)
        let (q0, c) = pl.addingReportingOverflow(u0)
        var q1 = ph &+ u1 &+ 1 &+ (c ? 1 : 0)
        var r = u0 &- q1 &* d
        if r > q0 {
            q1 &-= 1
            r &+= d
        }
        if r >= d {
            q1 &+= 1
            r -= d
        }
        return (q1, r)
    }
}

extension Limbs {
    /// Quotient q[0..<n] of a[0..<n] by the nonzero limb d; returns the remainder. q may equal a.
    /// - Complexity: O(n) multiplications (one hardware division for the reciprocal).
    @inlinable
    static func divRem1(_ q: LimbPointer, _ a: ConstLimbPointer, _ n: Int, _ d: UInt64) -> UInt64 {
        if n == 0 { return 0 }
        if n == 1 {
            let x = a[0]
            q[0] = x / d
            return x % d
        }
        let s = d.leadingZeroBitCount
        let inv = Reciprocal(normalized: d << UInt64(s))
        var r: UInt64 = 0
        var i = n - 1
        if s == 0 {
            while i >= 0 {
                (q[i], r) = inv.divide(r, a[i])
                i -= 1
            }
            return r
        }
        let t = UInt64(64 - s), u = UInt64(s)
        r = a[n - 1] >> t
        while i > 0 {
            let lo = (a[i] << u) | (a[i - 1] >> t)
            (q[i], r) = inv.divide(r, lo)
            i -= 1
        }
        (q[0], r) = inv.divide(r, a[0] << u)
        return r >> u
    }

    /// a[0..<n] mod the nonzero limb d.
    @inlinable
    static func mod1(_ a: ConstLimbPointer, _ n: Int, _ d: UInt64) -> UInt64 {
        if n == 0 { return 0 }
        if n == 1 { return a[0] % d }
        let s = d.leadingZeroBitCount
        let inv = Reciprocal(normalized: d << UInt64(s))
        let t = UInt64(64 - s), u = UInt64(s)
        var r: UInt64 = s == 0 ? 0 : a[n - 1] >> t
        var i = n - 1
        while i > 0 {
            let lo = s == 0 ? a[i] : (a[i] << u) | (a[i - 1] >> t)
            r = inv.divide(r, lo).remainder
            i -= 1
        }
        r = inv.divide(r, a[0] << u).remainder
        return r >> u
    }
}
