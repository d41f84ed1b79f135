extension ClusteringReport {
    /// A few lines for a terminal: the model, then per explored sequence its final leaders and clusters,
    /// the layer from which the attention pattern is fixed, the number of exact ties and the largest
    /// bit sizes. Ends with a newline.
    ///
    /// ```
    /// alpha = 2, A = I, 30 layers (residual 1/3, value 2/3 I), exact rational replay
    /// sequence 0 (tie-demo), label "demo": 8 tokens of dimension 2
    ///   leaders after layer 30: 3, 4, 6
    ///   clusters: {1, 3, 5} led by 3; {0, 2, 4} led by 4; {6, 7} led by 6
    ///   attention pattern fixed from layer 3; 4 exact ties; largest numerator 52 bits, denominator 50 bits
    /// ```
    public func summaryText() -> String {
        let o = options
        var lines = ["alpha = \(o.alpha), A = \(matrixDescription), \(o.layers) layer\(o.layers == 1 ? "" : "s") "
                     + "(residual \(o.residual), value \(o.valueScale) I), exact rational replay"]
        for t in trajectories {
            var head = "sequence \(t.index)"
            if let id = t.id { head += " (\(id))" }
            lines.append(head + ", label \"\(t.label)\": \(t.length) token\(t.length == 1 ? "" : "s") "
                         + "of dimension \(t.dimension)")
            let pattern = t.finalPattern
            let leaders = pattern.leaders.map { "\($0)" }.joined(separator: ", ")
            lines.append("  leaders after layer \(o.layers): " + (leaders.isEmpty ? "none" : leaders))
            lines.append("  clusters: " + pattern.clusters.map { c in
                "{" + c.members.map { "\($0)" }.joined(separator: ", ") + "} "
                    + (c.isLeader ? "led by \(c.representative)"
                        : t.duplicatedLeader(c).map { "led by copies " + $0.map { "\($0)" }.joined(separator: " = ") }
                        ?? "tied, no leader")
            }.joined(separator: "; "))
            let ties = t.ties.count
            lines.append("  attention pattern fixed from layer \(t.patternStableFromLayer); \(ties) exact "
                         + "tie\(ties == 1 ? "" : "s"); largest numerator \(t.maxNumeratorBits) bits, "
                         + "denominator \(t.maxDenominatorBits) bits")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
