/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014): a
/// small, fully specified generator, so a (seed, target, index) names the same input on every
/// platform and release. Not for cryptography.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator for input `index` of `target` under the run's `seed`: inputs are independent, so
    /// any one can be replayed alone.
    init(seed: UInt64, target: String, index: Int) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the target name
        for b in target.utf8 { h = (h ^ UInt64(b)) &* 0x0100_0000_01B3 }
        state = seed &* 0x9E37_79B9_7F4A_7C15 ^ h ^ UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0), without modulo bias.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "SplitMix64.below: bound must be positive")
        let n = UInt64(bound)
        let limit = UInt64.max - (UInt64.max % n)
        while true {
            let x = next()
            if x < limit { return Int(x % n) }
        }
    }

    /// True with probability percent/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A uniformly chosen element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
