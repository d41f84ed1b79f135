extension DotAccumulator {
    /// Adds (na nb) / (da db) for nonzero na, nb and positive da, db.
    @usableFromInline
    internal mutating func addTerm(_ na: BigInt, _ nb: BigInt, _ da: BigInt, _ db: BigInt) {
        let termNegative = na.isNegative != nb.isNegative
        // Room for the cofactor D / (da db) after any extension of D, and for the term numerator.
        let qCap = den.limbCount + da.limbCount + db.limbCount + 2
        let tCap = qCap + na.limbCount + nb.limbCount + 1
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * qCap + 2 * tCap) { buffer in
            let base = buffer.baseAddress.unsafelyUnwrapped
            var q = base, spare = base + qCap
            let t = base + 2 * qCap, u = t + tCap
            // q = D, then divide by db and da (extending D where they do not divide it).
            var qn = den.withMagnitude { p, n in q.update(from: p, count: n); return n }
            for step in 0..<2 {
                let f = step == 0 ? db : da
                if f.isOne { continue }
                if let n = DotAccumulator.divideExactly(q, qn, by: f, into: spare) {
                    swap(&q, &spare)
                    qn = n
                } else {
                    qn = extend(q, qn, toBeDivisibleBy: f)
                }
            }
            // t = |na| |nb| q
            let pn = na.withMagnitude { ap, an in
                nb.withMagnitude { bp, bn in
                    Limbs.multiply(u, ap, an, bp, bn)
                    return Limbs.normalizedCount(u, an + bn)
                }
            }
            let tn: Int
            if qn == 1 && q[0] == 1 {
                t.update(from: u, count: pn)
                tn = pn
            } else {
                Limbs.multiply(t, u, pn, q, qn)
                tn = Limbs.normalizedCount(t, pn + qn)
            }
            if termNegative { negative.add(t, tn) } else { positive.add(t, tn) }
        }
    }

    /// Writes x / f to r when f (> 0) divides x[0..<n] exactly and returns the quotient's limb
    /// count; returns nil (r clobbered, x intact) when it does not.
    @usableFromInline
    internal static func divideExactly(_ x: ConstLimbPointer, _ n: Int, by f: BigInt, into r: LimbPointer) -> Int? {
        if f.heap == nil {
            let w = UInt64(bitPattern: f.word)
            if w & (w - 1) == 0 {
                // Power of two: a shift.
                let k = w.trailingZeroBitCount
                if x[0] & (w - 1) != 0 { return nil }
                Limbs.shiftRight(r, x, n, k)
                return Limbs.normalizedCount(r, n)
            }
            if Limbs.divRem1(r, x, n, w) != 0 { return nil }
            return Limbs.normalizedCount(r, n)
        }
        return f.withMagnitude { fp, fn in
            if n < fn { return nil }
            return Limbs.withKnuthDivision(x, n, fp, fn) { qp, qn, rp, rn in
                if Limbs.normalizedCount(rp, rn) != 0 { return nil }
                r.update(from: qp, count: qn)
                return Limbs.normalizedCount(r, qn)
            }
        }
    }

    /// f does not divide q = x[0..<n]: with g = gcd(q, f), multiplies D and both sums by f / g
    /// (so that the new q, q f / g, is divisible by f) and replaces q by the quotient q / g.
    /// Returns the new count of q. Allocates (the rare path).
    @usableFromInline
    internal mutating func extend(_ x: LimbPointer, _ n: Int, toBeDivisibleBy f: BigInt) -> Int {
        if f.heap == nil {
            // Word factor: word gcd, in-place word multiplications, no gcd of big numbers.
            let w = UInt64(bitPattern: f.word)
            let g = Limbs.gcd(w, Limbs.mod1(x, n, w))
            let m = w / g
            den = den.multiplied(byLimb: m, negative: false)
            positive.multiply(byWord: m)
            negative.multiply(byWord: m)
            if g == 1 { return n }
            if g & (g - 1) == 0 {
                Limbs.shiftRight(x, x, n, g.trailingZeroBitCount)
            } else {
                _ = Limbs.divRem1(x, x, n, g)
            }
            return Limbs.normalizedCount(x, n)
        }
        // Multi-limb factor: g = gcd(q, f), m = f / g, q = q / g, all in scratch.
        return f.withMagnitude { fp, fn in
            let cap = max(n, fn) + 1
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * cap) { buffer in
                let g = buffer.baseAddress.unsafelyUnwrapped, m = g + cap
                let gn = Limbs.gcdAny(g, x, n, fp, fn)
                let mn = Limbs.divideExactly(m, fp, fn, g, gn)
                let factor = BigInt.build(capacity: mn, negative: false) { r in r.update(from: m, count: mn); return mn }
                den = den * factor
                positive.multiply(by: factor)
                negative.multiply(by: factor)
                if gn == 1 && g[0] == 1 { return n }
                return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { t in
                    let tp = t.baseAddress.unsafelyUnwrapped
                    let qn = Limbs.divideExactly(tp, x, n, g, gn)
                    x.update(from: tp, count: qn)
                    return qn
                }
            }
        }
    }
}
