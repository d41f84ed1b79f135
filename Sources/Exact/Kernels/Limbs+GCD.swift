extension Limbs {
    /// The multi-limb GCD algorithms; `gcd(_:_:_:_:_:)` picks one (see there), tests compare them.
    @usableFromInline
    enum GCDMethod: Sendable { case lehmer, binary }

    /// The method used by default. Measured with `hardmax-bench arithmetic --measure-gcd`
    /// (release, thread CPU time, ns per gcd of two random n-limb numbers, best of 5):
    ///
    ///     n        2    3     4     5     6     8    12    16    32     64     128
    ///     Lehmer  476  698   921  1197  2147  1970  3233  6127 17759  46882  135533
    ///     binary  840 1577  2494  3375  4376  6592 12353 18570 57507 196631  720200
    ///
    /// Lehmer wins from two limbs on (single words always use binary GCD, `gcd(_:_:)` on
    /// `UInt64`, where it has no division at all).
    @usableFromInline static let defaultGCDMethod = GCDMethod.lehmer

    /// r = gcd(a[0..<an], b[0..<bn]) for nonzero normalised magnitudes with an, bn >= 2;
    /// r has room for max(an, bn) limbs. Returns the number of limbs written.
    @usableFromInline
    static func gcd(_ r: LimbPointer, _ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int,
                    method: GCDMethod = defaultGCDMethod) -> Int {
        switch method {
        case .lehmer: return gcdLehmer(r, a, an, b, bn)
        case .binary: return gcdBinary(r, a, an, b, bn)
        }
    }

    /// Binary GCD on limb vectors (Stein; Knuth, TAOCP vol. 2, 4.5.2, Algorithm B).
    /// - Complexity: O(bits * n).
    @usableFromInline
    static func gcdBinary(_ r: LimbPointer, _ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int) -> Int {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: an + bn) { buffer in
            var u = buffer.baseAddress.unsafelyUnwrapped
            var v = u + an
            u.update(from: a, count: an)
            v.update(from: b, count: bn)
            var un = an, vn = bn
            let tu = stripTrailingZeros(u, &un), tv = stripTrailingZeros(v, &vn)
            let k = min(tu, tv)
            var g: UInt64 = 0
            while true {
                if un == 1 || vn == 1 {
                    if un == 1 && vn == 1 {
                        g = gcd(u[0], v[0])
                    } else if un == 1 {
                        g = gcd(u[0], mod1(v, vn, u[0]))
                    } else {
                        g = gcd(v[0], mod1(u, un, v[0]))
                    }
                    u[0] = g
                    un = 1
                    break
                }
                let c = compare(u, un, v, vn)
                if c == 0 { break }
                if c < 0 { swap(&u, &v); swap(&un, &vn) }
                _ = sub(u, u, un, v, vn)
                un = normalizedCount(u, un)
                _ = stripTrailingZeros(u, &un)
            }
            return shiftedCopy(r, u, un, k)
        }
    }

    /// Divides x[0..<n] (nonzero) by its largest power of two in place; returns the exponent.
    @usableFromInline
    static func stripTrailingZeros(_ x: LimbPointer, _ n: inout Int) -> Int {
        var z = 0
        while x[z] == 0 { z += 1 }
        let bits = x[z].trailingZeroBitCount
        if z > 0 {
            x.update(from: x + z, count: n - z)
            n -= z
        }
        if bits > 0 { shiftRight(x, x, n, bits) }
        n = normalizedCount(x, n)
        return z * 64 + bits
    }

    /// r = x[0..<n] << k; returns the limb count written.
    @usableFromInline
    static func shiftedCopy(_ r: LimbPointer, _ x: ConstLimbPointer, _ n: Int, _ k: Int) -> Int {
        let limbs = k >> 6, bits = k & 63
        r.update(repeating: 0, count: limbs)
        if bits == 0 {
            (r + limbs).update(from: x, count: n)
            return n + limbs
        }
        let out = shiftLeft(r + limbs, x, n, bits)
        if out != 0 { r[limbs + n] = out; return n + limbs + 1 }
        return n + limbs
    }
}

extension Limbs {
    /// r = gcd(a[0..<an], b[0..<bn]) for normalised magnitudes of any size (0 counts as the
    /// empty magnitude); r has room for max(an, bn, 1) limbs. Returns the limb count written
    /// (0 only for gcd(0, 0)).
    @usableFromInline
    static func gcdAny(_ r: LimbPointer, _ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int) -> Int {
        if an == 0 || bn == 0 {
            let (p, n) = an == 0 ? (b, bn) : (a, an)
            r.update(from: p, count: n)
            return n
        }
        if an == 1 || bn == 1 {
            let (w, p, n) = an == 1 ? (a[0], b, bn) : (b[0], a, an)
            r[0] = gcd(w, n == 1 ? p[0] % w : mod1(p, n, w))
            return 1
        }
        return gcd(r, a, an, b, bn)
    }

    /// r = x[0..<xn] / d[0..<dn] for a nonzero d known to divide x; returns the quotient's
    /// normalised count. r has room for xn limbs and may equal x when dn == 1.
    @usableFromInline
    static func divideExactly(_ r: LimbPointer, _ x: ConstLimbPointer, _ xn: Int, _ d: ConstLimbPointer, _ dn: Int) -> Int {
        if xn < dn { return 0 }
        if dn == 1 {
            let w = d[0]
            if w & (w - 1) == 0 {
                if w == 1 {
                    if UnsafePointer(r) != x { r.update(from: x, count: xn) }
                } else {
                    shiftRight(r, x, xn, w.trailingZeroBitCount)
                }
            } else {
                _ = divRem1(r, x, xn, w)
            }
            return normalizedCount(r, xn)
        }
        return withKnuthDivision(x, xn, d, dn) { q, qn, _, _ in
            r.update(from: q, count: qn)
            return normalizedCount(r, qn)
        }
    }
}
