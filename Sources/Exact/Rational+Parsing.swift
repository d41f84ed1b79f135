extension Rational {
    /// Reads exact number text (SPEC section 2): integer `-12`, fraction `-3/4` (reduced; the
    /// denominator is unsigned and nonzero), decimal `1.25`, `6.02e23`, `-8.3E-4`, hexadecimal
    /// float `0x1.8p-3`, `-0x1p+0`. Only a leading '-' is allowed as a sign (exponents may carry
    /// '+' or '-'); no spaces, no `.5` or `1.`, no NaN or infinity.
    ///
    /// - Throws: `NumberSyntaxError` with the offending offset, also when a `limits` bound is
    ///   exceeded. Sizes are checked before any large allocation.
    /// - Complexity: quasi-linear in the text length for long numbers.
    public init(parsing text: some StringProtocol, limits: NumberLimits = .standard) throws {
        var string = String(text)
        self = try string.withUTF8 { try Rational(parsingUTF8: $0, limits: limits) }
    }

    /// Reads exact number text; see `init(parsing:limits:)` (the same, without a generic call per number).
    public init(parsing text: String, limits: NumberLimits = .standard) throws {
        var string = text   // `withUTF8` reads native and small strings in place
        self = try string.withUTF8 { try Rational(parsingUTF8: $0, limits: limits) }
    }

    /// Reads exact number text from UTF-8 bytes; see `init(parsing:limits:)`.
    public init(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>, limits: NumberLimits = .standard) throws {
        var parser = NumberParser(text: bytes, limits: limits)
        self = try parser.parse()
    }
}
