import Exact
import HardmaxFormat
import HardmaxModel

/// The result of a clustering run: the options, the model that was replayed, and one exact trajectory
/// per explored sequence (in dataset order).
public struct ClusteringReport: Sendable, Equatable {
    public let options: ClusteringOptions
    /// Token dimension d.
    public let dimension: Int
    /// The model file of the run (SPEC.md section 4); replaying it gives `trajectories`' final tokens.
    public let model: Model
    public let trajectories: [ClusteringTrajectory]

    /// The trajectory of dataset sequence `index`, if it was explored.
    public func trajectory(ofSequence index: Int) -> ClusteringTrajectory? {
        trajectories.first { $0.index == index }
    }

    /// A short description of A: `I` for the identity (given or defaulted), else `A (d x d)`.
    var matrixDescription: String {
        guard let a = options.matrix else { return "I" }
        let isIdentity = (0..<a.rows).allSatisfy { r in
            (0..<a.columns).allSatisfy { c in a[r, c] == (r == c ? Rational.one : .zero) }
        }
        return isIdentity ? "I" : "A (\(a.rows) x \(a.columns))"
    }
}
