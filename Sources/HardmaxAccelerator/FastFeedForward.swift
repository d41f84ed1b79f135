import Exact
import HardmaxModel
import HardmaxKernel

/// A feedforward layer on the fast path: y = r x + W2 relu(W1 x + b1) + b2, skipping zero entries and
/// inactive units, each output coordinate normalised once.
///
/// When the weights are word integers (the constructions' layers: W1, r, b2 and W2 integers, b1 in
/// the small form), a row whose numbers are all in the small form is replayed on words (``WordDot``:
/// one reduction per sum, no allocation); a row with a larger number, or a sum that does not fit,
/// takes ``DotAccumulator``. Both give the same exact values.
final class FastFeedForward: Sendable {
    let units: [SparseVector]        // rows of W1
    let b1: [Rational]
    /// Coordinates that may change (all when the residual is not 1); slot k is `written[k]`.
    let written: [Int]
    let b2: [Rational]               // by slot
    let residual: Rational
    /// W2 by slot: the terms of slot k are `termStart[k]..<termStart[k + 1]`, each a unit with a
    /// non-zero weight.
    let termStart: [Int]
    let termUnits: [Int]
    let termWeights: [Rational]
    /// The units that some slot reads, increasing (the others are never evaluated).
    let usedUnits: [Int]
    /// The layer as words, when its weights allow it.
    let words: WordLayer?

    /// The weights as words: the used units' W1 rows and b1, r, b2 and W2's terms.
    struct WordLayer {
        /// Used unit i (of `usedUnits`) reads `columns[start[i]..<start[i + 1]]` with `weights`.
        let start: [Int]
        let columns: [Int]
        let weights: [Int64]
        let bias: [(numerator: Int64, denominator: Int64)]
        let residual: Int64
        let b2: [Int64]
        let termWeights: [Int64]
    }

    init(_ f: FeedForward) {
        units = (0..<f.w1.rows).map { SparseVector(dense: f.w1.row($0)) }
        b1 = f.b1
        let w = f.w2.rows
        written = f.residual == .one ? f.writtenCoordinates.sorted() : Array(0..<w)
        var start = [0], termUnits: [Int] = [], termWeights: [Rational] = []
        for c in written {
            for u in 0..<f.w2.columns where !f.w2[c, u].isZero {
                termUnits.append(u)
                termWeights.append(f.w2[c, u])
            }
            start.append(termUnits.count)
        }
        termStart = start
        self.termUnits = termUnits
        self.termWeights = termWeights
        usedUnits = Array(Set(termUnits)).sorted()
        b2 = written.map { f.b2[$0] }
        residual = f.residual
        words = Self.wordLayer(units: units, b1: b1, usedUnits: usedUnits, residual: residual, b2: b2,
                               termWeights: termWeights)
    }

    private static func wordLayer(units: [SparseVector], b1: [Rational], usedUnits: [Int], residual: Rational,
                                  b2: [Rational], termWeights: [Rational]) -> WordLayer? {
        var start = [0], columns: [Int] = [], weights: [Int64] = [], bias: [(numerator: Int64, denominator: Int64)] = []
        for u in usedUnits {
            guard let unitWords = units[u].wordValues, let b = b1[u].smallParts else { return nil }
            columns += units[u].indices
            weights += unitWords
            start.append(columns.count)
            bias.append(b)
        }
        let b2Words = b2.compactMap(\.integerWord), termWords = termWeights.compactMap(\.integerWord)
        guard let r = residual.integerWord, b2Words.count == b2.count, termWords.count == termWeights.count else { return nil }
        return WordLayer(start: start, columns: columns, weights: weights, bias: bias, residual: r, b2: b2Words,
                         termWeights: termWords)
    }

    func apply(_ t: inout TokenTable) {
        let w = t.width
        // Every unit's activation relu(W1 x + b1) for the current row (zero when inactive or unused).
        var h = [Rational](repeating: .zero, count: units.count)
        var hWords = [(numerator: Int64, denominator: Int64)](repeating: (0, 1), count: words == nil ? 0 : units.count)
        var out = [Rational](repeating: .zero, count: written.count)
        for r in 0..<t.rows {
            let base = r * w
            if let words, wordRow(words, &t, base: base, &hWords, &out) { continue }
            for u in usedUnits {
                let v = units[u].dot(t.values, base: base, plus: b1[u])
                h[u] = v.signum > 0 ? v : .zero
            }
            for k in written.indices { out[k] = sum(slot: k, t.values[base + written[k]], h) }
            for k in written.indices { t.values[base + written[k]] = out[k] }
        }
    }

    /// Replays the row at `base` on words; false, with nothing written, when a number is not in the
    /// small form or a sum does not fit.
    private func wordRow(_ words: WordLayer, _ t: inout TokenTable, base: Int,
                         _ h: inout [(numerator: Int64, denominator: Int64)], _ out: inout [Rational]) -> Bool {
        for (i, u) in usedUnits.enumerated() {
            var sum = WordDot()
            for j in words.start[i]..<words.start[i + 1] {
                guard let (n, d) = t.values[base + words.columns[j]].smallParts,
                      sum.add(words.weights[j], numerator: n, denominator: d) else { return false }
            }
            guard sum.add(1, numerator: words.bias[i].numerator, denominator: words.bias[i].denominator),
                  let v = sum.value?.smallParts else { return false }
            h[u] = v.numerator > 0 ? v : (0, 1)
        }
        for k in written.indices {
            guard let (n, d) = t.values[base + written[k]].smallParts else { return false }
            var sum = WordDot()
            guard sum.add(words.residual, numerator: n, denominator: d),
                  sum.add(words.b2[k], numerator: 1, denominator: 1) else { return false }
            for j in termStart[k]..<termStart[k + 1] where h[termUnits[j]].numerator != 0 {
                let a = h[termUnits[j]]
                guard sum.add(words.termWeights[j], numerator: a.numerator, denominator: a.denominator) else { return false }
            }
            guard let v = sum.value else { return false }
            out[k] = v
        }
        for k in written.indices { t.values[base + written[k]] = out[k] }
        return true
    }

    /// r x + b2 + sum of weight * h over the slot's terms.
    private func sum(slot k: Int, _ x: Rational, _ h: [Rational]) -> Rational {
        var sum = DotAccumulator(b2[k])
        if residual == .one { sum.add(x) } else { sum.add(residual, times: x) }
        for j in termStart[k]..<termStart[k + 1] where !h[termUnits[j]].isZero {
            let a = termWeights[j]
            if a == .one { sum.add(h[termUnits[j]]) } else { sum.add(a, times: h[termUnits[j]]) }
        }
        return sum.value
    }
}
