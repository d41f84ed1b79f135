/// Operands for the differential tests, with the limb pattern named rather than drawn at
/// random (as `TestGenerator.limbs(_:)` does), so every pattern meets every size.
enum LimbPattern: String, CaseIterable, Sendable {
    /// Random 64-bit words.
    case random
    /// 2^(64n) - 1: every addition carries through, every borrow runs the whole length.
    case allOnes
    /// Mostly zero limbs with a few random words.
    case sparse
    /// 2^63 in every limb: the top bit of each word.
    case topBits
    /// 2^(64n - 1): one bit, the rest zero (a normalised divisor with zero low limbs).
    case highBitOnly
    /// Random words with runs of all-ones and zero limbs mixed in.
    case runs
}

extension TestGenerator {
    /// A magnitude of exactly n limbs (top limb nonzero) in the given pattern; [] for n = 0.
    mutating func limbs(_ n: Int, _ pattern: LimbPattern) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            switch pattern {
            case .random: r[i] = word()
            case .allOnes: r[i] = UInt64.max
            case .sparse: r[i] = below(8) == 0 ? word() : 0
            case .topBits: r[i] = 1 << 63
            case .highBitOnly: r[i] = i == n - 1 ? 1 << 63 : 0
            case .runs: r[i] = [UInt64.max, 0, word()][(i / 3 + below(2)) % 3]
            }
        }
        if n > 0 && r[n - 1] == 0 { r[n - 1] = word() | 1 }
        return r
    }

    /// A reference integer of exactly n limbs in the given pattern (zero for n = 0).
    mutating func reference(limbs n: Int, _ pattern: LimbPattern, negative: Bool) -> ReferenceInteger {
        ReferenceInteger(negative: negative, magnitude: ReferenceNatural(limbs: limbs(n, pattern)))
    }
}
