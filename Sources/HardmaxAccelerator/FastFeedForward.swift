import Exact
import HardmaxModel
import HardmaxKernel

/// A feedforward layer on the fast path: y = r x + W2 relu(W1 x + b1) + b2, skipping zero entries and
/// inactive units, each output coordinate normalised once.
struct FastFeedForward {
    let units: [SparseVector]        // rows of W1
    let b1: [Rational]
    /// For unit u: (slot, weight) pairs of the non-zero entries of column u of W2.
    let outputs: [[(slot: Int, weight: Rational)]]
    /// Coordinates that may change (all when the residual is not 1); slot k is `written[k]`.
    let written: [Int]
    let b2: [Rational]               // by slot
    let residual: Rational

    init(_ f: FeedForward) {
        units = (0..<f.w1.rows).map { SparseVector(dense: f.w1.row($0)) }
        b1 = f.b1
        let w = f.w2.rows
        written = f.residual == .one ? f.writtenCoordinates.sorted() : Array(0..<w)
        var slot = [Int](repeating: -1, count: w)
        for (k, c) in written.enumerated() { slot[c] = k }
        outputs = (0..<f.w2.columns).map { u in
            (0..<w).filter { !f.w2[$0, u].isZero }.map { (slot: slot[$0], weight: f.w2[$0, u]) }
        }
        b2 = written.map { f.b2[$0] }
        residual = f.residual
    }

    func apply(_ t: inout TokenTable) {
        let w = t.width
        var out = [DotAccumulator](repeating: DotAccumulator(), count: written.count)
        for r in 0..<t.rows {
            let base = r * w
            for (k, c) in written.enumerated() {
                let x = t.values[base + c]
                out[k] = DotAccumulator(b2[k])
                if residual == .one { out[k].add(x) } else { out[k].add(residual, times: x) }
            }
            for u in units.indices where !outputs[u].isEmpty {
                let h = units[u].dot(t.values, base: base, plus: b1[u])
                guard h.signum > 0 else { continue }
                for o in outputs[u] {
                    if o.weight == .one { out[o.slot].add(h) } else { out[o.slot].add(o.weight, times: h) }
                }
            }
            for (k, c) in written.enumerated() { t.values[base + c] = out[k].value }
        }
    }
}
