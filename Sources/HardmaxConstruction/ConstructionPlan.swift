import Exact
import HardmaxFormat

/// Steps A-C done, E ready to be packed: everything a strategy needs to lay out its layers.
struct ConstructionPlan {
    let data: MeasureClasses
    let projection: Projection
    let hash: Hash
    /// The readout's classes: the distinct labels in order of first appearance in the data set.
    let labels: [String]
    /// y, the readout class index of every measure class.
    let classIndex: [Int]

    init(data: MeasureClasses, projection: Projection, hash: Hash) {
        self.data = data
        self.projection = projection
        self.hash = hash
        var labels: [String] = []
        var index: [String: Int] = [:]
        var classIndex: [Int] = []
        for measureClass in data.classes {
            if let y = index[measureClass.label] {
                classIndex.append(y)
            } else {
                index[measureClass.label] = labels.count
                classIndex.append(labels.count)
                labels.append(measureClass.label)
            }
        }
        // Classes are numbered by first member, so this is the order of first appearance in the data.
        self.labels = labels
        self.classIndex = classIndex
    }

    var width: Int { data.layout.width }

    /// u as a row of the working width.
    var projectionRow: [Rational] { projection.u.map { Rational($0) } }

    /// The least value of coordinate c over P.
    func minimumOfCoordinate(_ c: Int) -> Rational {
        var least = data.coordinate(0, c)
        for p in 1..<data.tokenCount where data.coordinate(p, c) < least { least = data.coordinate(p, c) }
        return least
    }

    /// The least value over P of f(p).
    func minimum(_ f: (Int) -> Rational) -> Rational {
        var least = f(0)
        for p in 1..<data.tokenCount {
            let value = f(p)
            if value < least { least = value }
        }
        return least
    }

    /// The value of coordinate h after the hash features: x_h + sum_l c_l relu(s - b_l).
    func hashedCoordinate(_ p: Int) -> Rational {
        var value = data.coordinate(p, data.layout.h)
        for feature in hash.features {
            value += Rational(feature.coefficient) * (projection.values[p] - feature.threshold).relu
        }
        return value
    }

    /// The layers that come before every strategy's own: the lift when the input width is 1.
    var prefix: [Layer] { data.layout.isLifted ? [.lift] : [] }
}
