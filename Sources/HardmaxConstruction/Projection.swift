import Exact

/// Step B of SPEC.md section 7: an integer vector u with small entries such that s(x) = u . x is
/// injective on the distinct tokens P.
struct Projection: Sendable {
    /// u, one entry per working coordinate (0 on a lifted coordinate, which is 0 on every token).
    let u: [BigInt]
    /// s(p) for every distinct token p, indexed by token id.
    let values: [Rational]
    /// The least value of s on P.
    let minimum: Rational
}

extension Projection {
    /// Tries u = (1, t, t^2, ...) for t = 1...8, then small random integer vectors with entries in
    /// [-R, R] for R = 2, 4, 8, ... (three tries each, a fixed seed), then t = 9, 10, ... in turn.
    ///
    /// The last phase always ends: for two distinct tokens p != q, (p - q) . (1, t, t^2, ...) is a
    /// non-zero polynomial in t of degree < w, so at most (w - 1) |P|^2 / 2 values of t fail.
    ///
    /// - Complexity: O(|P| w) per candidate (dot products and hashing; the check stops at the first
    ///   collision). On real data t <= 2 succeeds.
    static func choose(for data: MeasureClasses) -> Projection {
        let w = data.layout.inputWidth
        for t in 1...8 {
            if let p = attempt(powersOf(t, count: w), data) { return p }
        }
        var random = SplitMix64(seed: 0x5EED_0F_B)
        var bound = 2
        while bound <= 1 << 40 {
            for _ in 0..<3 {
                let u = (0..<w).map { _ in BigInt(random.within(-bound...bound)) }
                if let p = attempt(u, data) { return p }
            }
            bound *= 2
        }
        var t = 9
        while true {
            if let p = attempt(powersOf(t, count: w), data) { return p }
            t += 1
        }
    }

    private static func powersOf(_ t: Int, count: Int) -> [BigInt] {
        (0..<count).map { BigInt(t).power($0) }
    }

    /// The projection for `u` (entries for the input coordinates), or nil when s collides on P.
    private static func attempt(_ inputU: [BigInt], _ data: MeasureClasses) -> Projection? {
        let width = data.layout.width
        var u = inputU
        while u.count < width { u.append(BigInt(0)) }   // the lifted coordinate
        let weights = u.map { Rational($0) }
        var values: [Rational] = []
        values.reserveCapacity(data.tokenCount)
        var seen = Set<Rational>(minimumCapacity: data.tokenCount)
        var minimum: Rational? = nil
        for p in 0..<data.tokenCount {
            var sum = DotAccumulator()
            for c in 0..<inputU.count where !u[c].isZero {
                sum.add(weights[c], times: data.coordinate(p, c))
            }
            let s = sum.value
            if !seen.insert(s).inserted { return nil }
            if minimum.map({ s < $0 }) ?? true { minimum = s }
            values.append(s)
        }
        return Projection(u: u, values: values, minimum: minimum ?? .zero)
    }
}
