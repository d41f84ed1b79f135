import Exact
@testable import HardmaxKernel

extension RandomCase {
    /// A rational of several 64-bit limbs: numerator and denominator of 1 to 24 limbs each (so their
    /// products cross the Karatsuba threshold of 32 limbs), the denominator odd, a power of two, or
    /// general, so the word-sized, power-of-two and general gcd paths of `Exact` are all reached.
    mutating func bigEntry() -> Rational {
        let numerator = bigInteger(limbs: int(1...24))
        let denominator: BigInt
        switch int(0...2) {
        case 0: denominator = (bigInteger(limbs: int(1...24)) << 1) + BigInt(1)
        case 1: denominator = BigInt(1) << int(63...1500)
        default: denominator = bigInteger(limbs: int(2...24)) + BigInt(1)
        }
        // Unwrapped: the denominator is positive by construction.
        return try! Rational(chance(50) ? numerator : -numerator, denominator)
    }

    /// A non-negative integer of exactly `limbs` 64-bit limbs (top limb non-zero).
    mutating func bigInteger(limbs: Int) -> BigInt {
        var n = BigInt(0)
        for k in 0..<limbs {
            var word = g.next()
            if k == limbs - 1 && word == 0 { word = 1 }
            n = (n << 64) + BigInt(word)
        }
        return n
    }
}
