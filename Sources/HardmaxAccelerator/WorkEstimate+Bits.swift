import Exact
import HardmaxModel

/// The number-size rule of the estimate: an operation on big numbers costs more. A multiplication,
/// gcd or division of n-word numbers takes about n^2 word steps, so an operation on numbers of n > 5
/// words of 64 bits counts n^2/32 (calibrated on chains of affine layers whose numbers grow to
/// thousands of words, against the replay of small-number models: README, Limits). How big a step's
/// numbers can get is bounded layer by layer from the weights and the data (``ValueGrowth``), at most
/// the bit limit.
extension WorkEstimate {
    /// n^2/32 for numbers of n 64-bit words, at least 1.
    static func sizeFactor(bits: Int) -> Int {
        let words = bits / 64 + (bits % 64 == 0 ? 0 : 1)
        return max(multiply(words, words) / 32, 1)
    }
}
