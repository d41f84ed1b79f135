import HardmaxFormat
import HardmaxModel
import HardmaxKernel

extension Refutation {
    /// The refutation of per-token labels (SPEC.md section 12): why, then per conflict the two
    /// positions (sequence, token, id, label), their common context, and whether `--positions index`
    /// removes the conflict. Ends with a newline.
    public static func text(_ conflicts: [TokenConflict], mask: ContextMask, positions: Positions) -> String {
        var lines: [String] = []
        let pairs = conflicts.count == 1 ? "1 conflicting pair" : "\(conflicts.count) conflicting pairs"
        let what = mask == .causal ? "a prefix measure" : "a token and a sequence measure"
        lines.append("impossible: labelled positions with different labels share \(what) (\(pairs)).")
        if mask == .causal {
            lines.append("A model with causal attention and pool every labels position i from the measure of "
                         + "x_1..x_i" + (positions == .none ? " (the prefix's tokens in proportion, in any order)" : "")
                         + ", so it gives both positions of a pair the same prediction.")
        } else {
            lines.append("A model with positions \(positions.rawValue), no causal attention and pool every labels "
                         + "position i of sequence j from the token x_i and the measure of sequence j, so it gives "
                         + "both positions of a pair the same prediction.")
        }
        for (number, c) in conflicts.prefix(shownConflicts).enumerated() {
            lines.append("")
            lines.append("conflict \(number + 1): " + describe(c.first, c.firstID, c.firstLabel) + " and "
                         + describe(c.second, c.secondID, c.secondLabel))
            if let token = c.token { lines.append("  common token: " + tokenText(token)) }
            lines.append("  common measure: " + measureText(c.measure))
            if c.identical {
                lines.append(mask == .causal
                             ? "  the two prefixes are identical token by token: no causal model labels both right."
                             : "  the same position of two identical sequences: no model labels both right.")
            } else {
                lines.append("  --positions index removes this conflict (the two contexts differ as sequences).")
            }
        }
        if conflicts.count > shownConflicts {
            lines.append("")
            lines.append("... \(conflicts.count - shownConflicts) more conflicts (all are in the certificate)")
        }
        lines.append("")
        lines.append(positionsAdvice(positions, removable: conflicts.filter { !$0.identical }.count, of: conflicts.count,
                                     otherwise: "No positions setting removes these conflicts: the data is not deterministic in its contexts."))
        return lines.joined(separator: "\n") + "\n"
    }

    /// How many conflicts the text lists (the certificate lists all).
    public static let shownConflicts = 20

    private static func describe(_ site: TokenSite, _ id: String?, _ label: Label) -> String {
        let idText = id.map { "id \"\($0)\", " } ?? ""
        return "sequence \(site.sequence) token \(site.token) (\(idText)label \"\(label.text)\")"
    }

    private static func tokenText(_ token: ContextToken) -> String {
        let values = token.values.map(\.description).joined(separator: ", ")
        guard let symbol = token.symbol else { return "(" + values + ")" }
        return "\"\(symbol.text)\"" + (values.isEmpty ? "" : " at position \(values)")
    }

    /// `weight x token, ...` with the total weight; abbreviated after `shownTokens` tokens.
    static func measureText(_ measure: ContextMeasure) -> String {
        let shown = measure.tokens.prefix(shownTokens).enumerated().map { k, token in
            "\(measure.weights[k]) x " + tokenText(token)
        }
        var text = shown.joined(separator: ", ")
        if measure.tokens.count > shownTokens {
            text += ", ... (\(measure.tokens.count - shownTokens) more distinct tokens)"
        }
        return text + "; weights sum to \(measure.weights.reduce(0, +))"
    }
}
