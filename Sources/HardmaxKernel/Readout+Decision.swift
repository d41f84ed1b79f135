import Exact
import HardmaxModel

/// The scores of one read token (the pooled token, or one token for pool `every`).
package struct ReadScores {
    /// 0-based position of the token in the sequence (0 for pool `mean`); orders the reasons of `every`.
    package var position: Int
    package var scores: [Rational]

    package init(position: Int, scores: [Rational]) {
        self.position = position
        self.scores = scores
    }
}

/// Prediction, margin and pass of one sequence (SPEC.md section 4, readout).
package struct ReadoutDecision: Equatable {
    package var predicted: Label?
    package var margin: Rational?
    package var passed: Bool
    package var reason: String?
}

extension Readout {
    /// s = W z + b. Precondition: z has W's column count.
    package func scores(of z: [Rational]) -> [Rational] {
        (0..<weight.rows).map { k in Semantics.dot(weight.row(k), z) + bias[k] }
    }

    /// Decides a sequence from its reads: one for pools mean/first/last, one per token (or per
    /// distinct token, in any order) for `every`.
    ///
    /// A read predicts the unique class of maximal score, or nothing on a tie at the top. Its margin is
    /// s_label - max_{k != label} s_k, nil when C = 1 or the label is not a class. The sequence passes
    /// iff the label is a class and every read predicts it; its prediction is the common prediction of
    /// its reads (nil if they disagree or one has none); its margin is the least. The reason names the
    /// first failing read by position.
    package func decide(_ reads: [ReadScores], label: Label) -> ReadoutDecision {
        precondition(!reads.isEmpty, "decide: no reads")
        let labelIndex = classes.firstIndex(of: label)
        var predictions: [Int?] = []
        var margins: [Rational] = []
        var reason: String?
        for read in reads.sorted(by: { $0.position < $1.position }) {
            let s = read.scores
            let best = s.max()!  // C >= 1, so the maximum exists
            let top = s.indices.filter { s[$0] == best }
            let predicted = top.count == 1 ? top[0] : nil
            predictions.append(predicted)
            if let li = labelIndex, s.count > 1 {
                margins.append(s[li] - s.indices.filter { $0 != li }.map { s[$0] }.max()!)
            }
            if reason == nil, labelIndex != nil, predicted != labelIndex {
                let what = top.count == 1 ? "predicted \(classes[top[0]])"
                                          : "tie between " + Self.list(top.map { classes[$0].text })
                reason = pool == .every ? "token \(read.position + 1): \(what)" : what
            }
        }
        let common = predictions.allSatisfy { $0 == predictions[0] } ? predictions[0].map { classes[$0] } : nil
        guard labelIndex != nil else {
            return ReadoutDecision(predicted: common, margin: nil, passed: false,
                                   reason: "label \(label) is not a model class")
        }
        return ReadoutDecision(predicted: common, margin: margins.min(), passed: reason == nil, reason: reason)
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}
