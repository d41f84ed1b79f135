import Exact
import HardmaxFormat
import HardmaxModel

extension ConstructionPlan {
    /// The narrow packing of SPEC.md section 7: every feedforward has width 1, the one attention has
    /// uniform scores (rank 0) and value e_o e_h^T (rank 1).
    ///
    /// - shear (only when there are features): x_o <- x_o + relu((u - e_o) . x + beta) = u . x + beta,
    ///   beta = the least integer with (u - e_o) . x + beta >= 0 and u . x + beta >= 0 on P;
    /// - per feature l: x_h <- x_h + c_l relu(x_o - (b_l + beta));
    /// - zero o: x_o <- x_o - relu(x_o + B) + B (B = 0 after the shear);
    /// - attention: x_o <- mean(x_h) = H; zero h in the same block: x_h <- x_h - relu(x_h + B_h) + B_h
    ///   + y_(1), the constant of g;
    /// - per slope change of g (g(H_(k)) = y_(k)): x_h <- x_h + change relu(x_o - H_(k)).
    ///
    /// The readout reads coordinate h. Blocks: (1 + features when features > 0) + 2 + slope changes
    /// <= features + (K - 1) + 3.
    func narrow() -> (layers: [Layer], readout: Readout, interpolationUnits: Int) {
        let (o, h) = (layout.o, layout.h)
        let w = width
        let eo = unitVector(o, width: w), eh = unitVector(h, width: w)
        let zeros = [Rational](repeating: .zero, count: w)
        func block(_ unit: Unit, outputBias: [Rational] = zeros) -> Layer {
            .feedforward(FeedForward(units: [unit], outputBias: outputBias))
        }
        var layers = prefix
        if hash.features.isEmpty {
            let shift = nonNegativeShift(below: minimumOfCoordinate(o))
            var bias = zeros
            bias[o] = shift
            layers.append(block(Unit(read: eo, bias: shift, target: o, weight: -.one), outputBias: bias))
        } else {
            var shearRead = projectionRow
            shearRead[o] -= .one
            let beta = max(nonNegativeShift(below: minimumOfProjectionMinus(o)),
                           nonNegativeShift(below: projected.projection.minimum))
            layers.append(block(Unit(read: shearRead, bias: beta, target: o, weight: .one)))
            for feature in hash.features {
                layers.append(block(Unit(read: eo, bias: -(feature.threshold + beta), target: h,
                                         weight: Rational(feature.coefficient))))
            }
            layers.append(block(Unit(read: eo, bias: .zero, target: o, weight: -.one)))
        }
        layers.append(Layer.collapse(width: w, into: o, from: h, causal: causal))
        let g = Interpolation(through: zip(hash.values, classIndex).map { ($0, Rational($1)) })
        let shiftH = nonNegativeShift(below: minimumOfHashedCoordinate())
        var zeroHBias = zeros
        zeroHBias[h] = shiftH + g.constant
        layers.append(block(Unit(read: eh, bias: shiftH, target: h, weight: -.one), outputBias: zeroHBias))
        for unit in g.units {
            layers.append(block(Unit(read: eo, bias: -unit.knot, target: h, weight: unit.change)))
        }
        let readout = Readout.nearestInteger(classes: labels, coordinate: h, width: w, pool: pool)
        return (layers, readout, g.units.count)
    }
}
