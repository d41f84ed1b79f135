import Exact
import HardmaxFormat
import HardmaxModel

/// The packings of SPEC.md section 12 for bidirectional contexts, in a layout with fresh coordinates
/// o and h (``Layout``): the token's own coordinates stay untouched, so the last feedforward can read
/// z = x_o + c s(x) = H + c s(x) along the rank-1 direction e_o + c u.
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

    /// g with g(z_k) = y_k, the class index of context k.
    private var interpolation: Interpolation {
        Interpolation(through: zip(contexts.knots, contexts.targets).map { ($0, Rational($1)) })
    }

    /// Compact (two blocks after the lift x -> (x, 0, 0)):
    /// - FF_1: x_h <- sum_l c_l relu(u . x - b_l) (so x_h >= 0);
    /// - the collapse attention: x_o <- mean_j(x_h) = H;
    /// - FF_2: x_h <- x_h - relu(x_h) + g(z) = g(z) = y.
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
        var second = [Unit(read: unitVector(layout.h, width: w), bias: .zero, target: layout.h, weight: -.one)]
        second += g.units.map { Unit(read: direction, bias: -$0.knot, target: layout.h, weight: $0.change) }
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
    /// one block per hash feature, x_h <- x_h + c_l relu(u . x - b_l); the collapse; zero h with the
    /// constant of g, x_h <- x_h - relu(x_h) + g(z_(1)); one block per slope change of g, reading z.
    /// Blocks: features + 2 + slope changes.
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
        var zeroH = zeros
        zeroH[layout.h] = g.constant
        layers.append(block(Unit(read: unitVector(layout.h, width: w), bias: .zero, target: layout.h, weight: -.one),
                            outputBias: zeroH))
        let direction = zDirection
        for unit in g.units {
            layers.append(block(Unit(read: direction, bias: -unit.knot, target: layout.h, weight: unit.change)))
        }
        let readout = Readout.nearestInteger(classes: contexts.labels, coordinate: layout.h, width: w, pool: .every)
        return (layers, readout, g.units.count)
    }
}
