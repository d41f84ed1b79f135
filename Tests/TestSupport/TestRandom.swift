/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014)
/// with its own sampling, so that a seed names the same test case on every platform and every release
/// of the standard library.
///
/// Every value is drawn from the raw `UInt64` outputs by a rule written here. The type deliberately does
/// not conform to `RandomNumberGenerator`: `Int.random(in:using:)`, `shuffled(using:)` and their kin
/// cannot be called with it, because their algorithms belong to the standard library and may change.
///
/// The rules are those the standard library of Swift 6.3 happens to use (Lemire's multiply-shift for
/// integers, bit 17 for a Bool), so seeded tests written against it before this type existed still
/// draw the same cases. Not for cryptography.
///
/// Distinct from the product's `HardmaxConstruction.SplitMix64`, so tests do not lean on code they
/// test, and a test target that imports both sees no ambiguity.
package struct TestRandom: Sendable {
    private var state: UInt64

    /// The stream whose first output is the SplitMix64 output after `seed`.
    package init(seed: UInt64) { state = seed }

    /// The next raw 64-bit output.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0 ..< bound` (bound > 0) by Lemire's nearly divisionless method (D. Lemire, "Fast
    /// random integer generation in an interval", ACM TOMACS 2019): the high word of `x * bound`,
    /// drawing again while the low word falls in the short first interval (so there is no bias).
    package mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "TestRandom.below: bound must be positive")
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound  // 2^64 mod bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }

    /// Uniform in `0 ..< bound` (bound > 0).
    package mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "TestRandom.below: bound must be positive")
        return Int(below(UInt64(bound)))
    }

    /// Uniform in the closed range; the full range of Int takes one raw output as it is.
    package mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(UInt(bitPattern: range.upperBound &- range.lowerBound))
        if span == .max { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound &+ Int(truncatingIfNeeded: below(span &+ 1))
    }

    /// Uniform in the half-open range (not empty).
    package mutating func int(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "TestRandom.int(in:): empty range")
        let span = UInt64(UInt(bitPattern: range.upperBound &- range.lowerBound))
        return range.lowerBound &+ Int(truncatingIfNeeded: below(span))
    }

    /// True or false with equal chance: bit 17 of one output is 0.
    package mutating func bool() -> Bool { (next() >> 17) & 1 == 0 }

    /// True with chance `percent` in 100: a uniform draw in 1...100 is at most `percent`.
    package mutating func chance(_ percent: Int) -> Bool { int(in: 1...100) <= percent }

    /// The low 8 bits of one output.
    package mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }

    /// A uniformly chosen element of a non-empty collection (one draw of `below(count)`).
    package mutating func element<C: Collection>(of items: C) -> C.Element {
        precondition(!items.isEmpty, "TestRandom.element(of:): empty collection")
        return items[items.index(items.startIndex, offsetBy: below(items.count))]
    }

    /// Fisher-Yates (Durstenfeld): for i from the last index down to 1, swap item i with a uniform
    /// draw in 0...i.
    /// - Complexity: O(count), count - 1 draws.
    package mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, int(in: 0...i)) }
    }

    /// The items in the order `shuffle` leaves them.
    package mutating func shuffled<T>(_ items: [T]) -> [T] {
        var copy = items
        shuffle(&copy)
        return copy
    }
}
