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
    /// H of every measure class (pairwise distinct).
    let values: [Rational]
}

extension Hash {
    /// Starts from the partition of classes by mean(x_h); while a part holds two classes, takes the
    /// first two (in class order), finds a witness b in W that tells them apart (b_0 first, then the
    /// support points of the two from the largest down), and adds relu(s - b) with the least positive
    /// integer coefficient that merges no two parts already apart.
    ///
    /// A witness exists: two classes have different measures, s is injective on P, so their
    /// push-forwards by s differ, and M_i - M_j (piecewise linear, kinks at support points, constant
    /// mean difference left of b_0, zero right of the largest point) is non-zero somewhere in W.
    /// A coefficient exists: each pair of distinct (H, F) values rules out at most one c.
    /// Each feature splits at least one part, so there are at most K - 1 features.
    ///
    /// - Complexity: O(S + K) per feature for a total support size S (plus O(K) per tried
    ///   coefficient), O((n_i + n_j) log) for a witness; usually zero or one feature.
    static func build(_ data: MeasureClasses, projection: Projection) -> Hash {
        let classes = data.classes
        let s = projection.values
        let b0 = Rational(projection.minimum.floor())
        var hash = classes.map { meanOfCoordinate(data.layout.h, $0, data) }
        var features: [HashFeature] = []
        while let (i, j) = firstCollision(hash) {
            let b = witness(classes[i], classes[j], s: s, lowest: b0)
            let feature = classes.map { tailMean($0, above: b, s: s) }
            let parts = Set(zip(hash, feature).map { Pair(first: $0, second: $1) }).count
            var c = 1
            while true {
                let candidate = zip(hash, feature).map { $0 + Rational(c) * $1 }
                if Set(candidate).count == parts {
                    hash = candidate
                    break
                }
                c += 1
            }
            features.append(HashFeature(threshold: b, coefficient: c))
        }
        return Hash(lowestThreshold: b0, features: features, values: hash)
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

    /// mean over the class's measure of coordinate c.
    static func meanOfCoordinate(_ c: Int, _ m: MeasureClass, _ data: MeasureClasses) -> Rational {
        var sum = DotAccumulator()
        for (i, p) in m.support.enumerated() {
            let x = data.coordinate(p, c)
            if m.weights[i] == 1 { sum.add(x) } else { sum.add(Rational(m.weights[i]), times: x) }
        }
        return sum.value.divided(by: m.total)
    }

    /// M(b) = mean over the class's measure of relu(s - b).
    static func tailMean(_ m: MeasureClass, above b: Rational, s: [Rational]) -> Rational {
        var sum = DotAccumulator()
        var count = 0
        for (i, p) in m.support.enumerated() where s[p] > b {
            if m.weights[i] == 1 { sum.add(s[p]) } else { sum.add(Rational(m.weights[i]), times: s[p]) }
            count += m.weights[i]
        }
        return (sum.value - b * Rational(count)).divided(by: m.total)
    }

    /// A point b of W with M_i(b) != M_j(b): b_0 when the means of s differ, else the largest
    /// support point of i or j where the tails differ (found in one sweep from the right).
    private static func witness(_ a: MeasureClass, _ b: MeasureClass, s: [Rational],
                                lowest: Rational) -> Rational {
        if tailMean(a, above: lowest, s: s) != tailMean(b, above: lowest, s: s) { return lowest }
        // Points of both supports, descending by s; weights scaled to the common total a.total * b.total.
        var points: [(value: Rational, weightA: Int, weightB: Int)] = []
        points.reserveCapacity(a.support.count + b.support.count)
        for (i, p) in a.support.enumerated() { points.append((s[p], a.weights[i], 0)) }
        for (i, p) in b.support.enumerated() { points.append((s[p], 0, b.weights[i])) }
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
            if left != right { return value }
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
