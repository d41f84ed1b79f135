/// Bounds on number text, so that no input can cause an unbounded allocation (SPEC section 2).
public struct NumberLimits: Sendable, Equatable {
    /// Longest accepted number text, in UTF-8 bytes.
    public var maxTextLength: Int
    /// Largest accepted exponent magnitude: decimal exponent after 'e', binary exponent after 'p'.
    public var maxExponent: Int
    /// Largest accepted bit length of the reduced numerator or denominator.
    public var maxBits: Int

    /// 100000 characters, exponent magnitude 100000, 2^20 bits.
    public static let standard = NumberLimits()

    public init(maxTextLength: Int = 100_000, maxExponent: Int = 100_000, maxBits: Int = 1 << 20) {
        self.maxTextLength = maxTextLength
        self.maxExponent = maxExponent
        self.maxBits = maxBits
    }
}
