import Exact
import HardmaxFormat
import HardmaxModel

/// One hidden unit of a feedforward layer: it adds `weight * relu(read . x + bias)` to coordinate
/// `target` of the token.
///
/// Units that read the same vector should share one array (`read` is copy-on-write): a million
/// interpolation units then hold one read vector, not a million.
struct Unit {
    var read: [Rational]
    var bias: Rational
    var target: Int
    var weight: Rational

    /// A unit that reads `read`, and writes `weight` times its activation into coordinate `target`.
    init(read: [Rational], bias: Rational, target: Int, weight: Rational) {
        self.read = read
        self.bias = bias
        self.target = target
        self.weight = weight
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
        for (k, unit) in units.enumerated() where !unit.weight.isZero { w2[unit.target, k] = unit.weight }
        self.init(w1: Matrix(rowArrays: units.map(\.read), columns: width),
                  b1: units.map(\.bias), w2: w2, b2: outputBias)
    }
}
