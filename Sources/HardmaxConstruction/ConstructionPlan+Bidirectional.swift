import Exact
import HardmaxFormat
import HardmaxModel

/// The packings of SPEC.md section 12 for bidirectional contexts, in a layout with fresh coordinates
/// o and h (``Layout``): the token's own coordinates stay untouched, so the last feedforward can read
/// z = x_o + c s(x) = H + c s(x) along the rank-1 direction e_o + c u.
///
/// Coordinate h keeps the token's own feature sum F(x) = sum_l c_l relu(s(x) - b_l) after the collapse;
/// F is a function of the context (its token), so the interpolation targets y - F(x) instead of
/// zeroing h: every interpolation unit then reads the one direction e_o + c u (a rank-1 feedforward,
/// which the verifier replays by binary search, SPEC.md section 8).
struct BidirectionalPlan {
    let projected: ProjectedData
    let hash: Hash
    let contexts: BidirectionalContexts

    private var layout: Layout { projected.data.layout }

    /// u as a row of the working width (0 at o and h).
    private var u: [Rational] { projected.projection.u.map { Rational($0) } }

    /// e_o + c u: the feedforward that reads it sees z.
    private var zDirection: [Rational] {
        var read = u.map { contexts.coefficient * $0 }
        read[layout.o] = .one
        return read
    }

    /// F(x) = sum_l c_l relu(s - b_l) for s = s(x).
    private func features(at s: Rational) -> Rational {
        hash.features.reduce(Rational.zero) { $0 + Rational($1.coefficient) * (s - $1.threshold).relu }
    }

    /// g with g(z_k) = y_k - F(x_k), y_k the class index of context k and x_k its token.
    private var interpolation: Interpolation {
        Interpolation(through: contexts.knots.indices.map {
            (contexts.knots[$0], Rational(contexts.targets[$0]) - features(at: contexts.tokenValues[$0]))
        })
    }

    /// Compact (two blocks after the lift x -> (x, 0, 0)):
    /// - FF_1: x_h <- F(x) = sum_l c_l relu(u . x - b_l);
    /// - the collapse attention: x_o <- mean_j(x_h) = H;
    /// - FF_2 (width <= K - 1, rank 1): x_h <- F(x) + g(z) = y.
    /// The readout (pool every) reads coordinate h.
    func compact() -> (layers: [Layer], readout: Readout, interpolationUnits: Int) {
        let w = layout.width
        let zeros = [Rational](repeating: .zero, count: w)
        var first = hash.features.map {
            Unit(read: u, bias: -$0.threshold, target: layout.h, weight: Rational($0.coefficient))
        }
        if first.isEmpty { first = [Unit(read: zeros, bias: .zero, target: layout.h, weight: .zero)] }
        let g = interpolation
        let direction = zDirection
        var second = g.units.map { Unit(read: direction, bias: -$0.knot, target: layout.h, weight: $0.change) }
        if second.isEmpty { second = [Unit(read: zeros, bias: .zero, target: layout.h, weight: .zero)] }
        var secondBias = zeros
        secondBias[layout.h] = g.constant
        let layers = [
            layout.lift,
            .feedforward(FeedForward(units: first, outputBias: zeros)),
            Layer.collapse(width: w, into: layout.o, from: layout.h),
            .feedforward(FeedForward(units: second, outputBias: secondBias)),
        ]
        let readout = Readout.nearestInteger(classes: contexts.labels, coordinate: layout.h, width: w, pool: .every)
        return (layers, readout, g.units.count)
    }

    /// Narrow (every feedforward of width 1, one attention of rank 0 scores and rank 1 value): the lift;
    /// one block per hash feature, x_h <- x_h + c_l relu(u . x - b_l); the collapse; one block per slope
    /// change of g, reading z, the first also adding g's constant (a unit that is always 0 when g is
    /// constant). Blocks: features + max(1, slope changes), the collapse in the first of them or alone.
    func narrow() -> (layers: [Layer], readout: Readout, interpolationUnits: Int) {
        let w = layout.width
        let zeros = [Rational](repeating: .zero, count: w)
        func block(_ unit: Unit, outputBias: [Rational] = zeros) -> Layer {
            .feedforward(FeedForward(units: [unit], outputBias: outputBias))
        }
        var layers = [layout.lift]
        for feature in hash.features {
            layers.append(block(Unit(read: u, bias: -feature.threshold, target: layout.h,
                                     weight: Rational(feature.coefficient))))
        }
        layers.append(Layer.collapse(width: w, into: layout.o, from: layout.h))
        let g = interpolation
        var constant = zeros
        constant[layout.h] = g.constant
        let direction = zDirection
        let units = g.units.isEmpty ? [(knot: Rational.zero, change: Rational.zero)] : g.units
        for (k, unit) in units.enumerated() {
            layers.append(block(Unit(read: direction, bias: -unit.knot, target: layout.h, weight: unit.change),
                                outputBias: k == 0 ? constant : zeros))
        }
        let readout = Readout.nearestInteger(classes: contexts.labels, coordinate: layout.h, width: w, pool: .every)
        return (layers, readout, g.units.count)
    }
}
