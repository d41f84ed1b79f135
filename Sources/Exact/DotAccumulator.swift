/// Multiply-accumulate without normalising after every term.
public struct DotAccumulator: Sendable {
    @usableFromInline internal var sum: Rational

    public init() { sum = .zero }

    /// Adds x.
    public mutating func add(_ x: Rational) { sum += x }

    /// Adds a * b.
    public mutating func add(_ a: Rational, times b: Rational) { sum += a * b }

    /// The exact sum so far, in lowest terms.
    public var value: Rational { sum }
}
