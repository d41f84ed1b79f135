import Exact
import HardmaxFormat
import HardmaxModel

extension ClusteringReport {
    /// The figure of one explored sequence as a standalone SVG document (written by hand, no float):
    /// every token's trajectory across the layers as a polyline with a dot per layer, start points
    /// (hollow) and final points (filled), the final leaders as diamonds, colours by final cluster,
    /// axes with tick labels, a legend and a title.
    ///
    /// Drawing coordinates are computed in exact rationals and written as fixed-point decimals.
    /// Elements carry classes for machines: `trajectory` (one polyline per token), `start`, `final`,
    /// `leader` (one per final leader), `legend-cluster` (one per final cluster).
    /// - Parameters:
    ///   - sequence: the dataset index of an explored sequence; nil for the first explored one.
    ///   - axes: the coordinates drawn; nil for ``ClusteringFigureOptions/standard(dimension:)``.
    /// - Throws: ``InputError`` when the sequence was not explored or a coordinate is out of range.
    public func svg(sequence: Int? = nil, axes: ClusteringFigureOptions? = nil) throws -> String {
        guard let t = sequence.map({ trajectory(ofSequence: $0) }) ?? trajectories.first else {
            throw InputError(message: "sequence \(sequence ?? 0) was not explored; explored: "
                             + trajectories.map { "\($0.index)" }.joined(separator: ", "))
        }
        let axes = axes ?? .standard(dimension: dimension)
        for c in [axes.horizontal, axes.vertical].compactMap({ $0 }) where c < 0 || c >= dimension {
            throw InputError(message: "coordinate \(c) does not exist: tokens have dimension \(dimension) "
                             + "(coordinates are numbered from 0)")
        }
        return ClusteringFigure(report: self, trajectory: t, axes: axes).render()
    }
}

/// The layout and drawing of one clustering figure. Pixel sizes are integers; data-to-pixel maps are
/// exact rationals.
struct ClusteringFigure {
    let report: ClusteringReport
    let trajectory: ClusteringTrajectory
    let axes: ClusteringFigureOptions
    let clusters: [AttentionPattern.Cluster]
    /// Index into `clusters` for each token.
    let clusterOf: [Int]

    static let left = 84, top = 76, bottom = 62, legendGap = 28, right = 18

    init(report: ClusteringReport, trajectory: ClusteringTrajectory, axes: ClusteringFigureOptions) {
        self.report = report
        self.trajectory = trajectory
        self.axes = axes
        clusters = trajectory.finalPattern.clusters
        var clusterOf = [Int](repeating: 0, count: trajectory.length)
        for (k, cluster) in clusters.enumerated() { for i in cluster.members { clusterOf[i] = k } }
        self.clusterOf = clusterOf
    }

    /// Colour-blind-safe colours (Okabe and Ito), cycled when there are more clusters.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F",
                          "#4D4D4D"]

    func colour(ofCluster k: Int) -> String { Self.palette[k % Self.palette.count] }

    /// The point of token i after layer ℓ in data coordinates (horizontal, vertical).
    func point(_ i: Int, after layer: Int) -> (Rational, Rational) {
        let z = trajectory.tokens(after: layer)[i]
        return (axes.horizontal.map { z[$0] } ?? Rational(layer), z[axes.vertical])
    }

    func render() -> String {
        let (h, v) = scales()
        let width = Self.left + pixels(h) + Self.legendGap + legendWidth + Self.right
        let plotHeight = pixels(v)
        let height = max(Self.top + plotHeight + Self.bottom, Self.top + legendHeight + 16)
        var svg = SVGWriter()
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
                + "viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">")
        svg.element("rect", ["x": "0", "y": "0", "width": "\(width)", "height": "\(height)", "fill": "#ffffff"])
        drawTitle(&svg)
        drawMarkerDefinitions(&svg)
        drawAxes(&svg, h, v)
        drawTrajectories(&svg, h, v)
        drawLegend(&svg, x: Self.left + pixels(h) + Self.legendGap, y: Self.top)
        svg.raw("</svg>")
        return svg.text
    }

    /// The plot's width or height in pixels.
    func pixels(_ s: AxisScale) -> Int { (s.end - s.start).magnitudeInt }

    // MARK: scales

    /// The horizontal and vertical scales. Two coordinates share one unit length (a square stays
    /// square); the plot box adapts its aspect to the data between 300 and 520 pixels a side.
    func scales() -> (AxisScale, AxisScale) {
        let layers = trajectory.layers.count
        var hs: [Rational] = []
        var vs: [Rational] = []
        for layer in 0...layers {
            for i in 0..<trajectory.length {
                let (x, y) = point(i, after: layer)
                hs.append(x)
                vs.append(y)
            }
        }
        let (hLow, hHigh) = (hs.min() ?? .zero, hs.max() ?? .one)
        let (vLow, vHigh) = (vs.min() ?? .zero, vs.max() ?? .one)
        let left = Rational(Self.left), top = Rational(Self.top)
        guard axes.horizontal != nil else {
            // Layer number against one coordinate: independent scales, a 560 x 360 box.
            let (w, hgt) = (Rational(560), Rational(360))
            let pad = Rational(max(layers, 1)).divided(by: 40)
            let (vl, vh) = Self.padded(vLow, vHigh)
            return (AxisScale(low: -pad, high: Rational(layers) + pad, start: left, end: left + w,
                              integerTicks: true),
                    AxisScale(low: vl, high: vh, start: top + hgt, end: top))
        }
        var spanH = hHigh - hLow
        var spanV = vHigh - vLow
        if spanH.isZero && spanV.isZero { (spanH, spanV) = (2, 2) }
        if spanH.isZero { spanH = spanV }
        if spanV.isZero { spanV = spanH }
        // 6 % padding on each side.
        spanH = spanH * Self.paddingFactor
        spanV = spanV * Self.paddingFactor
        let (big, small) = (Rational(520), Rational(300))
        var w = big, hgt = big
        if spanH >= spanV {
            hgt = Swift.min(big, Swift.max(small, Rational(exactQuotient(big * spanV, spanH).floor())))
        } else {
            w = Swift.min(big, Swift.max(small, Rational(exactQuotient(big * spanH, spanV).floor())))
        }
        let unit = Swift.max(exactQuotient(spanH, w), exactQuotient(spanV, hgt))   // data units per pixel, shared
        let (hc, vc) = ((hLow + hHigh).divided(by: 2), (vLow + vHigh).divided(by: 2))
        let (halfW, halfH) = (unit * w.divided(by: 2), unit * hgt.divided(by: 2))
        return (AxisScale(low: hc - halfW, high: hc + halfW, start: left, end: left + w),
                AxisScale(low: vc - halfH, high: vc + halfH, start: top + hgt, end: top))
    }

    static let paddingFactor = Rational(28).divided(by: 25)

    /// [low, high] widened by 6 % on each side (by 1 when low == high).
    static func padded(_ low: Rational, _ high: Rational) -> (Rational, Rational) {
        if low == high { return (low - .one, high + .one) }
        let pad = (high - low) * Rational(6).divided(by: 100)
        return (low - pad, high + pad)
    }
}

private extension Rational {
    /// |self| rounded down to an Int (for pixel sizes, which are small).
    var magnitudeInt: Int { (signum < 0 ? -self : self).floor().intValue ?? 0 }
}
