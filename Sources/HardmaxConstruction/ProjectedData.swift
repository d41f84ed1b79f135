import Exact

/// A threshold b of W = {b_0} + s(P), with b * D when that is a machine integer.
struct Threshold: Sendable {
    let value: Rational
    let scaled: Int?
}

/// Steps A and B done: the measure classes, P (exactly, and over a common denominator D when it
/// has one) and s on P. The sums and minima that steps C-E need, each computed on integers when it
/// can be and in `Rational` otherwise (on any overflow) — the two agree exactly.
struct ProjectedData: Sendable {
    let data: MeasureClasses
    let scaled: ScaledTokens?
    let projection: Projection

    init(data: MeasureClasses) {
        self.data = data
        scaled = data.scaled
        projection = Projection.choose(for: data, scaled: scaled)
    }

    /// s(p).
    func s(_ p: Int) -> Rational { projection.value(p) }

    /// The threshold at b (b_0, an integer).
    func threshold(_ b: Rational) -> Threshold {
        guard projection.scaled != nil, b.isInteger, let n = b.numerator.intValue else {
            return Threshold(value: b, scaled: nil)
        }
        return Threshold(value: b, scaled: checkedProduct(n, projection.denominator))
    }

    /// The threshold at s(p).
    func threshold(atToken p: Int) -> Threshold {
        Threshold(value: s(p), scaled: projection.scaled?[p])
    }

    /// The mean of coordinate c over the class's measure.
    func mean(of c: Int, _ m: MeasureClass) -> Rational {
        if let scaled {
            var sum = 0
            var ok = true
            for i in 0..<m.supportCount {
                guard let term = checkedProduct(m.weight(i), scaled.numerator(m.token(i), c)),
                      let next = checkedSum(sum, term) else { ok = false; break }
                sum = next
            }
            if ok { return scaledRational(sum, m.total, scaled.denominator) }
        }
        var sum = DotAccumulator()
        for i in 0..<m.supportCount {
            sum.add(Rational(m.weight(i)), times: data.coordinate(m.token(i), c))
        }
        return sum.value.divided(by: m.total)
    }

    /// M(b) = mean over the class's measure of relu(s - b).
    func tailMean(_ m: MeasureClass, above b: Threshold) -> Rational {
        if let values = projection.scaled, let bound = b.scaled {
            var sum = 0
            var ok = true
            for i in 0..<m.supportCount where values[m.token(i)] > bound {
                guard let term = checkedProduct(m.weight(i), values[m.token(i)] - bound),
                      let next = checkedSum(sum, term) else { ok = false; break }
                sum = next
            }
            if ok { return scaledRational(sum, m.total, projection.denominator) }
        }
        var sum = DotAccumulator()
        var count = 0
        for i in 0..<m.supportCount {
            let value = s(m.token(i))
            guard value > b.value else { continue }
            sum.add(Rational(m.weight(i)), times: value)
            count += m.weight(i)
        }
        return (sum.value - b.value * Rational(count)).divided(by: m.total)
    }

    /// The least over P of f, computed as `scaledValue(p) / D` when every scaled value exists (the
    /// scaled function returns nil on overflow or when it has no scaled form), else by `exactValue`.
    func minimum(scaled scaledValue: (Int) -> Int?, exact exactValue: (Int) -> Rational) -> Rational {
        if let scaled {
            var least = Int.max
            var ok = true
            for p in 0..<data.tokenCount {
                guard let v = scaledValue(p) else { ok = false; break }
                least = min(least, v)
            }
            if ok { return scaledRational(least, scaled.denominator) }
        }
        var least = exactValue(0)
        for p in 1..<data.tokenCount {
            let v = exactValue(p)
            if v < least { least = v }
        }
        return least
    }
}
