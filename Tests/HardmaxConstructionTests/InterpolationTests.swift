import Exact
import Testing
@testable import HardmaxConstruction

@Suite struct InterpolationTests {
    @Test func passesThroughEveryPointAndIsConstantToTheLeft() throws {
        let points: [(knot: Rational, target: Rational)] = [
            (3, 1), (-1, 0), (try Rational(1, 2), 5), (7, 5), (10, 2),
        ]
        let g = Interpolation(through: points)
        for p in points { #expect(g(p.knot) == p.target) }
        #expect(g(-100) == 0)
        // Slopes: (-1,0)->(1/2,5): 10/3; (1/2,5)->(3,1): -8/5; (3,1)->(7,5): 1; (7,5)->(10,2): -1.
        // Every slope differs from the one before, so 4 units.
        #expect(g.units.count == 4)
    }
}
