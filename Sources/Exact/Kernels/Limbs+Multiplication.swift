extension Limbs {
    /// From this many limbs (of the shorter factor) on, multiplication uses Karatsuba.
    /// Measured: see the note at the end of this file.
    @usableFromInline static let karatsubaThreshold = 32

    /// r[0..<an+bn] = a[0..<an] * b[0..<bn] by the schoolbook method, an >= 1, bn >= 1.
    /// r must not overlap a or b.
    /// - Complexity: O(an * bn).
    @inlinable
    static func mulSchoolbook(_ r: LimbPointer, _ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int) {
        r[an] = mul1(r, a, an, b[0])
        var j = 1
        while j < bn {
            r[an + j] = addMul1(r + j, a, an, b[j])
            j += 1
        }
    }

    /// Scratch limbs that `mul` needs for factors of these sizes.
    /// Bound: unbalanced chunking nests along a Euclid-like chain of chunk sizes (sum <= 4n,
    /// 2 buffers each) and Karatsuba needs 6l + 2 per level (sum <= 6n + 2 log n).
    @usableFromInline
    static func mulScratchCount(_ an: Int, _ bn: Int, threshold: Int = karatsubaThreshold) -> Int {
        let n = min(an, bn)
        return n < threshold ? 0 : 16 * n + 256
    }

    /// r[0..<an+bn] = a * b, choosing schoolbook or Karatsuba; an, bn >= 1.
    /// r must not overlap a or b; `scratch` has at least `mulScratchCount(an, bn)` limbs.
    /// - Complexity: O(n^1.585) for balanced sizes above the threshold.
    @usableFromInline
    static func mul(_ r: LimbPointer, _ a: ConstLimbPointer, _ an: Int, _ b: ConstLimbPointer, _ bn: Int,
                    scratch: LimbPointer, threshold: Int = karatsubaThreshold) {
        if an < bn { return mul(r, b, bn, a, an, scratch: scratch, threshold: threshold) }
        if bn < threshold {
            mulSchoolbook(r, a, an, b, bn)
            return
        }
        if an == bn {
            mulKaratsuba(r, a, b, an, scratch: scratch, threshold: threshold)
            return
        }
        // Unbalanced: multiply bn-limb chunks of a by b and add them in.
        let tmp = scratch
        let rest = scratch + 2 * bn + 2
        mulKaratsuba(r, a, b, bn, scratch: rest, threshold: threshold)
        var filled = 2 * bn  // r[0..<filled] is valid
        var offset = bn
        while offset < an {
            let chunk = min(bn, an - offset)
            mul(tmp, b, bn, a + offset, chunk, scratch: rest, threshold: threshold)
            // r[offset..<offset+chunk+bn] += tmp; r beyond `filled` is not yet initialised.
            let overlap = filled - offset
            let carry = addN(r + offset, r + offset, tmp, overlap)
            (r + filled).update(from: tmp + overlap, count: chunk + bn - overlap)
            _ = addLimb(r + filled, chunk + bn - overlap, carry)
            filled = offset + chunk + bn
            offset += chunk
        }
    }

    /// r[0..<2n] = a[0..<n] * b[0..<n] by Karatsuba's method (subtractive form).
    /// See Knuth, TAOCP vol. 2, 4.3.3.A.
    @usableFromInline
    static func mulKaratsuba(_ r: LimbPointer, _ a: ConstLimbPointer, _ b: ConstLimbPointer, _ n: Int,
                             scratch: LimbPointer, threshold: Int = karatsubaThreshold) {
        if n < threshold {
            mulSchoolbook(r, a, n, b, n)
            return
        }
        let l = (n + 1) / 2, h = n - l  // low and high part sizes, h <= l
        let da = scratch, db = scratch + l, m = scratch + 2 * l, t = scratch + 4 * l
        let rest = scratch + 6 * l + 2
        // da = |a0 - a1|, db = |b1 - b0|, with signs.
        let aNeg = absDifference(da, a, l, a + l, h)
        let bNeg = absDifference(db, b + l, h, b, l)
        // z0 = a0 b0 in r[0..<2l], z2 = a1 b1 in r[2l..<2n].
        mulKaratsuba(r, a, b, l, scratch: rest, threshold: threshold)
        mulKaratsuba(r + 2 * l, a + l, b + l, h, scratch: rest, threshold: threshold)
        mulKaratsuba(m, da, db, l, scratch: rest, threshold: threshold)
        // middle = z0 + z2 + (a0 - a1)(b1 - b0); (a0-a1)(b1-b0) = s * m.
        t.update(from: r, count: 2 * l)
        t[2 * l] = 0
        let c2 = add(t, t, 2 * l, r + 2 * l, 2 * h)
        t[2 * l] = c2
        if aNeg == bNeg {
            t[2 * l] &+= addN(t, t, m, 2 * l)
        } else {
            t[2 * l] &-= subN(t, t, m, 2 * l)
        }
        // r[l..<2n] += t[0..<2l+1]
        let span = 2 * n - l  // limbs from l to the top
        let carry = addN(r + l, r + l, t, min(2 * l + 1, span))
        if 2 * l + 1 < span { _ = addLimb(r + l + 2 * l + 1, span - 2 * l - 1, carry) }
    }

    /// r[0..<l] = |x[0..<xn] - y[0..<yn]| where max(xn, yn) == l; returns true when x < y.
    @usableFromInline
    static func absDifference(_ r: LimbPointer, _ x: ConstLimbPointer, _ xn: Int, _ y: ConstLimbPointer, _ yn: Int) -> Bool {
        let xl = normalizedCount(x, xn), yl = normalizedCount(y, yn)
        let l = max(xn, yn)
        if compare(x, xl, y, yl) >= 0 {
            _ = sub(r, x, xl, y, yl)
            (r + xl).update(repeating: 0, count: l - xl)
            return false
        } else {
            _ = sub(r, y, yl, x, xl)
            (r + yl).update(repeating: 0, count: l - yl)
            return true
        }
    }
}

// Karatsuba threshold, measured with `hardmax-bench arithmetic --measure-karatsuba` (release,
// thread CPU time, best of 7 interleaved rounds; ns per n x n product, schoolbook vs one
// Karatsuba level over schoolbook):
//   n:          12   16   20   24    28    32    36    40    48    64    96   128
//   schoolbook 260  399  579  797  1056  1355  1692  2068  2941  5178 11513 21237
//   one level  417  524  693  890  1095  1345  1604  1909  2597  4344  9266 16113
//   ratio %    160  131  119  111   103    99    94    92    88    83    80    75
// The crossover is at about 32 limbs, hence `karatsubaThreshold = 32`.
