/// Which coordinates a clustering figure draws.
public struct ClusteringFigureOptions: Sendable, Equatable {
    /// The coordinate on the horizontal axis (0-based), or nil to put the layer number there.
    public var horizontal: Int?
    /// The coordinate on the vertical axis (0-based).
    public var vertical: Int

    public init(horizontal: Int?, vertical: Int) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// Coordinates 0 and 1 when d >= 2; for d = 1, coordinate 0 against the layer number.
    public static func standard(dimension: Int) -> ClusteringFigureOptions {
        dimension >= 2 ? ClusteringFigureOptions(horizontal: 0, vertical: 1)
            : ClusteringFigureOptions(horizontal: nil, vertical: 0)
    }
}
