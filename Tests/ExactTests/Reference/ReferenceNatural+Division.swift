/// Long division and Euclid's gcd for `ReferenceNatural`.
extension ReferenceNatural {
    /// (floor(self / d), self mod d) for one digit d > 0: short division from the top digit down.
    func quotientAndRemainder(dividingByDigit d: UInt32) -> (quotient: ReferenceNatural, remainder: UInt32) {
        precondition(d != 0, "ReferenceNatural: division by zero")
        var q = [UInt32](repeating: 0, count: digits.count)
        var r: UInt64 = 0
        for i in digits.indices.reversed() {
            let t = r << 32 | UInt64(digits[i])  // r < d, so t < d * 2^32
            q[i] = UInt32(t / UInt64(d))
            r = t % UInt64(d)
        }
        return (ReferenceNatural(digits: q), UInt32(r))
    }

    /// (q, r) with self = q d + r and r < d, for d > 0: schoolbook long division, one base
    /// 2^32 quotient digit at a time (Knuth, TAOCP vol. 2, 4.3.1).
    ///
    /// The running remainder r < d takes the next digit of self (now r < d * 2^32); the quotient
    /// digit is guessed from the two leading digits and lowered while guess * d > r. The guess
    /// is never too small, so the loop finds the exact digit whatever the scaling; scaling d so
    /// that its top digit has the top bit set only bounds the loop to two steps (Knuth's
    /// Theorem B). The quotient is unchanged by the scaling, the remainder is scaled back.
    func quotientAndRemainder(dividingBy d: ReferenceNatural) -> (quotient: ReferenceNatural, remainder: ReferenceNatural) {
        precondition(!d.isZero, "ReferenceNatural: division by zero")
        if self < d { return (.zero, self) }
        let s = d.digits[d.digits.count - 1].leadingZeroBitCount
        let u = shiftedLeft(s), v = d.shiftedLeft(s)
        let n = v.digits.count, vTop = v.digit(n - 1)
        var q = [UInt32](repeating: 0, count: u.digits.count - n + 1)
        var r = ReferenceNatural(digits: Array(u.digits[(u.digits.count - n + 1)...]))  // < v
        for i in q.indices.reversed() {
            r = ReferenceNatural(digits: [u.digits[i]] + r.digits)  // r * 2^32 + digit
            var guess = min((r.digit(n) << 32 | r.digit(n - 1)) / vTop, UInt64(UInt32.max))
            var product = v * ReferenceNatural(guess)
            while r < product {
                guess -= 1
                product = product - v
            }
            r = r - product
            precondition(r < v, "ReferenceNatural: quotient digit too small")
            q[i] = UInt32(guess)
        }
        return (ReferenceNatural(digits: q), r.shiftedRight(s))
    }

    /// The greatest common divisor by Euclid's algorithm; gcd(0, 0) = 0.
    static func gcd(_ a: ReferenceNatural, _ b: ReferenceNatural) -> ReferenceNatural {
        var (x, y) = (a, b)
        while !y.isZero { (x, y) = (y, x.quotientAndRemainder(dividingBy: y).remainder) }
        return x
    }
}
