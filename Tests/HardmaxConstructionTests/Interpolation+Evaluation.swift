import Exact
@testable import HardmaxConstruction

extension Interpolation {
    /// g(x), by the formula of ``Interpolation``.
    func callAsFunction(_ x: Rational) -> Rational {
        var value = constant
        for unit in units { value += unit.change * (x - unit.knot).relu }
        return value
    }
}
