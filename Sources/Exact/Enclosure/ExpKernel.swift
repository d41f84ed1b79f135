/// e^x at a dyadic point, in fixed point: argument reduction x = k ln 2 + r, halving
/// u = r / 2^s, a Taylor polynomial for e^u with its rounding and remainder counted, and s
/// squarings, each rounded outward. No `Rational` arithmetic: integers scaled by 2^-W.
enum ExpKernel {
    /// The k of the reduction: the integer nearest x / ln 2 (within 1/2 + 2^-21), for |x| < 2^40.
    /// Any k gives a correct result; this one makes |x - k ln 2| < 0.35 (k = 0 for |x| < 0.34).
    static func reductionMultiple(_ x: Dyadic) -> Int {
        if x.top <= -2 { return 0 }
        let (xl, _) = FixedPoint.bounds(x, fractionBits: 64)
        let l = EnclosureConstants.ln2(bits: 64).lo
        // floor((2X + L) / (2L)) = round(X / L).
        let (q, r) = ((xl << 1) + l).quotientAndRemainder(dividingBy: l << 1)
        return (r.signum < 0 ? q - BigInt(1) : q).intValue ?? 0
    }

    /// Sum of the Taylor series of e^t, t = T * 2^-W with |t| <= 1/2, in units of 2^-W, and N.
    ///
    /// Terms c_0 = 2^W, c_j = floor(c_(j-1) |T| / (2^W j)) (one floor: nested floors), signs
    /// (-1)^j when T < 0, until c_N = 0. Bound: |sum - 2^W e^t| <= 2N + 2.
    /// Proof: with a_j = 2^W |t|^j / j!, |c_j - a_j| <= 1 + |c_(j-1) - a_(j-1)| |t| / j, so by
    /// induction every |c_j - a_j| <= 2 (|t| <= 1/2); the N computed terms are off by 2N at most,
    /// and the tail sum_(j > N) a_j <= a_N (|t| + |t|^2 + ...) <= a_N <= |c_N| + 2 = 2.
    /// - Complexity: N products of W-bit numbers, N divisions by a word; N ~ W / log2(1/|t|).
    static func taylor(_ t: BigInt, fractionBits w: Int) -> (sum: BigInt, terms: Int) {
        precondition(t.bitLength < w, "ExpKernel.taylor: |t| >= 1/2")
        if t.isZero { return (BigInt(1) << w, 0) }
        let negative = t.signum < 0
        // Multiply by the odd part of |T| and shift less: the same floor, smaller products.
        let z = t.trailingZeroBitCount
        let odd = t.magnitude >> z, shift = w - z
        var c = BigInt(1) << w
        var sum = c
        var j = 1
        while true {
            c = (c * odd) >> shift
            c = c / BigInt(j)
            if c.isZero { break }
            if negative && j & 1 == 1 { sum -= c } else { sum += c }
            j += 1
        }
        return (sum, j)
    }

    /// e^x in [lo, hi] * 2^(k - W), with the given reduction multiple k, s halvings and W fraction bits.
    ///
    /// Proof of the enclosure:
    /// 1. x * 2^W lies in [X1, X2] (floor, ceil) and k ln 2 * 2^W in [K1, K2] (from ln 2 to
    ///    W + bits(k) bits, rounded outward), so r = x - k ln 2 lies in [R1, R2] * 2^-W,
    ///    R1 = X1 - K2, R2 = X2 - K1.
    /// 2. u = r / 2^s lies in [T, T + D] * 2^-W with T = floor(R1 / 2^s), D = ceil(R2 / 2^s) - T.
    /// 3. `taylor` gives S with |S - 2^W e^t| <= E = 2N + 2 at t = T 2^-W. As t <= u <= t + D 2^-W
    ///    and e^(D 2^-W) <= 1 + 2 D 2^-W for D 2^-W <= 1, and (S + E) 2^-W <= 2,
    ///    e^u lies in [S - E, S + E + 4D] * 2^-W.
    /// 4. e^(2v) = (e^v)^2: squaring [L, H] to [floor(L^2 / 2^W), ceil(H^2 / 2^W)] s times keeps
    ///    the enclosure (L >= 0), so e^r = (e^u)^(2^s) lies in [L, H] * 2^-W, and e^x = 2^k e^r.
    /// Width: the relative width (2E + 4D) 2^-W at most doubles per squaring, plus 2^(1-W) for
    /// its roundings: about 2^(s - W) (8N + 32) in all.
    static func scaled(_ x: Dyadic, k: Int, halvings s: Int, fractionBits w: Int) -> (lo: BigInt, hi: BigInt) {
        var (r1, r2) = FixedPoint.bounds(x, fractionBits: w)
        if k != 0 {
            let n = BigInt(k).bitLength
            let (l1, l2) = EnclosureConstants.ln2(bits: w + n)
            let kk = BigInt(k)
            let (p1, p2) = k > 0 ? (kk * l1, kk * l2) : (kk * l2, kk * l1)
            r1 -= FixedPoint.ceilShift(p2, n)
            r2 -= p1 >> n
        }
        let t = r1 >> s
        let d = FixedPoint.ceilShift(r2, s) - t
        let (sum, terms) = taylor(t, fractionBits: w)
        let e = BigInt(2 * terms + 2)
        var lo = sum - e
        var hi = sum + e + (d << 2)
        for _ in 0..<s {
            lo = lo.signum > 0 ? (lo * lo) >> w : BigInt.zero
            hi = FixedPoint.ceilShift(hi * hi, w)
        }
        return (lo, hi)
    }

    /// An enclosure [lower, upper] of e^x with ends of at most p bits, for |x| < 2^40.
    ///
    /// Width: at most 2^(3-p) e^x. Proof: with W = p + s + 16 the fixed-point width is about
    /// 2^(s-W) (8N + 32) = 2^(-p-16) (8N + 32) relative, below 2^(-p-4) for N <= 1500 terms (the
    /// halving to |u| <= 2^-isqrt(p) keeps N near sqrt(p); 31 terms at p = 1024); rounding each
    /// end outward to p bits adds at most 2^(1-p) e^x each.
    /// Tiny |x| < 2^-(p+1): 1 + x <= e^x <= 1 + x + x^2 <= 1 + 2x (x > 0), and
    /// e^x <= 1 + x + x^2/2 <= 1 + x/2 (x < 0), with no series at all.
    static func enclose(_ x: Dyadic, bits p: Int) -> (Dyadic, Dyadic) {
        if x.isZero { return (.one, .one) }
        if x.top <= -(p + 1) {
            let up = x.signum > 0 ? x.timesPowerOfTwo(1) : x.timesPowerOfTwo(-1)
            return (Dyadic.sum(.one, x, bits: p, .down), Dyadic.sum(.one, up, bits: p, .up))
        }
        let k = reductionMultiple(x)
        let rTop = k == 0 ? x.top : -1
        let s = Swift.max(0, Int(FixedPoint.squareRoot(UInt64(p))) + rTop)
        let w = p + s + 16
        let (lo, hi) = scaled(x, k: k, halvings: s, fractionBits: w)
        return (Dyadic.rounding(lo, exponent: k - w, bits: p, .down), Dyadic.rounding(hi, exponent: k - w, bits: p, .up))
    }
}
