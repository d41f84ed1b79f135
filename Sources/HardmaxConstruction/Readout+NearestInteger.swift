import Exact
import HardmaxFormat
import HardmaxModel

extension Readout {
    /// Pool `pool` (mean unless stated); class k (0-based) scores k z - k^2 / 2 where z is coordinate `coordinate`, so the
    /// prediction is the integer nearest to z and, when z is a class index, the margin is exactly 1/2.
    static func nearestInteger(classes: [Label], coordinate: Int, width: Int, pool: Pool = .mean) -> Readout {
        var weight = Matrix(zeros: classes.count, width)
        var bias: [Rational] = []
        for k in 0..<classes.count {
            weight[k, coordinate] = Rational(k)
            bias.append(-Rational(k * k).divided(by: 2))
        }
        return Readout(pool: pool, classes: classes, weight: weight, bias: bias)
    }
}
