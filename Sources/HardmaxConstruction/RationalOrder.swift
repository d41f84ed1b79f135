import Exact

/// A rational with its numerator and denominator as machine integers when they fit, so that sorting
/// many of them compares by two full-width machine products instead of allocating big integers.
struct OrderKey {
    let value: Rational
    private let numerator: Int?
    private let denominator: Int?

    init(_ value: Rational) {
        self.value = value
        numerator = value.numerator.intValue
        denominator = value.denominator.intValue
    }

    /// Exactly `a.value < b.value`.
    static func < (a: OrderKey, b: OrderKey) -> Bool {
        if let an = a.numerator, let ad = a.denominator, let bn = b.numerator, let bd = b.denominator {
            // Denominators are positive, so a < b iff an * bd < bn * ad, compared at double width.
            let left = an.multipliedFullWidth(by: bd)
            let right = bn.multipliedFullWidth(by: ad)
            return left.high != right.high ? left.high < right.high : left.low < right.low
        }
        return a.value < b.value
    }
}
