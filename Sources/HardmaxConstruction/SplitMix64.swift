/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014): a
/// small, fully specified generator, so a seed names the same stream on every platform and release.
/// Not for cryptography. Shared with the fuzzer (`package`).
package struct SplitMix64: Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound, without modulo bias (rejection of the short last interval).
    package mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "SplitMix64.below: bound must be positive")
        let n = UInt64(bound)
        let limit = UInt64.max - (UInt64.max % n)   // values >= limit would bias the low residues
        while true {
            let x = next()
            if x < limit { return Int(x % n) }
        }
    }

    /// Uniform in the closed range.
    package mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }
}
