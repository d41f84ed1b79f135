import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// The human side of a refutation (SPEC.md section 6): why no model of the class can exist.
public enum Refutation {
    /// How many tokens of a common measure the text shows before it abbreviates (the certificate
    /// holds the whole measure).
    public static let shownTokens = 6

    /// A paragraph of explanation, then per conflict: the two sequences (index, id, label), their
    /// common canonical measure, and whether `--positions index` removes the conflict. Ends with a
    /// newline. `positions` is the setting the conflicts were computed with.
    public static func text(_ conflicts: [Conflict], positions: Positions) -> String {
        var lines: [String] = []
        let pairs = conflicts.count == 1 ? "1 conflicting pair" : "\(conflicts.count) conflicting pairs"
        lines.append("impossible: sequences with different labels share an empirical measure (\(pairs)).")
        if positions == .none {
            lines.append("A model with positions none, no causal attention and pool mean or every sees a "
                         + "sequence only through its empirical measure (the tokens with their proportions, "
                         + "in any order), so it gives both sequences of a pair the same prediction.")
        } else {
            lines.append("With positions index two sequences share a measure only when they are the same "
                         + "sequence token by token, so no model at all can give them different predictions.")
        }
        for (number, conflict) in conflicts.enumerated() {
            lines.append("")
            lines.append("conflict \(number + 1): " + describe(conflict.first, conflict.firstID, conflict.firstLabel)
                         + " and " + describe(conflict.second, conflict.secondID, conflict.secondLabel))
            lines.append("  common measure: " + measureText(conflict.measure))
            if conflict.identical {
                lines.append("  the two sequences are identical token by token: no model separates them, "
                             + "with or without --positions index.")
            } else {
                lines.append("  --positions index removes this conflict (the sequences differ as sequences).")
            }
        }
        lines.append("")
        lines.append(positionsAdvice(positions, removable: conflicts.filter { !$0.identical }.count, of: conflicts.count,
                                     otherwise: "No setting of hardmax construct can classify this data set."))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The closing line on what `--positions index` would do for conflicts of which `removable` (of
    /// `total`) are not identical pairs; `otherwise` when it would do nothing.
    static func positionsAdvice(_ positions: Positions, removable: Int, of total: Int, otherwise: String) -> String {
        if positions == .index || removable == 0 { return otherwise }
        if removable == total {
            return "hint: construct with --positions index; the position coordinate tells every pair apart."
        }
        return "hint: --positions index removes \(removable) of the \(total) conflicts; the identical pairs remain."
    }

    private static func describe(_ index: Int, _ id: String?, _ label: Label) -> String {
        let idText = id.map { "id \(quoted($0)), " } ?? ""
        return "sequence \(index) (\(idText)label \(quoted(label.text)))"
    }

    /// `weight x (token), ...` with the total weight; abbreviated after `shownTokens` tokens.
    static func measureText(_ measure: CanonicalMeasure) -> String {
        let shown = measure.tokens.prefix(shownTokens).enumerated().map { k, token in
            "\(measure.weights[k]) x (" + token.map(\.description).joined(separator: ", ") + ")"
        }
        var text = shown.joined(separator: ", ")
        if measure.tokens.count > shownTokens {
            text += ", ... (\(measure.tokens.count - shownTokens) more distinct tokens)"
        }
        return text + "; weights sum to \(measure.totalWeight)"
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
