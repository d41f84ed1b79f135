extension Rational {
    /// max(self, 0).
    @inlinable
    public var relu: Rational { num.isNegative ? .zero : self }

    /// The largest integer <= self.
    public func floor() -> BigInt {
        if isInteger { return num }
        let (q, _) = num.quotientAndRemainder(dividingBy: den)
        // Not an integer, so the remainder is nonzero: truncation rounded up for negatives.
        return num.isNegative ? q - BigInt(1) : q
    }

    /// The smallest integer >= self.
    public func ceil() -> BigInt {
        if isInteger { return num }
        let (q, _) = num.quotientAndRemainder(dividingBy: den)
        return num.isNegative ? q : q + BigInt(1)
    }
}
