import HardmaxFormat
import HardmaxModel

/// The coordinates a construction works in (SPEC.md section 7).
///
/// The model reads tokens of width d; `positions: index` appends the position, giving the input width
/// w. When w = 1 the construction first applies the affine lift x -> (x, 0), so it always works in
/// width W = max(w, 2). Coordinate o = 0 and coordinate h = 1 are the two coordinates the steps
/// write; on a lifted token h is the added zero coordinate.
struct Layout: Sendable, Equatable {
    let dimension: Int
    let positions: Positions
    /// w: d, plus one for the position index.
    let inputWidth: Int
    /// W = max(w, 2).
    let width: Int
    let o = 0
    let h = 1

    init(dimension: Int, positions: Positions) {
        precondition(dimension >= 1, "Layout: dimension must be at least 1")
        self.dimension = dimension
        self.positions = positions
        inputWidth = positions == .index ? dimension + 1 : dimension
        width = max(inputWidth, 2)
    }

    /// Whether the first layer is the affine lift x -> (x, 0).
    var isLifted: Bool { width > inputWidth }
}
