import Exact
import HardmaxFormat

/// One hidden unit of a feedforward layer: it adds `write * relu(read . x + bias)` to the token.
struct Unit {
    var read: [Rational]
    var bias: Rational
    var write: [Rational]

    /// A unit that reads `read`, and writes `weight` times its activation into coordinate `target`.
    init(read: [Rational], bias: Rational, target: Int, weight: Rational) {
        self.read = read
        self.bias = bias
        var write = [Rational](repeating: .zero, count: read.count)
        write[target] = weight
        self.write = write
    }
}

/// The unit vector e_c in width `width`.
func unitVector(_ c: Int, width: Int) -> [Rational] {
    var e = [Rational](repeating: .zero, count: width)
    e[c] = .one
    return e
}

extension FeedForward {
    /// y = x + sum_u write_u relu(read_u . x + bias_u) + outputBias (residual 1).
    /// - Precondition: at least one unit (the model format requires hidden width m >= 1).
    init(units: [Unit], outputBias: [Rational]) {
        precondition(!units.isEmpty, "FeedForward: at least one unit")
        let width = outputBias.count
        var w2 = Matrix(zeros: width, units.count)
        for (k, unit) in units.enumerated() {
            for r in 0..<width where !unit.write[r].isZero { w2[r, k] = unit.write[r] }
        }
        self.init(w1: Matrix(rowArrays: units.map(\.read), columns: width),
                  b1: units.map(\.bias), w2: w2, b2: outputBias)
    }
}

extension Layer {
    /// Step D: one head with all scores equal and V = e_o e_h^T, so y_i = x_i + mean_j(x_j,h) e_o.
    static func collapse(width: Int, into o: Int, from h: Int) -> Layer {
        var value = Matrix(zeros: width, width)
        value[o, h] = .one
        return .attention(Attention(heads: [AttentionHead(score: .uniform, value: value)]))
    }

    /// The affine lift x -> (x, 0) from width 1 to width 2.
    static var lift: Layer {
        .affine(Affine(weight: Matrix(rowArrays: [[.one], [.zero]], columns: 1), bias: [.zero, .zero]))
    }
}

extension Readout {
    /// Mean pool; class k (0-based) scores k z - k^2 / 2 where z is coordinate `coordinate`, so the
    /// prediction is the integer nearest to z and, when z is a class index, the margin is exactly 1/2.
    static func nearestInteger(classes: [String], coordinate: Int, width: Int) -> Readout {
        var weight = Matrix(zeros: classes.count, width)
        var bias: [Rational] = []
        for k in 0..<classes.count {
            weight[k, coordinate] = Rational(k)
            bias.append(-Rational(k * k).divided(by: 2))
        }
        return Readout(pool: .mean, classes: classes, weight: weight, bias: bias)
    }
}

/// The least integer >= max(0, -minimum): a bound B with x + B >= 0 whenever x >= minimum.
func nonNegativeShift(below minimum: Rational) -> Rational {
    minimum.signum >= 0 ? .zero : Rational((-minimum).ceil())
}
