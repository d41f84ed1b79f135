extension Magnitude {
    /// a * b, choosing the algorithm by size.
    @usableFromInline
    static func product(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        multiply(a, b)
    }
}
