import Exact

/// The distinct tokens P over one common denominator D: coordinate c of token p is
/// `numerators[p, c] / denominator`, all in machine integers (stored compactly: ``RowStore``).
///
/// This is an exact representation, not an approximation: it exists only when D and every numerator
/// fit in an `Int`. Steps B and C then run on integers (sums checked for overflow; on overflow the
/// caller falls back to `Rational`). Real data (decimals, eighths) always has one.
struct ScaledTokens: Sendable {
    let denominator: Int
    let width: Int
    let numerators: RowStore

    @inline(__always)
    func numerator(_ p: Int, _ c: Int) -> Int { numerators[p, c] }
}
