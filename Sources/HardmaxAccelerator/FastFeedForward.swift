import Exact
import HardmaxModel
import HardmaxKernel

/// A feedforward layer on the fast path: y = r x + W2 relu(W1 x + b1) + b2, skipping zero entries and
/// inactive units, each output coordinate normalised once.
///
/// When r, b2 and W2 are word integers (the constructions' layers), an output coordinate is summed
/// with ``WordDot`` (one reduction, no allocation); a sum that does not fit words, or a layer with
/// other weights, takes ``DotAccumulator``. Both give the same exact value.
struct FastFeedForward {
    let units: [SparseVector]        // rows of W1
    let b1: [Rational]
    /// Coordinates that may change (all when the residual is not 1); slot k is `written[k]`.
    let written: [Int]
    let b2: [Rational]               // by slot
    let residual: Rational
    /// W2 by slot: the terms of slot k are `terms[termStart[k]..<termStart[k + 1]]`, each a unit with
    /// a non-zero weight.
    let termStart: [Int]
    let terms: [(unit: Int, weight: Rational)]
    /// The units that some slot reads, increasing (the others are never evaluated).
    let usedUnits: [Int]
    /// r, b2 and every weight of `terms` as words, when all are integers that fit `Int64`.
    let words: (residual: Int64, b2: [Int64], weights: [Int64])?

    init(_ f: FeedForward) {
        units = (0..<f.w1.rows).map { SparseVector(dense: f.w1.row($0)) }
        b1 = f.b1
        let w = f.w2.rows
        written = f.residual == .one ? f.writtenCoordinates.sorted() : Array(0..<w)
        var start = [0], terms: [(unit: Int, weight: Rational)] = []
        for c in written {
            for u in 0..<f.w2.columns where !f.w2[c, u].isZero { terms.append((u, f.w2[c, u])) }
            start.append(terms.count)
        }
        termStart = start
        self.terms = terms
        usedUnits = Array(Set(terms.map(\.unit))).sorted()
        b2 = written.map { f.b2[$0] }
        residual = f.residual
        func word(_ x: Rational) -> Int64? { x.isInteger ? x.numerator.intValue.map(Int64.init) : nil }
        let b2Words = b2.compactMap(word), weightWords = terms.compactMap { word($0.weight) }
        if let r = word(residual), b2Words.count == b2.count, weightWords.count == terms.count {
            words = (r, b2Words, weightWords)
        } else {
            words = nil
        }
    }

    func apply(_ t: inout TokenTable) {
        let w = t.width
        // Every unit's activation relu(W1 x + b1) for the current row (zero when inactive or unused).
        var h = [Rational](repeating: .zero, count: units.count)
        var out = [Rational](repeating: .zero, count: written.count)
        for r in 0..<t.rows {
            let base = r * w
            for u in usedUnits {
                let v = units[u].dot(t.values, base: base, plus: b1[u])
                h[u] = v.signum > 0 ? v : .zero
            }
            for k in written.indices {
                let x = t.values[base + written[k]]
                out[k] = wordSum(slot: k, x, h) ?? sum(slot: k, x, h)
            }
            for k in written.indices { t.values[base + written[k]] = out[k] }
        }
    }

    /// r x + b2 + sum of weight * h over the slot's terms, on words; nil when a part does not fit.
    @inline(__always)
    private func wordSum(slot k: Int, _ x: Rational, _ h: [Rational]) -> Rational? {
        guard let words else { return nil }
        var sum = WordDot()
        guard sum.add(words.residual, times: x), sum.add(words.b2[k], times: .one) else { return nil }
        for j in termStart[k]..<termStart[k + 1] where !h[terms[j].unit].isZero {
            guard sum.add(words.weights[j], times: h[terms[j].unit]) else { return nil }
        }
        return sum.value
    }

    /// The same sum with `DotAccumulator`.
    private func sum(slot k: Int, _ x: Rational, _ h: [Rational]) -> Rational {
        var sum = DotAccumulator(b2[k])
        if residual == .one { sum.add(x) } else { sum.add(residual, times: x) }
        for j in termStart[k]..<termStart[k + 1] where !h[terms[j].unit].isZero {
            let a = terms[j].weight
            if a == .one { sum.add(h[terms[j].unit]) } else { sum.add(a, times: h[terms[j].unit]) }
        }
        return sum.value
    }
}
