import Exact
import HardmaxFormat
import HardmaxModel

extension ConstructionPlan {
    /// The compact packing of SPEC.md section 7 (two blocks):
    ///
    /// - FF_1 (width features + 1): x_o <- x_o - relu(x_o + B) + B = 0 with B = max(0, ceil(-min x_o)),
    ///   and x_h <- x_h + sum_l c_l relu(u . x - b_l);
    /// - the collapse attention: x_o <- 0 + mean(x_h) = H;
    /// - FF_2 (width <= K - 1): x_o <- H + g(H) with g(H_(k)) = y_(k) - H_(k), so x_o = y.
    ///
    /// The readout reads coordinate o.
    func compact() -> (layers: [Layer], readout: Readout, interpolationUnits: Int) {
        let w = width
        let eo = unitVector(layout.o, width: w)   // one array shared by every unit that reads x_o
        let shift = nonNegativeShift(below: minimumOfCoordinate(layout.o))
        var first = [Unit(read: eo, bias: shift, target: layout.o, weight: -.one)]
        let u = projectionRow
        for feature in hash.features {
            first.append(Unit(read: u, bias: -feature.threshold, target: layout.h,
                              weight: Rational(feature.coefficient)))
        }
        var firstBias = [Rational](repeating: .zero, count: w)
        firstBias[layout.o] = shift

        let g = Interpolation(through: zip(hash.values, classIndex).map { ($0, Rational($1) - $0) })
        var second = g.units.map {
            Unit(read: eo, bias: -$0.knot, target: layout.o, weight: $0.change)
        }
        if second.isEmpty {
            // g is constant; the format needs one hidden unit, so add one that is always 0.
            second = [Unit(read: [Rational](repeating: .zero, count: w), bias: .zero,
                           target: layout.o, weight: .zero)]
        }
        var secondBias = [Rational](repeating: .zero, count: w)
        secondBias[layout.o] = g.constant

        let layers = prefix + [
            .feedforward(FeedForward(units: first, outputBias: firstBias)),
            Layer.collapse(width: w, into: layout.o, from: layout.h, causal: causal),
            .feedforward(FeedForward(units: second, outputBias: secondBias)),
        ]
        let readout = Readout.nearestInteger(classes: labels, coordinate: layout.o, width: w, pool: pool)
        return (layers, readout, g.units.count)
    }
}
