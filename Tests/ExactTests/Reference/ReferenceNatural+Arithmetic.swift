/// Schoolbook addition, subtraction, multiplication and shifts of `ReferenceNatural`.
///
/// Each loop handles one base 2^32 digit with a `UInt64` intermediate that cannot overflow:
/// a digit sum plus carry is below 2^33, a digit product plus a digit plus a carry is at most
/// (2^32 - 1)^2 + 2 (2^32 - 1) = 2^64 - 1.
extension ReferenceNatural {
    /// a + b.
    static func + (a: ReferenceNatural, b: ReferenceNatural) -> ReferenceNatural {
        var r: [UInt32] = []
        var carry: UInt64 = 0
        for i in 0..<max(a.digits.count, b.digits.count) {
            let s = a.digit(i) + b.digit(i) + carry
            r.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        r.append(UInt32(carry))
        return ReferenceNatural(digits: r)
    }

    /// a - b. - Precondition: a >= b.
    static func - (a: ReferenceNatural, b: ReferenceNatural) -> ReferenceNatural {
        precondition(b <= a, "ReferenceNatural: negative difference")
        var r: [UInt32] = []
        var borrow: UInt64 = 0
        for i in 0..<a.digits.count {
            let x = a.digit(i), y = b.digit(i) + borrow
            borrow = x < y ? 1 : 0
            r.append(UInt32(x + (borrow << 32) - y))
        }
        return ReferenceNatural(digits: r)
    }

    /// a * b: every digit of a times every digit of b, added in at position i + j.
    static func * (a: ReferenceNatural, b: ReferenceNatural) -> ReferenceNatural {
        var r = [UInt32](repeating: 0, count: a.digits.count + b.digits.count)
        for i in a.digits.indices {
            var carry: UInt64 = 0
            for j in b.digits.indices {
                let t = UInt64(a.digits[i]) * UInt64(b.digits[j]) + UInt64(r[i + j]) + carry
                r[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            r[i + b.digits.count] = UInt32(carry)
        }
        return ReferenceNatural(digits: r)
    }

    /// self * 2^k for k >= 0: k / 32 zero digits below, then each digit shifted by k % 32 bits.
    func shiftedLeft(_ k: Int) -> ReferenceNatural {
        precondition(k >= 0)
        var r = [UInt32](repeating: 0, count: k / 32)
        var carry: UInt64 = 0
        for d in digits {
            let t = UInt64(d) << (k % 32) | carry
            r.append(UInt32(truncatingIfNeeded: t))
            carry = t >> 32
        }
        r.append(UInt32(carry))
        return ReferenceNatural(digits: r)
    }

    /// floor(self / 2^k) for k >= 0: drop k / 32 digits, then take each 32-bit window k % 32 up.
    func shiftedRight(_ k: Int) -> ReferenceNatural {
        precondition(k >= 0)
        let skip = k / 32
        if skip >= digits.count { return .zero }
        let r = (skip..<digits.count).map { i in
            UInt32(truncatingIfNeeded: (digit(i) | digit(i + 1) << 32) >> (k % 32))
        }
        return ReferenceNatural(digits: r)
    }
}
