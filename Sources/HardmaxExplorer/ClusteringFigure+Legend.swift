import Exact

extension ClusteringFigure {
    static let lineHeight = 20

    /// Height of the legend in pixels (the figure grows to hold it).
    var legendHeight: Int { Self.lineHeight * (clusters.count + 17) }

    /// Width of the legend in pixels: at least 262, more for long entries (12 px text is about 7.3 px a
    /// character in DejaVu Sans; an estimate, no font metrics are read).
    var legendWidth: Int {
        let entries = clusters.map { clusterText($0).count }.max() ?? 0
        let facts = factTexts.map(\.count).max() ?? 0
        return max(262, max(32 + (entries * 73 + 9) / 10, (facts * 73 + 9) / 10) + 12)
    }

    /// The lines under "Exact replay".
    var factTexts: [String] {
        let ties = trajectory.ties.count
        return ["attention pattern fixed from layer \(trajectory.patternStableFromLayer)",
                "\(ties) tie\(ties == 1 ? "" : "s") between distinct tokens, kept exactly",
                "largest numerator: \(trajectory.maxNumeratorBits) bits",
                "largest denominator: \(trajectory.maxDenominatorBits) bits"]
    }

    /// The text of one cluster's legend entry.
    func clusterText(_ cluster: AttentionPattern.Cluster) -> String {
        let list = cluster.members.map { "\($0)" }.joined(separator: ", ")
        let members = cluster.members.count == 1 ? "token \(list)"
            : list.count <= 24 ? "tokens \(list)" : "\(cluster.members.count) tokens"
        if cluster.isLeader { return "leader \(cluster.representative): \(members)" }
        if let copies = trajectory.duplicatedLeader(cluster) {
            return "leader " + copies.map { "\($0)" }.joined(separator: " = ") + " (copies): \(members)"
        }
        return "no leader (tie): \(members)"
    }

    func drawLegend(_ svg: inout SVGWriter, x: Int, y: Int) {
        let layers = trajectory.layers.count
        var line = y + 4
        func heading(_ text: String) {
            svg.element("text", ["x": "\(x)", "y": "\(line)", "font-size": "13", "font-weight": "bold",
                                 "fill": "#111111"], text: text)
            line += Self.lineHeight
        }
        func entry(_ text: String, cssClass: String, symbol: (Int, Int) -> Void) {
            symbol(x + 12, line - 4)
            svg.element("text", ["class": cssClass, "x": "\(x + 32)", "y": "\(line)", "font-size": "12",
                                 "fill": "#222222"], text: text)
            line += Self.lineHeight
        }
        svg.raw("<g class=\"legend\">")
        heading("Clusters after layer \(layers)")
        for (k, cluster) in clusters.enumerated() {
            entry(clusterText(cluster), cssClass: "legend-cluster") { cx, cy in
                svg.element("line", ["x1": "\(cx - 10)", "y1": "\(cy)", "x2": "\(cx + 10)", "y2": "\(cy)",
                                     "stroke": colour(ofCluster: k), "stroke-width": "2.5"])
                svg.element("circle", ["cx": "\(cx)", "cy": "\(cy)", "r": "4", "fill": colour(ofCluster: k)])
            }
        }
        line += Self.lineHeight / 2
        heading("Markers")
        entry("start (input tokens)", cssClass: "legend-key") { cx, cy in
            svg.element("circle", ["cx": "\(cx)", "cy": "\(cy)", "r": "4.5", "fill": "#ffffff",
                                   "stroke": "#555555", "stroke-width": "1.6"])
        }
        entry("after layer \(layers)", cssClass: "legend-key") { cx, cy in
            svg.element("circle", ["cx": "\(cx)", "cy": "\(cy)", "r": "4.5", "fill": "#555555"])
        }
        entry("one layer step", cssClass: "legend-key") { cx, cy in
            svg.element("line", ["x1": "\(cx - 10)", "y1": "\(cy)", "x2": "\(cx + 10)", "y2": "\(cy)",
                                 "stroke": "#555555", "stroke-width": "1.6"])
            svg.element("circle", ["cx": "\(cx)", "cy": "\(cy)", "r": "1.6", "fill": "#555555"])
        }
        entry("leader: C\u{1D62} = {i} in layer \(layers)", cssClass: "legend-key") { cx, cy in
            svg.element("polygon", ["points": "\(cx),\(cy - 7) \(cx + 7),\(cy) \(cx),\(cy + 7) \(cx - 7),\(cy)",
                                    "fill": "#bbbbbb", "stroke": "#111111", "stroke-width": "1.4"])
        }
        entry("exact tie: C\u{1D62} holds distinct tokens", cssClass: "legend-key") { cx, cy in
            svg.element("circle", ["cx": "\(cx)", "cy": "\(cy)", "r": "7", "fill": "none", "stroke": "#111111",
                                   "stroke-width": "0.9"])
        }
        line += Self.lineHeight / 2
        heading("Model")
        let o = report.options
        for text in ["\u{03B1} = \(o.alpha)  (residual \(o.residual), value \(o.valueScale) I)",
                     "A = \(report.matrixDescription),  \(o.layers) layer\(o.layers == 1 ? "" : "s")"] {
            svg.element("text", ["class": "legend-fact", "x": "\(x)", "y": "\(line)", "font-size": "12",
                                 "fill": "#222222"], text: text)
            line += Self.lineHeight
        }
        line += Self.lineHeight / 2
        heading("Exact replay")
        for text in factTexts {
            svg.element("text", ["class": "legend-fact", "x": "\(x)", "y": "\(line)", "font-size": "12",
                                 "fill": "#222222"], text: text)
            line += Self.lineHeight
        }
        svg.raw("</g>")
    }
}
