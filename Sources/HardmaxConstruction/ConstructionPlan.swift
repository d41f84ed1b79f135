import Exact
import HardmaxFormat
import HardmaxModel

/// Steps A-C done, E ready to be packed: everything a strategy needs to lay out its layers.
struct ConstructionPlan {
    let projected: ProjectedData
    let hash: Hash
    /// The readout's classes: the distinct labels in order of first appearance in the data set.
    let labels: [Label]
    /// y, the readout class index of every measure class.
    let classIndex: [Int]
    /// Whether the collapse attention is causal (prefix contexts, SPEC.md section 12).
    var causal = false
    /// The readout's pool: mean for whole sequences, every for per-token labels.
    var pool: Pool = .mean

    init(projected: ProjectedData, hash: Hash) {
        self.projected = projected
        self.hash = hash
        var labels: [Label] = []
        var index: [Label: Int] = [:]
        var classIndex: [Int] = []
        // Classes are numbered by their first member, so this is the order of first appearance.
        for measureClass in projected.data.classes {
            if let y = index[measureClass.label] {
                classIndex.append(y)
            } else {
                index[measureClass.label] = labels.count
                classIndex.append(labels.count)
                labels.append(measureClass.label)
            }
        }
        self.labels = labels
        self.classIndex = classIndex
    }

    var data: MeasureClasses { projected.data }
    var layout: Layout { projected.data.layout }
    var width: Int { layout.width }

    /// u as a row of the working width.
    var projectionRow: [Rational] { projected.projection.u.map { Rational($0) } }

    /// The least value of coordinate c over P.
    func minimumOfCoordinate(_ c: Int) -> Rational {
        let scaled = projected.scaled
        return projected.minimum(scaled: { scaled?.numerator($0, c) },
                                 exact: { data.coordinate($0, c) })
    }

    /// The least value over P of s(x) - x_c.
    func minimumOfProjectionMinus(_ c: Int) -> Rational {
        let scaled = projected.scaled, values = projected.projection.scaled
        return projected.minimum(
            scaled: { p in
                guard let scaled, let values else { return nil }
                let (d, overflow) = values[p].subtractingReportingOverflow(scaled.numerator(p, c))
                return overflow ? nil : d
            },
            exact: { projected.s($0) - data.coordinate($0, c) })
    }

    /// The least value over P of coordinate h after the hash features: x_h + sum_l c_l relu(s - b_l).
    func minimumOfHashedCoordinate() -> Rational {
        let scaled = projected.scaled, values = projected.projection.scaled
        let h = layout.h
        let features = zip(hash.features, hash.thresholds).map { ($0.coefficient, $1) }
        return projected.minimum(
            scaled: { p in
                guard let scaled, let values else { return nil }
                var sum = scaled.numerator(p, h)
                for (c, b) in features {
                    guard let bound = b.scaled else { return nil }
                    guard values[p] > bound else { continue }
                    guard let term = checkedProduct(c, values[p] - bound),
                          let next = checkedSum(sum, term) else { return nil }
                    sum = next
                }
                return sum
            },
            exact: { p in
                var value = data.coordinate(p, h)
                for (c, b) in features { value += Rational(c) * (projected.s(p) - b.value).relu }
                return value
            })
    }

    /// The layers that come before every strategy's own: the lift when the input width is 1.
    var prefix: [Layer] { layout.isLifted ? [layout.lift] : [] }
}
