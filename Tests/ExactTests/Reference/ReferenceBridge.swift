@testable import Exact

/// Conversions between the reference types and `Exact`, through the raw limbs only (no `Exact`
/// arithmetic), so a difference in values is a difference in arithmetic.
extension ReferenceInteger {
    /// The value of a `BigInt`, from its sign and magnitude limbs.
    init(exact v: BigInt) {
        self.init(negative: v.signum < 0, magnitude: ReferenceNatural(limbs: v.magnitudeLimbs))
    }
}

extension BigInt {
    /// The value of a reference integer, built from its limbs.
    init(reference v: ReferenceInteger) {
        self.init(magnitude: v.magnitude.limbs, negative: v.negative)
    }
}
