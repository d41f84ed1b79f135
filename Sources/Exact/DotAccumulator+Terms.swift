extension LimbAccumulator {
    /// Makes the running denominator a multiple of d (> 0); the sums stay consistent.
    @usableFromInline
    internal mutating func absorbDenominator(_ d: BigInt) {
        addTerm(BigInt(inline: 0), BigInt(inline: 0), d, BigInt(inline: 1))
    }

    /// Adds (na nb) / (da db) for positive da, db (a zero numerator only absorbs da db into D).
    @usableFromInline
    internal mutating func addTerm(_ na: BigInt, _ nb: BigInt, _ da: BigInt, _ db: BigInt) {
        let termNegative = na.isNegative != nb.isNegative
        // Room for the cofactor D / (da db) after any extension of D, and for the term numerator.
        let qCap = den.limbCount + da.limbCount + db.limbCount + 2
        let aCap = na.limbCount + 1, bCap = nb.limbCount + 1
        let tCap = qCap + aCap + bCap
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 3 * qCap + 2 * tCap + aCap + bCap) { buffer in
            let base = buffer.baseAddress.unsafelyUnwrapped
            var q = base, spare = base + qCap
            let t = base + 2 * qCap, u = t + tCap, a = u + tCap, b = a + aCap, rem = b + bCap
            // q = D, then divide by db and da (extending D where they do not divide it). Two word
            // factors whose product fits a word are divided out in one pass. (Operands are copied
            // into the scratch, which costs less than the reference counting of closure access.)
            var qn = den.copyMagnitude(to: q)
            if da.heap == nil && db.heap == nil {
                let (w, o) = UInt64(bitPattern: da.word).multipliedReportingOverflow(by: UInt64(bitPattern: db.word))
                if !o {
                    absorb(word: w, &q, &qn, &spare)
                } else {
                    absorb(word: UInt64(bitPattern: db.word), &q, &qn, &spare)
                    absorb(word: UInt64(bitPattern: da.word), &q, &qn, &spare)
                }
            } else {
                absorb(db, &q, &qn, &spare, remainder: rem)
                absorb(da, &q, &qn, &spare, remainder: rem)
            }
            // t = |na| |nb| q
            if na.isZero || nb.isZero { return }  // only the denominator was absorbed
            let an = na.copyMagnitude(to: a), bn = nb.copyMagnitude(to: b)
            Limbs.multiply(u, a, an, b, bn)
            let pn = Limbs.normalizedCount(u, an + bn)
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

    /// q = q / f for f > 0, extending D (and both sums) first when f does not divide q.
    @inlinable @inline(__always)
    internal mutating func absorb(_ f: BigInt, _ q: inout LimbPointer, _ qn: inout Int, _ spare: inout LimbPointer,
                                  remainder rem: LimbPointer) {
        if f.heap == nil {
            absorb(word: UInt64(bitPattern: f.word), &q, &qn, &spare)
            return
        }
        let (n, rn) = LimbAccumulator.divide(q, qn, by: f, into: spare, remainder: rem)
        if let n = n {
            swap(&q, &spare)
            qn = n
        } else {
            qn = extend(q, qn, toBeDivisibleBy: f, remainder: rem, rn)
        }
    }

    /// q = q / w for a word w > 0, extending D (and both sums) by w / gcd(q, w) first when w does
    /// not divide q. One pass over q when w divides it (a shift for a power of two), two when
    /// it does not; no allocation unless a sum outgrows its buffer.
    @usableFromInline
    internal mutating func absorb(word w: UInt64, _ q: inout LimbPointer, _ qn: inout Int, _ spare: inout LimbPointer) {
        if w == 1 { return }
        let r: UInt64
        if w & (w - 1) == 0 {
            let k = w.trailingZeroBitCount
            r = q[0] & (w - 1)
            if r == 0 {
                Limbs.shiftRight(spare, q, qn, k)
                swap(&q, &spare)
                qn = Limbs.normalizedCount(q, qn)
                return
            }
        } else if qn == 1 {
            let (quotient, remainder) = q[0].quotientAndRemainder(dividingBy: w)
            if remainder == 0 {
                q[0] = quotient
                return
            }
            r = remainder
        } else {
            r = Limbs.divRem1(spare, q, qn, w)
            if r == 0 {
                swap(&q, &spare)
                qn = Limbs.normalizedCount(q, qn)
                return
            }
        }
        // w does not divide q: g = gcd(q, w) = gcd(w, q mod w); D, P, M *= w / g; q = q / g.
        let g = Limbs.gcd(w, r)
        let m = w / g
        den.multiply(byWord: m)
        positive.multiply(byWord: m)
        negative.multiply(byWord: m)
        if g == 1 { return }
        if g & (g - 1) == 0 {
            Limbs.shiftRight(q, q, qn, g.trailingZeroBitCount)
        } else {
            _ = Limbs.divRem1(q, q, qn, g)
        }
        qn = Limbs.normalizedCount(q, qn)
    }

    /// Divides x[0..<n] by the multi-limb f: when f divides it, writes the quotient to r and
    /// returns its limb count; otherwise returns nil and the remainder x mod f in rem (room for
    /// f's limbs) with its normalised count. x is left intact.
    @usableFromInline
    internal static func divide(_ x: ConstLimbPointer, _ n: Int, by f: BigInt, into r: LimbPointer,
                                remainder rem: LimbPointer) -> (Int?, Int) {
        f.withMagnitude { fp, fn in
            if n < fn {
                rem.update(from: x, count: n)
                return (nil, n)
            }
            return Limbs.withKnuthDivision(x, n, fp, fn) { qp, qn, rp, rn in
                let remainderCount = Limbs.normalizedCount(rp, rn)
                if remainderCount != 0 {
                    rem.update(from: rp, count: remainderCount)
                    return (nil, remainderCount)
                }
                r.update(from: qp, count: qn)
                return (Limbs.normalizedCount(r, qn), 0)
            }
        }
    }

    /// The multi-limb f does not divide q = x[0..<n]: with g = gcd(q, f), multiplies D and both sums by f / g
    /// (so that the new q, q f / g, is divisible by f) and replaces q by the quotient q / g.
    /// Returns the new count of q. Allocates (the rare path).
    @usableFromInline
    internal mutating func extend(_ x: LimbPointer, _ n: Int, toBeDivisibleBy f: BigInt,
                                  remainder rem: ConstLimbPointer, _ rn: Int) -> Int {
        // Multi-limb factor: g = gcd(q, f) = gcd(f, q mod f), m = f / g, q = q / g, in scratch.
        return f.withMagnitude { fp, fn in
            let cap = max(n, fn) + 1
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * cap) { buffer in
                let g = buffer.baseAddress.unsafelyUnwrapped, m = g + cap
                let gn = Limbs.gcdAny(g, fp, fn, rem, rn)
                let mn = Limbs.divideExactly(m, fp, fn, g, gn)
                let factor = BigInt.build(capacity: mn, negative: false) { r in r.update(from: m, count: mn); return mn }
                den.multiply(by: factor)
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
