/// Entry points for `hardmax-bench` to time algorithm variants that are internal to Exact.
/// Not part of the public API (`package` access).
package enum ExactMeasurement {
    /// a * b (magnitudes, limbs least significant first) with a given Karatsuba threshold
    /// (a huge threshold means schoolbook only).
    package static func multiply(_ a: [UInt64], _ b: [UInt64], threshold: Int) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: a.count + b.count)
        let s = Limbs.mulScratchCount(a.count, b.count, threshold: max(threshold, 2))
        var scratch = [UInt64](repeating: 0, count: s)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                r.withUnsafeMutableBufferPointer { rp in
                    scratch.withUnsafeMutableBufferPointer { sp in
                        Limbs.mul(rp.baseAddress.unsafelyUnwrapped, ap.baseAddress.unsafelyUnwrapped, a.count,
                                  bp.baseAddress.unsafelyUnwrapped, b.count,
                                  scratch: sp.baseAddress ?? rp.baseAddress.unsafelyUnwrapped, threshold: max(threshold, 2))
                    }
                }
            }
        }
        return r
    }

    /// gcd of two magnitudes of at least two limbs each, by "lehmer" or "binary".
    package static func gcd(_ a: [UInt64], _ b: [UInt64], lehmer: Bool) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: max(a.count, b.count))
        let n = r.withUnsafeMutableBufferPointer { rp in
            Limbs.gcd(rp.baseAddress.unsafelyUnwrapped, a, a.count, b, b.count, method: lehmer ? .lehmer : .binary)
        }
        return Array(r[..<n])
    }
}
