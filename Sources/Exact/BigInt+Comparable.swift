extension BigInt: Equatable, Hashable, Comparable {
    @inlinable
    public static func == (a: BigInt, b: BigInt) -> Bool {
        if a.heap == nil && b.heap == nil { return a.word == b.word }
        return a.word == b.word && a.heap != nil && b.heap != nil && compareMagnitudes(a, b) == 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(word)
        withMagnitude { p, n in
            guard heap != nil else { return }
            hasher.combine(n)
            hasher.combine(bytes: UnsafeRawBufferPointer(start: p, count: n * 8))
        }
    }

    @inlinable
    public static func < (a: BigInt, b: BigInt) -> Bool {
        if a.heap == nil && b.heap == nil { return a.word < b.word }
        return compare(a, b) < 0
    }

    /// Three-way comparison: -1, 0 or 1.
    /// - Complexity: O(n).
    @inlinable
    internal static func compare(_ a: BigInt, _ b: BigInt) -> Int {
        if a.heap == nil && b.heap == nil { return a.word < b.word ? -1 : (a.word == b.word ? 0 : 1) }
        if a.isNegative != b.isNegative { return a.isNegative ? -1 : 1 }
        let c = compareMagnitudes(a, b)
        return a.isNegative ? -c : c
    }

    /// Three-way comparison of |a| and |b|.
    @inlinable
    internal static func compareMagnitudes(_ a: BigInt, _ b: BigInt) -> Int {
        a.withMagnitude { ap, an in b.withMagnitude { bp, bn in Limbs.compare(ap, an, bp, bn) } }
    }
}
