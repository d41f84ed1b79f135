extension Interval64 {
    /// e^a, monotone: [lo e^lower, hi e^upper], from one kernel evaluation when the interval is narrow.
    /// - Throws: `EnclosureError.exponentialOverflow` when an end it evaluates is 2^24 or more (the
    ///   lower end always; the upper end unless the interval is narrower than 2^-20).
    public func exp() throws -> Interval64 {
        let (l, h) = try ExpKernel64.bounds(lower)
        if lower == upper { return Interval64(lower: l, upper: h) }
        // e^b = e^a e^w <= e^a (1 + 2w) for w = b - a in [0, 1] (e^w <= 1 + w + w^2 <= 1 + 2w).
        let w = Dyadic64.difference(upper, lower, .up)
        if w.top <= -20 {
            return Interval64(lower: l, upper: Dyadic64.sum(h, Dyadic64.product(h, w, .up).timesPowerOfTwo(1), .up))
        }
        return Interval64(lower: l, upper: try ExpKernel64.bounds(upper).upper)
    }
}

/// Bounds of e^x for a ``Dyadic64`` x in fixed point, about 2^-61 apart relative to e^x.
///
/// x = k ln 2 + j / 256 + t with 0 <= t < 2^-8: e^x = 2^k e^(j/256) e^t, the table entry e^(j/256)
/// held to 2^-62, e^t by its Taylor polynomial of degree 7 (remainder at most e^t t^8 / 8!
/// < 1.004 * 2^-64 / 40320 < 2^-79.2; 2^-78 is added).
/// Error budget (each term an upper bound, added to the upper end): ln 2 known to 2^-96 and x
/// truncated to 96 fraction bits, so r = x - k ln 2 is known within (|k| + 1) 2^-96 <= 2^-70; t
/// truncated to 64 fraction bits (2^-64); together a factor e^(2^-63) <= 1 + 2^-62 on the upper end.
/// Horner's floors lose at most 2 (N + 1) units of 2^-127.
enum ExpKernel64 {
    static let degree = 7
    /// Fraction bits of the reduced argument.
    static let argumentBits = 96

    static let constants = Constants()

    struct Constants {
        /// floor(ln 2 2^96); ln 2 2^96 lies in (ln2, ln2 + 1).
        let ln2: Int128
        /// e^(j/256), j = 0..<256, to 62 fraction bits: floor and ceiling.
        let table: [(lo: UInt64, hi: UInt64)]
        /// 1/n!, n = 0...degree, to 127 fraction bits, floors.
        let coefficients: [UInt128]

        init() {
            let l = FixedPointTable.fixed(Enclosure.ln2(precision: 160), fractionBits: ExpKernel64.argumentBits)
            precondition(l.hi == l.lo + 1, "ExpKernel64: ln 2 not separated")
            ln2 = Int128(l.lo)
            table = (0..<256).map { j in
                let e = try! Enclosure(Rational(j).divided(by: 256)).exp(precision: 160)
                let f = FixedPointTable.fixed(e, fractionBits: 62)
                return (UInt64(f.lo), UInt64(f.hi))
            }
            var factorial = BigInt(1)
            var c: [UInt128] = []
            for n in 0...ExpKernel64.degree {
                if n > 0 { factorial = factorial * BigInt(n) }
                c.append(FixedPointTable.fixed(Dyadic.roundedQuotient(BigInt(1), factorial, exponent: 0, bits: 160, .down),
                                               fractionBits: 127, .down))
            }
            coefficients = c
        }
    }

    /// floor(a t / 2^64) and whether bits were lost.
    @inline(__always)
    static func multiply(_ a: UInt128, _ t: UInt64) -> (UInt128, sticky: Bool) {
        let (h1, l1) = UInt64(truncatingIfNeeded: a >> 64).multipliedFullWidth(by: t)
        let (h2, l2) = UInt64(truncatingIfNeeded: a).multipliedFullWidth(by: t)
        // a t = h1 2^128 + (l1 + h2) 2^64 + l2
        return ((UInt128(h1) << 64) &+ UInt128(l1) &+ UInt128(h2), l2 != 0)
    }

    /// lo <= e^x <= hi.
    /// - Throws: `EnclosureError.exponentialOverflow` for x >= 2^24.
    static func bounds(_ x: Dyadic64) throws -> (lower: Dyadic64, upper: Dyadic64) {
        if x.isZero { return (.one, .one) }
        if x.exponent + 64 > 24 {
            guard x.isNegative else { throw EnclosureError.exponentialOverflow }
            // e^x < 2^x <= 2^(-2^24).
            return (.zero, Dyadic64(normalized: 1 << 63, exponent: -(1 << 24) - 63, negative: false))
        }
        let c = constants
        // X = floor(x 2^96); x lies in [X, X + 1] 2^-96.
        let shift = x.exponent + argumentBits
        var magnitude: UInt128, lost = false
        if shift >= 0 {
            magnitude = UInt128(x.significand) << shift
        } else if shift > -64 {
            magnitude = UInt128(x.significand >> UInt64(-shift))
            lost = x.significand << UInt64(64 + shift) != 0
        } else {
            (magnitude, lost) = (0, true)
        }
        var X = Int128(magnitude)
        if x.isNegative { X = -X - (lost ? 1 : 0) }
        // k = floor(X / L), L = ln2 + 1 for X >= 0 and ln2 for X < 0, so r = X - k L is in [0, L) and
        // the real x - k ln 2 lies in [r, r + |k| + 1] 2^-96.
        let L = X >= 0 ? c.ln2 + 1 : c.ln2
        var (k, r) = X.quotientAndRemainder(dividingBy: L)
        if r < 0 { k -= 1; r += L }
        let j = Int(r >> 88)
        let t = UInt64(truncatingIfNeeded: (r & ((1 << 88) - 1)) >> 32)   // 64 fraction bits, floor
        var p = c.coefficients[degree]
        for n in stride(from: degree - 1, through: 0, by: -1) {
            p = c.coefficients[n] &+ multiply(p, t).0
        }
        // Upper: Horner's floors (2 (N + 1) units), the remainder (< 2^-78 = 2^49 units), then the
        // factor 1 + 2^-62 for the truncations of x, ln 2 and t.
        var q = p &+ UInt128(2 * (degree + 1)) &+ (1 << 49)
        q = q &+ (q >> 62) &+ 1
        let (entryLow, entryHigh) = c.table[j]
        let (low, lowSticky) = multiply(p, entryLow)        // 125 fraction bits
        let (high, highSticky) = multiply(q, entryHigh)
        let e = Int(k) - 125
        return (Dyadic64.rounding(low, exponent: e, negative: false, sticky: lowSticky, .down),
                Dyadic64.rounding(high, exponent: e, negative: false, sticky: highSticky, .up))
    }
}
