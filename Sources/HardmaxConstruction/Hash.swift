import Exact

/// One hash feature of step C: the map x -> coefficient * relu(s(x) - threshold).
public struct HashFeature: Sendable, Equatable {
    /// b, a point of W = {b_0} + s(P).
    public var threshold: Rational
    /// c, a positive integer.
    public var coefficient: Int

    public init(threshold: Rational, coefficient: Int) {
        self.threshold = threshold
        self.coefficient = coefficient
    }
}

/// Step C of SPEC.md section 7: the hash H_j = mean_j(x_h) + sum_l c_l M_j(b_l), injective on the
/// measure classes, where M_j(b) = mean over the tokens of sequence j of relu(s(x) - b).
struct Hash: Sendable {
    /// b_0 = floor(min s on P): an integer below (or at) every value of s.
    let lowestThreshold: Rational
    let features: [HashFeature]
    /// The thresholds of `features`, with their scaled forms.
    let thresholds: [Threshold]
    /// H of every measure class (pairwise distinct).
    let values: [Rational]
}

extension Hash {
    /// Starts from the partition of classes by mean(x_h); while a part holds two classes, takes the
    /// first two (in class order), finds a witness b in W that tells them apart (b_0 first, then the
    /// support points of the two from the largest down), and adds relu(s - b) with a positive integer
    /// coefficient that merges no two parts already apart: the least of 1...16 that does, else seeded
    /// random integers from ranges doubling every two tries (2^5, 2^5, 2^6, ... up to 2^40), so that a
    /// large K with many bad coefficients costs O(log) tries of O(K) each, not O(bad) tries.
    ///
    /// A witness exists: two classes have different measures, s is injective on P, so their
    /// push-forwards by s differ, and M_i - M_j (piecewise linear, kinks at support points, constant
    /// mean difference left of b_0, zero right of the largest point) is non-zero somewhere in W.
    /// A coefficient exists: each pair of distinct (H, F) values rules out at most one c, so fewer
    /// than K^2 / 2 integers are bad and a random one from a range of 2^40 is good with high probability.
    /// Each feature splits at least one part, so there are at most K - 1 features.
    ///
    /// - Complexity: O(S + K) per feature for a total support size S (plus O(K) per tried
    ///   coefficient), O((n_i + n_j) log) for a witness; usually zero or one feature.
    static func build(_ projected: ProjectedData) -> Hash {
        let classes = projected.data.classes
        let b0 = projected.threshold(Rational(projected.projection.minimum.floor()))
        var hash = classes.map { projected.mean(of: projected.data.layout.h, $0) }
        var features: [HashFeature] = []
        var thresholds: [Threshold] = []
        var random = SplitMix64(seed: 0xC0EF)
        while let (i, j) = firstCollision(hash) {
            let b = witness(classes[i], classes[j], projected, lowest: b0)
            let feature = classes.map { projected.tailMean($0, above: b) }
            let parts = Set(zip(hash, feature).map { Pair(first: $0, second: $1) }).count
            var c = 1
            var tries = 0
            while true {
                let candidate = zip(hash, feature).map { $0 + Rational(c) * $1 }
                if Set(candidate).count == parts {
                    hash = candidate
                    break
                }
                tries += 1
                c = tries < 16 ? tries + 1 : random.within(1...(1 << min(40, 5 + (tries - 16) / 2)))
            }
            features.append(HashFeature(threshold: b.value, coefficient: c))
            thresholds.append(b)
        }
        return Hash(lowestThreshold: b0.value, features: features, thresholds: thresholds, values: hash)
    }

    /// The first class (in class order) whose hash equals an earlier class's, with that class.
    private static func firstCollision(_ hash: [Rational]) -> (Int, Int)? {
        var first: [Rational: Int] = [:]
        for (k, value) in hash.enumerated() {
            if let earlier = first[value] { return (earlier, k) }
            first[value] = k
        }
        return nil
    }

    /// A point b of W with M_i(b) != M_j(b): b_0 when the means of s differ, else the largest
    /// support point of i or j where the tails differ (found in one sweep from the right).
    private static func witness(_ a: MeasureClass, _ b: MeasureClass, _ projected: ProjectedData,
                                lowest: Threshold) -> Threshold {
        if projected.tailMean(a, above: lowest) != projected.tailMean(b, above: lowest) { return lowest }
        // Points of both supports, descending by s.
        var points: [(token: Int, value: Rational, weightA: Int, weightB: Int)] = []
        points.reserveCapacity(a.supportCount + b.supportCount)
        for i in 0..<a.supportCount { points.append((a.token(i), projected.s(a.token(i)), a.weight(i), 0)) }
        for i in 0..<b.supportCount { points.append((b.token(i), projected.s(b.token(i)), 0, b.weight(i))) }
        points.sort { $0.value > $1.value }
        // Over the points strictly above the current b: sum of weight * s and sum of weight, per class.
        var sumA = Rational.zero, sumB = Rational.zero
        var countA = 0, countB = 0
        var k = 0
        while k < points.count {
            let value = points[k].value
            // M_a(value) * a.total * b.total and M_b(value) * a.total * b.total, compared exactly.
            let left = (sumA - value * Rational(countA)) * Rational(b.total)
            let right = (sumB - value * Rational(countB)) * Rational(a.total)
            if left != right { return projected.threshold(atToken: points[k].token) }
            while k < points.count && points[k].value == value {
                sumA += Rational(points[k].weightA) * value
                countA += points[k].weightA
                sumB += Rational(points[k].weightB) * value
                countB += points[k].weightB
                k += 1
            }
        }
        // Unreachable for two different measures (see `build`); b_0 keeps the result well defined.
        assertionFailure("Hash.witness: two measure classes with equal push-forward measures")
        return lowest
    }
}

/// A pair of rationals as a set element.
private struct Pair: Hashable {
    let first: Rational
    let second: Rational
}
