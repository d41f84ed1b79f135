import HardmaxConstruction

/// The fuzzer's use of the construction's SplitMix64: a (seed, target, index) names the same input on
/// every platform and release.
extension SplitMix64 {
    /// The generator for input `index` of `target` under the run's `seed`: inputs are independent, so
    /// any one can be replayed alone.
    init(seed: UInt64, target: String, index: Int) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the target name
        for b in target.utf8 { h = (h ^ UInt64(b)) &* 0x0100_0000_01B3 }
        self.init(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ h ^ UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    /// True with probability percent/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A uniformly chosen element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
