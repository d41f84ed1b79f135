extension Enclosure {
    /// An enclosure of pi with ends of p bits (Machin's formula, see `EnclosureConstants`);
    /// width at most 2^(2-p) pi.
    public static func pi(precision p: Int) -> Enclosure {
        constant(EnclosureConstants.pi(bits: p + 8), fractionBits: p + 8, bits: p)
    }

    /// An enclosure of ln 2 with ends of p bits (2 atanh(1/3)); width at most 2^(2-p) ln 2.
    public static func ln2(precision p: Int) -> Enclosure {
        constant(EnclosureConstants.ln2(bits: p + 8), fractionBits: p + 8, bits: p)
    }

    static func constant(_ c: (lo: BigInt, hi: BigInt), fractionBits w: Int, bits p: Int) -> Enclosure {
        check(precision: p)
        return Enclosure(storage: .interval(Dyadic.rounding(c.lo, exponent: -w, bits: p, .down),
                                            Dyadic.rounding(c.hi, exponent: -w, bits: p, .up)))
    }
}
