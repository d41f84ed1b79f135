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

extension Interval64 {
    /// floor(e^(a 2^u) 2^F) and ceiling(e^(b 2^u) 2^F) for integers a <= b <= 0 and 0 <= F <= 62: the
    /// exponentials of a softmax row's shifted scores (exact integer ends at one binary unit), straight
    /// onto a fixed-point grid, without a rounding to 64-bit dyadics in between.
    public static func exponentialOnGrid(_ a: Int128, _ b: Int128, exponent u: Int, fractionBits F: Int) -> (lower: Int64, upper: Int64) {
        ExpKernel64.fixedBounds(a, b, exponent: u, fractionBits: F)
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
        let r = reduced(X)
        let e = r.k - 125
        return (Dyadic64.rounding(r.low, exponent: e, negative: false, sticky: r.lowSticky, .down),
                Dyadic64.rounding(r.high, exponent: e, negative: false, sticky: r.highSticky, .up))
    }

    /// For x in [X, X + 1] 2^-96 with |X| < 2^120: e^x lies in [low, high + (highSticky ? 1 : 0)]
    /// 2^(k - 125) (and above low + (lowSticky ? 1 : 0) there).
    @inline(__always)
    static func reduced(_ X: Int128) -> (k: Int, low: UInt128, lowSticky: Bool, high: UInt128, highSticky: Bool) {
        let c = constants
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
        return (Int(k), low, lowSticky, high, highSticky)
    }

    /// floor(e^(a 2^u) 2^F) and ceiling(e^(b 2^u) 2^F), for integers a <= b <= 0 and 0 <= F <= 62:
    /// the exponentials of a softmax row's shifted scores (exact integer ends at one binary unit),
    /// straight onto a fixed-point grid, both at most 2^F + 1.
    static func fixedBounds(_ a: Int128, _ b: Int128, exponent u: Int, fractionBits F: Int) -> (lower: Int64, upper: Int64) {
        precondition(a <= b && b <= 0 && F >= 0 && F <= 62, "ExpKernel64: fixed bounds of a <= b <= 0 only")
        /// X = floor (`up` false) or ceiling of v 2^(u + 96); nil when v 2^u < -2^24 (e^x < 2^-(2^24)).
        func argument(_ v: Int128, up: Bool) -> Int128? {
            if v == 0 { return 0 }
            let bits = Int128.bitWidth - v.magnitude.leadingZeroBitCount
            if bits + u > 24 { return nil }
            let shift = u + argumentBits
            if shift >= 0 { return v << shift }
            if -shift >= 127 { return up ? 0 : -1 }
            return up ? -((-v) >> -shift) : v >> -shift
        }
        /// value 2^(k - 125) on the grid 2^-F, rounded down or up.
        func onGrid(_ value: UInt128, sticky: Bool, k: Int, up: Bool) -> Int64 {
            let shift = 125 - F - k          // >= 63, since k <= 0
            if shift >= 128 { return up && (value != 0 || sticky) ? 1 : 0 }
            let kept = value >> shift
            let lost = sticky || value & ((1 << shift) - 1) != 0
            return Int64(kept) + (up && lost ? 1 : 0)
        }
        func upperAt(_ v: Int128) -> Int64 {
            guard let X = argument(v, up: true) else { return 1 }
            let r = reduced(X)
            return onGrid(r.high, sticky: r.highSticky, k: r.k, up: true)
        }
        guard let Xa = argument(a, up: false) else { return (0, upperAt(b)) }
        let r = reduced(Xa)
        let lower = onGrid(r.low, sticky: false, k: r.k, up: false)
        if a == b { return (lower, onGrid(r.high, sticky: r.highSticky, k: r.k, up: true)) }
        // e^(b 2^u) <= e^(a 2^u) (1 + 2w) for w = (b - a) 2^u <= 2^-20: 2w to 64 fraction bits, rounded up.
        let d = b - a, width = Int128.bitWidth - d.leadingZeroBitCount
        guard width + u <= -20 else { return (lower, upperAt(b)) }
        let s = u + 65
        let f = UInt64(s >= 0 ? d << s : (s <= -127 ? 1 : ((d - 1) >> -s) + 1))
        // (H + 1)(1 + f 2^-64) < H + floor(H f 2^-64) + 3.
        let high = r.high &+ multiply(r.high, f).0 &+ 3
        return (lower, onGrid(high, sticky: false, k: r.k, up: true))
    }
}
