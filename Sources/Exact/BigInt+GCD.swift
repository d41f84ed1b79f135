extension BigInt {
    /// The greatest common divisor, always >= 0; gcd(0, 0) = 0.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var x = a.limbs, y = b.limbs
        while !y.isEmpty {
            let r = Magnitude.divide(x, by: y).remainder
            x = y
            y = r
        }
        return BigInt(normalizedLimbs: x, negative: false)
    }
}
