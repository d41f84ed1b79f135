extension Limbs {
    /// Lehmer's GCD (Knuth, TAOCP vol. 2, 4.5.2, Algorithm L) on 60-bit leading digits:
    /// single-precision Euclid steps on the leading bits build a cofactor matrix that is then
    /// applied to the full numbers in one linear pass, removing about 30 bits per pass.
    /// - Complexity: O(n^2) limb operations.
    @usableFromInline
    static func gcdLehmer(_ r: LimbPointer, _ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int) -> Int {
        let n = max(an, bn) + 1
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4 * n) { buffer in
            var u = buffer.baseAddress.unsafelyUnwrapped
            var v = u + n, t = u + 2 * n, w = u + 3 * n
            buffer.initialize(repeating: 0)
            var un = an, vn = bn
            if compare(a, an, b, bn) >= 0 {
                u.update(from: a, count: an); v.update(from: b, count: bn)
            } else {
                u.update(from: b, count: bn); v.update(from: a, count: an)
                swap(&un, &vn)
            }
            // Invariant: u >= v, both zero-padded to n limbs.
            while true {
                if vn == 0 {
                    r.update(from: u, count: un)
                    return un
                }
                if vn == 1 {
                    r[0] = gcd(v[0], un == 1 ? u[0] % v[0] : mod1(u, un, v[0]))
                    return 1
                }
                // Leading 60 bits of u (60 so that cofactor arithmetic stays far from Int64 overflow) and the same bit positions of v.
                let shift = un * 64 - u[un - 1].leadingZeroBitCount - 60
                var uh = Int64(bitPattern: bits(u, un, at: shift))
                var vh = Int64(bitPattern: bits(v, vn, at: shift))
                var A: Int64 = 1, B: Int64 = 0, C: Int64 = 0, D: Int64 = 1
                while true {
                    let d1 = vh &+ C, d2 = vh &+ D
                    if d1 <= 0 || d2 <= 0 { break }
                    let n1 = uh &+ A, n2 = uh &+ B
                    if n1 < 0 || n2 < 0 { break }
                    // q = floor(n1 / d1), by subtraction for the common small quotients; then
                    // accept q only if it is also floor(n2 / d2) (checked by multiplication).
                    var q: Int64 = 0
                    var rest = n1 &- d1
                    while rest >= 0 && q < 4 {
                        q &+= 1
                        rest &-= d1
                    }
                    if rest >= 0 { q = n1 / d1 }
                    let (m, o) = q.multipliedReportingOverflow(by: d2)
                    if o || m > n2 || n2 &- m >= d2 { break }
                    // All values stay below 2^61 in magnitude (60-bit leading digits, cofactors
                    // bounded by them), so wrapping arithmetic cannot wrap.
                    (A, C) = (C, A &- q &* C)
                    (B, D) = (D, B &- q &* D)
                    (uh, vh) = (vh, uh &- q &* vh)
                }
                if B == 0 {
                    // No progress from the leading digits: one full division step.
                    withKnuthDivision(u, un, v, vn) { _, _, rem, rn in
                        t.update(from: rem, count: rn)
                    }
                    (t + vn).update(repeating: 0, count: n - vn)
                    swap(&u, &v); swap(&v, &t)
                    un = vn
                    vn = normalizedCount(v, vn)
                    continue
                }
                // t = A u + B v, w = C u + D v (each pair has opposite signs; results are >= 0).
                combine(t, u, v, un, A, B)
                combine(w, u, v, un, C, D)
                swap(&u, &t); swap(&v, &w)
                un = normalizedCount(u, un + 1)
                vn = normalizedCount(v, un)
            }
        }
    }

    /// The 64 bits of x[0..<n] starting at bit `shift` (bits beyond the top are zero).
    @inlinable
    static func bits(_ x: ConstLimbPointer, _ n: Int, at shift: Int) -> UInt64 {
        let i = shift >> 6, s = shift & 63
        let lo: UInt64 = i < n ? x[i] : 0
        if s == 0 { return lo }
        let hi: UInt64 = i + 1 < n ? x[i + 1] : 0
        return (lo >> UInt64(s)) | (hi << UInt64(64 - s))
    }

    /// r[0..<n+1] = x * u + y * v for x, y of opposite signs (one may be zero) and a result known
    /// to be >= 0; u and v are n+1 limbs with zero top limbs where shorter. r[n+1...] is zeroed
    /// up to the padded size by the caller's invariant.
    @usableFromInline
    static func combine(_ r: LimbPointer, _ u: ConstLimbPointer, _ v: ConstLimbPointer, _ n: Int, _ x: Int64, _ y: Int64) {
        if y <= 0 {
            r[n] = mul1(r, u, n, x.magnitude)
            r[n] &-= subMul1(r, v, n, y.magnitude)
        } else {
            r[n] = mul1(r, v, n, y.magnitude)
            r[n] &-= subMul1(r, u, n, x.magnitude)
        }
    }
}
