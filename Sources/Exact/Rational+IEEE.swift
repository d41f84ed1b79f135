extension Rational {
    /// The exact value of an IEEE 754 binary64 bit pattern; nil for NaN and infinities.
    /// Subnormals are exact; -0 becomes 0.
    public init?(float64Bits bits: UInt64) {
        self.init(ieeeBits: bits, exponentBits: 11, fractionBits: 52)
    }

    /// The exact value of an IEEE 754 binary32 bit pattern; nil for NaN and infinities.
    public init?(float32Bits bits: UInt32) {
        self.init(ieeeBits: UInt64(bits), exponentBits: 8, fractionBits: 23)
    }

    /// The exact value of an IEEE 754 binary16 bit pattern; nil for NaN and infinities.
    public init?(float16Bits bits: UInt16) {
        self.init(ieeeBits: UInt64(bits), exponentBits: 5, fractionBits: 10)
    }

    /// The exact value of a bfloat16 bit pattern (the top half of a binary32); nil for NaN and infinities.
    public init?(bfloat16Bits bits: UInt16) {
        self.init(ieeeBits: UInt64(bits), exponentBits: 8, fractionBits: 7)
    }

    /// Decodes sign | exponent | fraction with the IEEE 754 bias 2^(exponentBits-1) - 1.
    @usableFromInline
    internal init?(ieeeBits bits: UInt64, exponentBits: Int, fractionBits: Int) {
        let fractionMask: UInt64 = (1 << UInt64(fractionBits)) - 1
        let exponentMask: UInt64 = (1 << UInt64(exponentBits)) - 1
        let field = (bits >> UInt64(fractionBits)) & exponentMask
        let negative = (bits >> UInt64(fractionBits + exponentBits)) & 1 == 1
        if field == exponentMask { return nil }
        let bias = (1 << (exponentBits - 1)) - 1
        var m = bits & fractionMask
        var e: Int
        if field == 0 {
            e = 1 - bias - fractionBits
        } else {
            m |= 1 << UInt64(fractionBits)
            e = Int(field) - bias - fractionBits
        }
        if m == 0 {
            self = .zero
            return
        }
        if e < 0 {
            let s = Swift.min(m.trailingZeroBitCount, -e)
            m >>= UInt64(s)
            e += s
        }
        let n = BigInt(magnitude: m, negative: negative)
        if e >= 0 {
            self.init(reducedNumerator: n << e, denominator: BigInt(1))
        } else {
            self.init(reducedNumerator: n, denominator: BigInt(1) << (-e))
        }
    }
}
