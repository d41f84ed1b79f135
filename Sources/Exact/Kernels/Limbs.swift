/// Unsigned limb-vector kernels under `BigInt`: the mpn layer.
///
/// A magnitude is a run of `UInt64` limbs, least significant first. Kernels work on raw pointers
/// with explicit counts and never allocate, unless they say otherwise; the caller provides
/// result storage of the documented size. Results may overlap inputs only where stated.
@usableFromInline typealias Limb = UInt64
@usableFromInline typealias LimbPointer = UnsafeMutablePointer<UInt64>
@usableFromInline typealias ConstLimbPointer = UnsafePointer<UInt64>

@usableFromInline
internal enum Limbs {
    /// Number of limbs of a[0..<n] without most significant zero limbs.
    @inlinable @inline(__always)
    static func normalizedCount(_ a: ConstLimbPointer, _ n: Int) -> Int {
        var k = n
        while k > 0 && a[k - 1] == 0 { k -= 1 }
        return k
    }

    /// Three-way comparison of normalised magnitudes a[0..<an] and b[0..<bn].
    /// - Complexity: O(n).
    @inlinable
    static func compare(_ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int) -> Int {
        if an != bn { return an < bn ? -1 : 1 }
        var i = an - 1
        while i >= 0 {
            let x = a[i], y = b[i]
            if x != y { return x < y ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// r[0..<n] = a[0..<n] + b[0..<n] + carryIn; returns the carry out. r may equal a or b.
    @inlinable
    static func addN(_ r: LimbPointer, _ a: ConstLimbPointer, _ b: ConstLimbPointer, _ n: Int,
                     carryIn: Limb = 0) -> Limb {
        var carry = carryIn
        var i = 0
        while i < n {
            let (s1, o1) = a[i].addingReportingOverflow(b[i])
            let (s2, o2) = s1.addingReportingOverflow(carry)
            r[i] = s2
            carry = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            i += 1
        }
        return carry
    }

    /// r[0..<an] = a[0..<an] + b[0..<bn] with an >= bn; returns the carry out. r may equal a.
    @inlinable
    static func add(_ r: LimbPointer, _ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int) -> Limb {
        var carry = addN(r, a, b, bn)
        var i = bn
        while i < an {
            let (s, o) = a[i].addingReportingOverflow(carry)
            r[i] = s
            carry = o ? 1 : 0
            i += 1
        }
        return carry
    }

    /// Adds the single limb c to r[0..<n] in place; returns the carry out.
    @inlinable
    static func addLimb(_ r: LimbPointer, _ n: Int, _ c: Limb) -> Limb {
        var carry = c
        var i = 0
        while carry != 0 && i < n {
            let (s, o) = r[i].addingReportingOverflow(carry)
            r[i] = s
            carry = o ? 1 : 0
            i += 1
        }
        return carry
    }

    /// r[0..<n] = a[0..<n] - b[0..<n] - borrowIn; returns the borrow out. r may equal a or b.
    @inlinable
    static func subN(_ r: LimbPointer, _ a: ConstLimbPointer, _ b: ConstLimbPointer, _ n: Int,
                     borrowIn: Limb = 0) -> Limb {
        var borrow = borrowIn
        var i = 0
        while i < n {
            let (d1, o1) = a[i].subtractingReportingOverflow(b[i])
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            r[i] = d2
            borrow = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            i += 1
        }
        return borrow
    }

    /// r[0..<an] = a[0..<an] - b[0..<bn] with an >= bn; returns the borrow out. r may equal a.
    @inlinable
    static func sub(_ r: LimbPointer, _ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int) -> Limb {
        var borrow = subN(r, a, b, bn)
        var i = bn
        while i < an {
            let (d, o) = a[i].subtractingReportingOverflow(borrow)
            r[i] = d
            borrow = o ? 1 : 0
            i += 1
        }
        return borrow
    }

    /// r[0..<n] = a[0..<n] * m; returns the high limb. r may equal a.
    @inlinable
    static func mul1(_ r: LimbPointer, _ a: ConstLimbPointer, _ n: Int, _ m: Limb) -> Limb {
        var carry: Limb = 0
        var i = 0
        while i < n {
            let (hi, lo) = a[i].multipliedFullWidth(by: m)
            let (s, o) = lo.addingReportingOverflow(carry)
            r[i] = s
            carry = hi &+ (o ? 1 : 0)
            i += 1
        }
        return carry
    }

    /// r[0..<n] += a[0..<n] * m; returns the high limb (to be added at r[n]).
    @inlinable
    static func addMul1(_ r: LimbPointer, _ a: ConstLimbPointer, _ n: Int, _ m: Limb) -> Limb {
        var carry: Limb = 0
        var i = 0
        while i < n {
            let (hi, lo) = a[i].multipliedFullWidth(by: m)
            let (s1, o1) = lo.addingReportingOverflow(r[i])
            let (s2, o2) = s1.addingReportingOverflow(carry)
            r[i] = s2
            carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            i += 1
        }
        return carry
    }

    /// r[0..<n] -= a[0..<n] * m; returns the limb to subtract at r[n].
    @inlinable
    static func subMul1(_ r: LimbPointer, _ a: ConstLimbPointer, _ n: Int, _ m: Limb) -> Limb {
        var carry: Limb = 0
        var i = 0
        while i < n {
            let (hi, lo) = a[i].multipliedFullWidth(by: m)
            let (p, o) = lo.addingReportingOverflow(carry)
            carry = hi &+ (o ? 1 : 0)
            let (d, b) = r[i].subtractingReportingOverflow(p)
            r[i] = d
            carry &+= b ? 1 : 0
            i += 1
        }
        return carry
    }

    /// r[0..<n] = a[0..<n] << s for 0 < s < 64; returns the bits shifted out. r may equal a.
    @inlinable
    static func shiftLeft(_ r: LimbPointer, _ a: ConstLimbPointer, _ n: Int, _ s: Int) -> Limb {
        if n == 0 { return 0 }
        let t = UInt64(64 - s), u = UInt64(s)
        let out = a[n - 1] >> t
        var i = n - 1
        while i > 0 {
            r[i] = (a[i] << u) | (a[i - 1] >> t)
            i -= 1
        }
        r[0] = a[0] << u
        return out
    }

    /// r[0..<n] = a[0..<n] >> s for 0 < s < 64 (the top limb gets zero bits). r may equal a.
    @inlinable
    static func shiftRight(_ r: LimbPointer, _ a: ConstLimbPointer, _ n: Int, _ s: Int) {
        if n == 0 { return }
        let t = UInt64(64 - s), u = UInt64(s)
        var i = 0
        while i < n - 1 {
            r[i] = (a[i] >> u) | (a[i + 1] << t)
            i += 1
        }
        r[n - 1] = a[n - 1] >> u
    }
}
