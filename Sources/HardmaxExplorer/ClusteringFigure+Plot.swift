import Exact

extension ClusteringFigure {
    func drawTitle(_ svg: inout SVGWriter) {
        var title = "Hardmax attention clustering: sequence \(trajectory.index)"
        if let id = trajectory.id { title += " (\(Self.shortened(id)))" }
        title += ", label \u{201C}\(Self.shortened(trajectory.label.text))\u{201D}"
        svg.element("text", ["x": "\(Self.left)", "y": "30", "font-size": "18", "font-weight": "bold",
                             "fill": "#111111"], text: title)
        let subtitle = "z\u{1D62} \u{2190} (z\u{1D62} + \u{03B1} mean{z\u{2C7C} : j \u{2208} C\u{1D62}}) / (1 + \u{03B1}),   "
            + "C\u{1D62} = argmax\u{2C7C} z\u{1D62}\u{1D40}A z\u{2C7C},   exact rational replay"
        svg.element("text", ["x": "\(Self.left)", "y": "52", "font-size": "13", "fill": "#444444"], text: subtitle)
    }

    /// At most 32 characters of a user's text, with an ellipsis when cut.
    static func shortened(_ text: String) -> String {
        text.count <= 32 ? text : String(text.prefix(31)) + "\u{2026}"
    }

    /// One dot marker per cluster colour, drawn at every intermediate vertex of a trajectory.
    func drawMarkerDefinitions(_ svg: inout SVGWriter) {
        svg.raw("<defs>")
        for k in clusters.indices {
            svg.raw("<marker id=\"step-\(k)\" viewBox=\"0 0 6 6\" refX=\"3\" refY=\"3\" markerWidth=\"6\" "
                    + "markerHeight=\"6\" markerUnits=\"userSpaceOnUse\">")
            svg.element("circle", ["cx": "3", "cy": "3", "r": "1.6", "fill": colour(ofCluster: k)])
            svg.raw("</marker>")
        }
        svg.raw("</defs>")
    }

    func drawAxes(_ svg: inout SVGWriter, _ h: AxisScale, _ v: AxisScale) {
        let (x0, x1, y0, y1) = (SVGWriter.px(h.start), SVGWriter.px(h.end), SVGWriter.px(v.end),
                                SVGWriter.px(v.start))
        svg.raw("<g class=\"grid\" stroke=\"#e6e6e6\" stroke-width=\"1\">")
        for t in h.ticks {
            let x = SVGWriter.px(h.pixel(t))
            svg.element("line", ["x1": x, "y1": y0, "x2": x, "y2": y1])
        }
        for t in v.ticks {
            let y = SVGWriter.px(v.pixel(t))
            svg.element("line", ["x1": x0, "y1": y, "x2": x1, "y2": y])
        }
        svg.raw("</g>")
        svg.element("rect", ["class": "frame", "x": x0, "y": y0, "width": SVGWriter.px(h.end - h.start),
                             "height": SVGWriter.px(v.start - v.end), "fill": "none", "stroke": "#333333",
                             "stroke-width": "1"])
        svg.raw("<g class=\"ticks\" font-size=\"12\" fill=\"#333333\">")
        for t in h.ticks {
            let x = SVGWriter.px(h.pixel(t))
            svg.element("line", ["x1": x, "y1": y1, "x2": x, "y2": SVGWriter.px(v.start + 5), "stroke": "#333333"])
            svg.element("text", ["class": "tick-label", "x": x, "y": SVGWriter.px(v.start + 20),
                                 "text-anchor": "middle"], text: h.label(t))
        }
        for t in v.ticks {
            let y = SVGWriter.px(v.pixel(t))
            svg.element("line", ["x1": SVGWriter.px(h.start - 5), "y1": y, "x2": x0, "y2": y, "stroke": "#333333"])
            svg.element("text", ["class": "tick-label", "x": SVGWriter.px(h.start - 9),
                                 "y": SVGWriter.px(v.pixel(t) + 4), "text-anchor": "end"], text: v.label(t))
        }
        svg.raw("</g>")
        let hName = axes.horizontal.map { "coordinate \($0)" } ?? "layer"
        svg.element("text", ["class": "axis-label", "x": SVGWriter.px((h.start + h.end).divided(by: 2)),
                             "y": SVGWriter.px(v.start + 44), "text-anchor": "middle", "font-size": "13",
                             "fill": "#111111"], text: hName)
        let vx = SVGWriter.px(h.start - 50), vy = SVGWriter.px((v.start + v.end).divided(by: 2))
        svg.element("text", ["class": "axis-label", "x": vx, "y": vy, "text-anchor": "middle",
                             "font-size": "13", "fill": "#111111", "transform": "rotate(-90 \(vx) \(vy))"],
                    text: "coordinate \(axes.vertical)")
    }

    func drawTrajectories(_ svg: inout SVGWriter, _ h: AxisScale, _ v: AxisScale) {
        let n = trajectory.length, layers = trajectory.layers.count
        let markerRadius = n <= 40 ? "4.5" : "3"   // smaller start and end markers for long sequences
        func pixelPoint(_ i: Int, _ layer: Int) -> String {
            let (x, y) = point(i, after: layer)
            return SVGWriter.px(h.pixel(x)) + "," + SVGWriter.px(v.pixel(y))
        }
        svg.raw("<g class=\"trajectories\" fill=\"none\" stroke-width=\"1.6\" stroke-linejoin=\"round\" "
                + "stroke-linecap=\"round\">")
        for i in 0..<n {
            var points: [String] = []
            for layer in 0...layers {
                let p = pixelPoint(i, layer)
                if points.last != p { points.append(p) }
            }
            let k = clusterOf[i]
            svg.element("polyline", ["class": "trajectory", "data-token": "\(i)", "points": points.joined(separator: " "),
                                     "stroke": colour(ofCluster: k), "stroke-opacity": "0.85",
                                     "marker-mid": "url(#step-\(k))"])
        }
        svg.raw("</g>")
        svg.raw("<g class=\"starts\" fill=\"#ffffff\" stroke-width=\"1.6\">")
        for i in 0..<n {
            let (x, y) = point(i, after: 0)
            svg.element("circle", ["class": "start", "data-token": "\(i)", "cx": SVGWriter.px(h.pixel(x)),
                                   "cy": SVGWriter.px(v.pixel(y)), "r": markerRadius, "stroke": colour(ofCluster: clusterOf[i])])
        }
        svg.raw("</g>")
        svg.raw("<g class=\"finals\" stroke=\"#ffffff\" stroke-width=\"0.8\">")
        for i in 0..<n {
            let (x, y) = point(i, after: layers)
            svg.element("circle", ["class": "final", "data-token": "\(i)", "cx": SVGWriter.px(h.pixel(x)),
                                   "cy": SVGWriter.px(v.pixel(y)), "r": markerRadius, "fill": colour(ofCluster: clusterOf[i])])
        }
        svg.raw("</g>")
        // Ties: a ring where a token's attention set held two or more distinct values, drawn at the
        // layer's input, where the tie was decided.
        svg.raw("<g class=\"ties\" fill=\"none\" stroke=\"#111111\" stroke-width=\"0.9\">")
        for tie in trajectory.ties {
            let (x, y) = point(tie.token, after: tie.layer - 1)
            svg.element("circle", ["class": "tie", "data-token": "\(tie.token)", "data-layer": "\(tie.layer)",
                                   "cx": SVGWriter.px(h.pixel(x)), "cy": SVGWriter.px(v.pixel(y)), "r": "7"])
        }
        svg.raw("</g>")
        svg.raw("<g class=\"leaders\" stroke=\"#111111\" stroke-width=\"1.4\">")
        for i in trajectory.finalPattern.leaders {
            let (x, y) = point(i, after: layers)
            let (cx, cy) = (h.pixel(x), v.pixel(y))
            let r = Rational(8)
            let diamond = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
                .map { SVGWriter.px($0.0) + "," + SVGWriter.px($0.1) }.joined(separator: " ")
            svg.element("polygon", ["class": "leader", "data-token": "\(i)", "points": diamond,
                                    "fill": colour(ofCluster: clusterOf[i])])
        }
        for cluster in clusters {
            guard let copies = trajectory.duplicatedLeader(cluster) else { continue }
            let (x, y) = point(cluster.representative, after: layers)
            let (cx, cy) = (h.pixel(x), v.pixel(y))
            let r = Rational(8)
            let diamond = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
                .map { SVGWriter.px($0.0) + "," + SVGWriter.px($0.1) }.joined(separator: " ")
            svg.element("polygon", ["class": "duplicated-leader",
                                    "data-tokens": copies.map { "\($0)" }.joined(separator: " "),
                                    "points": diamond, "fill": colour(ofCluster: clusterOf[cluster.representative]),
                                    "stroke-dasharray": "2.5 1.5"])
        }
        svg.raw("</g>")
        drawStartLabels(&svg, h, v)
    }

    /// Token numbers beside the start points (tokens that start at the same point share one label,
    /// e.g. `1, 5`); left out above 40 tokens, where they would only clutter.
    func drawStartLabels(_ svg: inout SVGWriter, _ h: AxisScale, _ v: AxisScale) {
        guard trajectory.length <= 40 else { return }
        var groups: [[Rational]: [Int]] = [:]
        var order: [[Rational]] = []
        for i in 0..<trajectory.length {
            let (x, y) = point(i, after: 0)
            if groups[[x, y]] == nil { order.append([x, y]) }
            groups[[x, y], default: []].append(i)
        }
        svg.raw("<g class=\"token-labels\" font-size=\"11\" fill=\"#333333\">")
        for key in order {
            let members = groups[key] ?? []
            svg.element("text", ["class": "token-label", "x": SVGWriter.px(h.pixel(key[0]) + 10),
                                 "y": SVGWriter.px(v.pixel(key[1]) - 9)],
                        text: members.map { "\($0)" }.joined(separator: ", "))
        }
        svg.raw("</g>")
    }
}
