@testable import Exact

extension BigInt {
    /// The magnitude limbs as an array (allocates).
    var magnitudeLimbs: [UInt64] {
        withMagnitude { p, n in Array(UnsafeBufferPointer(start: p, count: n)) }
    }
}
