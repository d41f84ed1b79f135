/// Unsigned limb-vector arithmetic: the kernels under `BigInt`.
///
/// A magnitude is `[UInt64]`, least significant limb first. Functions that return a magnitude
/// return it normalised (no most significant zero limb) unless they say otherwise.
@usableFromInline
internal enum Magnitude {
    /// Three-way comparison of two normalised magnitudes.
    /// - Complexity: O(n).
    @inlinable
    static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.count - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// Removes most significant zero limbs.
    @inlinable
    static func normalize(_ a: inout [UInt64]) {
        while let last = a.last, last == 0 { a.removeLast() }
    }

    /// a + b.
    /// - Complexity: O(max(m, n)).
    @usableFromInline
    static func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        if short.isEmpty { return long }
        var r = [UInt64](repeating: 0, count: long.count + 1)
        r.withUnsafeMutableBufferPointer { rp in
            long.withUnsafeBufferPointer { lp in
                short.withUnsafeBufferPointer { sp in
                    var carry: UInt64 = 0
                    var i = 0
                    while i < sp.count {
                        let (s1, o1) = lp[i].addingReportingOverflow(sp[i])
                        let (s2, o2) = s1.addingReportingOverflow(carry)
                        rp[i] = s2
                        carry = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                        i += 1
                    }
                    while i < lp.count {
                        let (s, o) = lp[i].addingReportingOverflow(carry)
                        rp[i] = s
                        carry = o ? 1 : 0
                        i += 1
                    }
                    rp[i] = carry
                }
            }
        }
        if r[r.count - 1] == 0 { r.removeLast() }
        return r
    }

    /// a - b, requires a >= b.
    /// - Complexity: O(m).
    @usableFromInline
    static func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        precondition(a.count >= b.count, "Magnitude.subtract: a < b")
        var r = a
        r.withUnsafeMutableBufferPointer { rp in
            b.withUnsafeBufferPointer { bp in
                var borrow: UInt64 = 0
                var i = 0
                while i < bp.count {
                    let (d1, o1) = rp[i].subtractingReportingOverflow(bp[i])
                    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                    rp[i] = d2
                    borrow = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                    i += 1
                }
                while borrow != 0 && i < rp.count {
                    let (d, o) = rp[i].subtractingReportingOverflow(borrow)
                    rp[i] = d
                    borrow = o ? 1 : 0
                    i += 1
                }
                precondition(borrow == 0, "Magnitude.subtract: a < b")
            }
        }
        normalize(&r)
        return r
    }

    /// a * b by the schoolbook method.
    /// - Complexity: O(m n).
    @usableFromInline
    static func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        if a.isEmpty || b.isEmpty { return [] }
        var r = [UInt64](repeating: 0, count: a.count + b.count)
        r.withUnsafeMutableBufferPointer { rp in
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    for j in 0..<bp.count {
                        let m = bp[j]
                        if m == 0 { continue }
                        var carry: UInt64 = 0
                        for i in 0..<ap.count {
                            let (hi, lo) = ap[i].multipliedFullWidth(by: m)
                            let (s1, o1) = lo.addingReportingOverflow(rp[i + j])
                            let (s2, o2) = s1.addingReportingOverflow(carry)
                            rp[i + j] = s2
                            carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                        }
                        rp[j + ap.count] = carry
                    }
                }
            }
        }
        normalize(&r)
        return r
    }

    /// a * m + c for a single limb m and carry-in c.
    @usableFromInline
    static func multiplyAdd(_ a: [UInt64], _ m: UInt64, _ c: UInt64) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: a.count + 1)
        var carry = c
        for i in 0..<a.count {
            let (hi, lo) = a[i].multipliedFullWidth(by: m)
            let (s, o) = lo.addingReportingOverflow(carry)
            r[i] = s
            carry = hi &+ (o ? 1 : 0)
        }
        r[a.count] = carry
        normalize(&r)
        return r
    }

    /// Quotient and remainder of a by a single nonzero limb.
    /// - Complexity: O(n).
    @usableFromInline
    static func divide(_ a: [UInt64], by d: UInt64) -> (quotient: [UInt64], remainder: UInt64) {
        precondition(d != 0, "Magnitude.divide: division by zero")
        var q = [UInt64](repeating: 0, count: a.count)
        var r: UInt64 = 0
        var i = a.count - 1
        while i >= 0 {
            (q[i], r) = d.dividingFullWidth((r, a[i]))
            i -= 1
        }
        normalize(&q)
        return (q, r)
    }

    /// Quotient and remainder of a by b (b nonzero), Knuth's Algorithm D (TAOCP vol. 2, 4.3.1).
    /// - Complexity: O((m - n + 1) n).
    @usableFromInline
    static func divide(_ a: [UInt64], by b: [UInt64]) -> (quotient: [UInt64], remainder: [UInt64]) {
        precondition(!b.isEmpty, "Magnitude.divide: division by zero")
        if compare(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            let (q, r) = divide(a, by: b[0])
            return (q, r == 0 ? [] : [r])
        }
        let n = b.count
        let m = a.count - n
        let s = b[n - 1].leadingZeroBitCount
        // Normalise: shift so the divisor's top bit is set.
        let v = shiftedLeft(b, s, extraLimb: false)
        var u = shiftedLeft(a, s, extraLimb: true)  // count a.count + 1
        var q = [UInt64](repeating: 0, count: m + 1)
        let vTop = v[n - 1], vNext = v[n - 2]
        var j = m
        while j >= 0 {
            // Estimate qhat from the top two limbs of the current remainder.
            let uTop = u[j + n], uNext = u[j + n - 1], uThird = u[j + n - 2]
            var qhat: UInt64
            var rhat: UInt64
            var rhatOverflow = false
            if uTop >= vTop {
                qhat = UInt64.max
                // rhat = uTop*B + uNext - qhat*vTop = uNext + vTop (when uTop == vTop)
                let (r, o) = uNext.addingReportingOverflow(vTop)
                rhat = r
                rhatOverflow = o
            } else {
                (qhat, rhat) = vTop.dividingFullWidth((uTop, uNext))
            }
            while !rhatOverflow {
                let (ph, pl) = qhat.multipliedFullWidth(by: vNext)
                if ph > rhat || (ph == rhat && pl > uThird) {
                    qhat -= 1
                    let (r, o) = rhat.addingReportingOverflow(vTop)
                    rhat = r
                    rhatOverflow = o
                } else {
                    break
                }
            }
            // Multiply and subtract: u[j...j+n] -= qhat * v.
            var borrow: UInt64 = 0
            var carry: UInt64 = 0
            for i in 0..<n {
                let (ph, pl) = qhat.multipliedFullWidth(by: v[i])
                let (p, o) = pl.addingReportingOverflow(carry)
                carry = ph &+ (o ? 1 : 0)
                let (d1, o1) = u[i + j].subtractingReportingOverflow(p)
                let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                u[i + j] = d2
                borrow = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            let (d1, o1) = u[j + n].subtractingReportingOverflow(carry)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            u[j + n] = d2
            if o1 || o2 {
                // qhat was one too large: add back.
                qhat -= 1
                var c: UInt64 = 0
                for i in 0..<n {
                    let (s1, p1) = u[i + j].addingReportingOverflow(v[i])
                    let (s2, p2) = s1.addingReportingOverflow(c)
                    u[i + j] = s2
                    c = (p1 ? 1 : 0) &+ (p2 ? 1 : 0)
                }
                u[j + n] = u[j + n] &+ c
            }
            q[j] = qhat
            j -= 1
        }
        normalize(&q)
        // Remainder: u[0..<n] >> s.
        var r = Array(u[0..<n])
        if s > 0 {
            for i in 0..<n {
                r[i] = (r[i] >> UInt64(s)) | (i + 1 < n ? r[i + 1] << UInt64(64 - s) : 0)
            }
        }
        normalize(&r)
        return (q, r)
    }

    /// a << s for 0 <= s < 64; with `extraLimb` the result always has a.count + 1 limbs
    /// (not normalised), otherwise exactly a.count limbs (the caller guarantees no bits are lost).
    @usableFromInline
    static func shiftedLeft(_ a: [UInt64], _ s: Int, extraLimb: Bool) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: a.count + (extraLimb ? 1 : 0))
        if s == 0 {
            for i in 0..<a.count { r[i] = a[i] }
            return r
        }
        var carry: UInt64 = 0
        for i in 0..<a.count {
            r[i] = (a[i] << UInt64(s)) | carry
            carry = a[i] >> UInt64(64 - s)
        }
        if extraLimb { r[a.count] = carry }
        return r
    }
}
