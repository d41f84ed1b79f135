import Exact
import HardmaxModel

/// The resource guard on number size: a value whose numerator or denominator needs more than the limit
/// (default 2^20 bits, as for parsed numbers) stops the replay with an error instead of running on.
/// It is a guard against runaway growth, not part of the semantics, and it is checked at the same
/// places on every path (``checkpoints(_:)``), on the same exact values, so whether a replay stops
/// cannot depend on the path.
package enum BitLimit {
    /// The layer ranges after whose last layer the limit is checked: each layer alone, except a run of
    /// consecutive feedforward layers with residual 1 in which no layer reads (a non-zero column of W1)
    /// a coordinate an earlier layer of the run writes (a non-zero row of W2, a non-zero entry of b2).
    /// Such a run adds to each token the sum of its layers' updates, each computed from the run's input,
    /// which is how the accelerator replays it; it is checked once, after its last layer.
    package static func checkpoints(_ model: Model) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        var l = 0
        while l < model.layers.count {
            var end = l
            if case .feedforward(let first) = model.layers[l], first.residual == .one, first.activation == .relu,
               first.norm == nil {
                var writes = first.writtenCoordinates
                while end + 1 < model.layers.count, case .feedforward(let next) = model.layers[end + 1],
                      next.residual == .one, next.activation == .relu, next.norm == nil,
                      next.readCoordinates.isDisjoint(with: writes) {
                    writes.formUnion(next.writtenCoordinates)
                    end += 1
                }
            }
            ranges.append(l...end)
            l = end + 1
        }
        return ranges
    }


    package static func check<S: Sequence>(_ values: S, maxBits: Int, layers: ClosedRange<Int>,
                                   sequence s: LabelledSequence, index: Int) throws where S.Element == Rational {
        for v in values where v.bitLength > maxBits {
            throw error(bits: v.bitLength, maxBits: maxBits, layers: layers, sequence: s, index: index)
        }
    }

    package static func error(bits: Int, maxBits: Int, layers: ClosedRange<Int>, sequence s: LabelledSequence,
                      index: Int) -> InputError {
        let which = s.id.map { "sequence \(index) (id \($0))" } ?? "sequence \(index)"
        let after = layers.count == 1 ? "layer \(layers.lowerBound)"
                                      : "layers \(layers.lowerBound)...\(layers.upperBound)"
        return InputError(path: "layers[\(layers.upperBound)]",
                          message: "\(which): after \(after) a number needs \(bits) bits, more than the "
                                 + "limit of \(maxBits) bits (--max-bits N raises it)")
    }
}

extension FeedForward {
    /// Columns of W1 with a non-zero entry: the coordinates the layer reads.
    package var readCoordinates: Set<Int> {
        Set((0..<w1.rows).flatMap { r in (0..<w1.columns).filter { !w1[r, $0].isZero } })
    }

    /// Coordinates the layer may change: non-zero rows of W2, non-zero entries of b2; all when the
    /// residual is not 1.
    package var writtenCoordinates: Set<Int> {
        if residual != .one { return Set(0..<w2.rows) }
        var s = Set(b2.indices.filter { !b2[$0].isZero })
        for r in 0..<w2.rows where (0..<w2.columns).contains(where: { !w2[r, $0].isZero }) { s.insert(r) }
        return s
    }
}
