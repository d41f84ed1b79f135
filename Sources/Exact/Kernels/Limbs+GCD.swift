extension Limbs {
    /// The multi-limb GCD algorithms; `gcd(_:_:_:_:_:)` picks one (see there), tests compare them.
    @usableFromInline
    enum GCDMethod: Sendable { case lehmer, binary }

    /// The method used by default; measured, see the note on `gcd(_:_:_:_:_:method:)`.
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
