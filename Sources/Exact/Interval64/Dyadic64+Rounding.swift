extension Dyadic64 {
    /// ±(m + f) 2^e rounded to 64 bits in `direction`, where f is in (0, 1) when `sticky` (bits lost
    /// below m's last bit) and 0 otherwise. With `sticky`, m must have at least 64 bits (m >= 2^63), so
    /// that f stays below the last kept bit.
    @inlinable
    internal static func rounding(_ m: UInt128, exponent e: Int, negative: Bool, sticky: Bool,
                                  _ direction: RoundingDirection) -> Dyadic64 {
        assert(!sticky || m == 0 || m >= 1 << 63, "Dyadic64: a sticky bit below a significand of under 64 bits")
        let magnitudeUp = (direction == .up) != negative
        if m == 0 {
            // The value is 0 or lies strictly between 0 and 2^e.
            guard sticky && magnitudeUp else { return .zero }
            return Dyadic64(normalized: 1 << 63, exponent: e - 63, negative: negative)
        }
        let shift = m.leadingZeroBitCount
        let top = m &<< UInt128(shift)
        var s = UInt64(truncatingIfNeeded: top &>> 64)
        var exponent = e - shift + 64
        if magnitudeUp && (sticky || UInt64(truncatingIfNeeded: top) != 0) {
            s &+= 1
            if s == 0 { s = 1 << 63; exponent += 1 }
        }
        return Dyadic64(normalized: s, exponent: exponent, negative: negative)
    }

    /// a b rounded to 64 bits in `direction`.
    @inlinable
    public static func product(_ a: Dyadic64, _ b: Dyadic64, _ direction: RoundingDirection) -> Dyadic64 {
        if a.isZero || b.isZero { return .zero }
        let (h, l) = a.significand.multipliedFullWidth(by: b.significand)
        return rounding(UInt128(h) &<< 64 | UInt128(l), exponent: a.exponent + b.exponent,
                        negative: a.isNegative != b.isNegative, sticky: false, direction)
    }

    /// a + b rounded to 64 bits in `direction`.
    ///
    /// Both significands are placed on the grid 64 bits below the larger one's last bit; what the
    /// smaller loses there is kept as a sticky bit, so the rounding is of the exact sum.
    @inlinable
    public static func sum(_ a: Dyadic64, _ b: Dyadic64, _ direction: RoundingDirection) -> Dyadic64 {
        if a.isZero { return b }
        if b.isZero { return a }
        var (x, y) = (a, b)
        if y.exponent > x.exponent || (y.exponent == x.exponent && y.significand > x.significand) { swap(&x, &y) }
        // |x| >= |y|; X is x exactly on the grid 2^(x.e - 64), Y is y's floor there (plus sticky).
        let d = x.exponent - y.exponent
        let X = UInt128(x.significand) &<< 64
        var Y: UInt128
        var sticky: Bool
        if d >= 128 {
            (Y, sticky) = (0, true)
        } else {
            let full = UInt128(y.significand) &<< 64
            Y = full &>> UInt128(d)
            sticky = d > 0 && full &<< UInt128(128 - d) != 0
        }
        var exponent = x.exponent - 64
        var s: UInt128
        if x.isNegative == y.isNegative {
            let (t, carry) = X.addingReportingOverflow(Y)
            s = t
            if carry {
                sticky = sticky || t & 1 != 0
                s = (t &>> 1) | (1 << 127)
                exponent += 1
            }
        } else {
            // |x| - |y| with |y| = Y + f, f in (0, 1) when sticky: X - Y - 1 + (1 - f).
            s = X &- Y
            if sticky { s &-= 1 }
        }
        return rounding(s, exponent: exponent, negative: x.isNegative, sticky: sticky, direction)
    }

    /// a - b rounded to 64 bits in `direction`.
    @inlinable
    public static func difference(_ a: Dyadic64, _ b: Dyadic64, _ direction: RoundingDirection) -> Dyadic64 {
        sum(a, -b, direction)
    }

    /// a / b rounded to 64 bits in `direction`; b must not be zero.
    public static func quotient(_ a: Dyadic64, _ b: Dyadic64, _ direction: RoundingDirection) -> Dyadic64 {
        precondition(!b.isZero, "Dyadic64: division by zero")
        if a.isZero { return .zero }
        // (ma 2^64) / mb lies in (2^63, 2^65): at least 64 bits of quotient, the rest sticky.
        let n = UInt128(a.significand) &<< 64
        let (q, r) = n.quotientAndRemainder(dividingBy: UInt128(b.significand))
        return rounding(q, exponent: a.exponent - 64 - b.exponent, negative: a.isNegative != b.isNegative,
                        sticky: r != 0, direction)
    }

    /// sqrt(a) rounded to 64 bits in `direction`; a must be >= 0.
    public static func squareRoot(_ a: Dyadic64, _ direction: RoundingDirection) -> Dyadic64 {
        precondition(!a.isNegative, "Dyadic64: square root of a negative number")
        if a.isZero { return .zero }
        // a = M 2^(2k) with M = m 2^s in [2^126, 2^128), s in {63, 64} making the exponent even.
        let s = (a.exponent - 63) & 1 == 0 ? 63 : 64
        let M = UInt128(a.significand) &<< UInt128(s)
        let root = integerSquareRoot(M)   // floor(sqrt M), in [2^63, 2^64)
        let exact = UInt128(root) * UInt128(root) == M
        return rounding(UInt128(root), exponent: (a.exponent - s) / 2, negative: false, sticky: !exact, direction)
    }

    /// floor(sqrt(n)) for n >= 2^126, by Newton's iteration from above.
    @usableFromInline
    internal static func integerSquareRoot(_ n: UInt128) -> UInt64 {
        var x: UInt128 = UInt128(UInt64.max)   // sqrt(n) < 2^64 <= x + 1
        while true {
            let y = (x + n / x) >> 1
            if y >= x { return UInt64(x) }
            x = y
        }
    }
}
