import HardmaxModel
import HardmaxKernel
import Exact

/// An exact sum of terms and products for the fast path.
///
/// Terms whose numerators and denominators are small (factors and terms of at most 62 bits) go through Rational's word-sized arithmetic, which is cheapest for them; larger
/// ones go to a ``DotAccumulator``, which saves the gcd per term. Both partial sums are exact, so the
/// value is the exact sum whatever the split. (The plain replay uses DotAccumulator alone, so the
/// shortcut-vs-plain tests also compare the two arithmetic routes.)
struct ProductSum {
    private var small = Rational.zero
    /// Made on the first large term (an unused DotAccumulator still costs its set-up).
    private var large: DotAccumulator?

    init() {}

    /// Starts from x.
    init(_ x: Rational) { add(x) }

    @inline(__always)
    mutating func add(_ x: Rational) {
        if x.isZero { return }
        if x.bitLength <= 62 {
            if small.isZero { small = x } else { small += x }
        } else {
            if large == nil { large = DotAccumulator() }
            large?.add(x)
        }
    }

    @inline(__always)
    mutating func add(_ a: Rational, times b: Rational) {
        if a.isZero || b.isZero { return }
        if a.bitLength <= 62 && b.bitLength <= 62 {
            if small.isZero { small = a * b } else { small += a * b }
        } else {
            if large == nil { large = DotAccumulator() }
            large?.add(a, times: b)
        }
    }

    var value: Rational { large.map { small + $0.value } ?? small }
}
