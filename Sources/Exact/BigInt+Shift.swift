extension BigInt {
    /// self * 2^n for n >= 0; for n < 0 the same as `self >> -n`.
    public static func << (a: BigInt, n: Int) -> BigInt {
        if n < 0 { return a >> (-n) }
        if a.isZero || n == 0 { return a }
        let limbShift = n / 64, bitShift = n % 64
        var r = [UInt64](repeating: 0, count: a.limbs.count + limbShift + 1)
        var carry: UInt64 = 0
        for i in 0..<a.limbs.count {
            let l = a.limbs[i]
            r[i + limbShift] = bitShift == 0 ? l : (l << UInt64(bitShift)) | carry
            carry = bitShift == 0 ? 0 : l >> UInt64(64 - bitShift)
        }
        r[a.limbs.count + limbShift] = carry
        return BigInt(limbs: r, negative: a.negative)
    }

    /// floor(self / 2^n) for n >= 0; for n < 0 the same as `self << -n`.
    public static func >> (a: BigInt, n: Int) -> BigInt {
        if n < 0 { return a << (-n) }
        if a.isZero || n == 0 { return a }
        let limbShift = n / 64, bitShift = n % 64
        if limbShift >= a.limbs.count { return a.negative ? BigInt(-1) : BigInt.zero }
        let count = a.limbs.count - limbShift
        var r = [UInt64](repeating: 0, count: count)
        for i in 0..<count {
            let lo = a.limbs[i + limbShift]
            let hi: UInt64 = i + limbShift + 1 < a.limbs.count ? a.limbs[i + limbShift + 1] : 0
            r[i] = bitShift == 0 ? lo : (lo >> UInt64(bitShift)) | (hi << UInt64(64 - bitShift))
        }
        var result = BigInt(limbs: r, negative: a.negative)
        if a.negative {
            // Floor: if any bit shifted out was set, round the magnitude up.
            var lost = false
            for i in 0..<limbShift where a.limbs[i] != 0 { lost = true; break }
            if !lost && bitShift > 0 && a.limbs[limbShift] & ((1 << UInt64(bitShift)) - 1) != 0 { lost = true }
            if lost { result = result - BigInt(1) }
        }
        return result
    }
}
