extension BigInt: Equatable, Hashable, Comparable {
    @inlinable
    public static func == (a: BigInt, b: BigInt) -> Bool {
        a.negative == b.negative && a.limbs == b.limbs
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(negative)
        hasher.combine(limbs.count)
        for l in limbs { hasher.combine(l) }
    }

    @inlinable
    public static func < (a: BigInt, b: BigInt) -> Bool {
        if a.negative != b.negative { return a.negative }
        let c = Magnitude.compare(a.limbs, b.limbs)
        return a.negative ? c > 0 : c < 0
    }

    /// Three-way comparison: -1, 0 or 1.
    @inlinable
    internal static func compare(_ a: BigInt, _ b: BigInt) -> Int {
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        let c = Magnitude.compare(a.limbs, b.limbs)
        return a.negative ? -c : c
    }
}
