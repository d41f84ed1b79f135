import Exact
import HardmaxFormat
import HardmaxModel

/// The coordinates a construction works in (SPEC.md sections 7 and 12).
///
/// The model reads tokens of width d; `positions: index` appends the position, giving the input width
/// w. When w = 1 the construction first applies the affine lift x -> (x, 0), so it always works in
/// width W = max(w, 2). Coordinate o = 0 and coordinate h = 1 are the two coordinates the steps
/// write; on a lifted token h is the added zero coordinate.
///
/// With fresh coordinates (bidirectional contexts, SPEC.md section 12, where s must still read the
/// token's own coordinates after the attention), the lift is x -> (x, 0, 0): W = w + 2, o = w, h = w + 1.
struct Layout: Sendable, Equatable {
    let dimension: Int
    let positions: Positions
    /// w: d, plus one for the position index.
    let inputWidth: Int
    /// W = max(w, 2).
    let width: Int
    let o: Int
    let h: Int

    init(dimension: Int, positions: Positions, freshCoordinates: Bool = false) {
        precondition(dimension >= 1, "Layout: dimension must be at least 1")
        self.dimension = dimension
        self.positions = positions
        inputWidth = positions == .index ? dimension + 1 : dimension
        width = freshCoordinates ? inputWidth + 2 : max(inputWidth, 2)
        (o, h) = freshCoordinates ? (inputWidth, inputWidth + 1) : (0, 1)
    }

    /// Whether the first layer is the affine lift x -> (x, 0).
    var isLifted: Bool { width > inputWidth }

    /// The affine lift x -> (x, 0, ..., 0) from the input width to the working width.
    var lift: Layer {
        var weight = Matrix(zeros: width, inputWidth)
        for c in 0..<inputWidth { weight[c, c] = .one }
        return .affine(Affine(weight: weight, bias: [Rational](repeating: .zero, count: width)))
    }
}
