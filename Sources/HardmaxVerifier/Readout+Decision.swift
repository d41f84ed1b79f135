import Exact
import HardmaxFormat

/// The scores of one read token (a pooled token, or one token for pool `every`).
struct ReadScores {
    /// 0-based position of the token in the sequence (0 for pool `mean`); orders `every` reasons.
    var position: Int
    var scores: [Rational]
}

/// Prediction, margin and pass of one sequence (SPEC.md section 4, readout).
struct ReadoutDecision: Equatable {
    var predicted: String?
    var margin: Rational?
    var passed: Bool
    var reason: String?
}

extension Readout {
    /// s = W z + b. Precondition: z has W's column count.
    func scores(of z: [Rational]) -> [Rational] {
        (0..<weight.rows).map { k in
            var acc = DotAccumulator()
            for c in 0..<weight.columns { acc.add(weight[k, c], times: z[c]) }
            acc.add(bias[k])
            return acc.value
        }
    }

    /// Decides a sequence from its reads: one for pools mean/first/last, one per token (or per
    /// distinct token, in any order) for `every`.
    ///
    /// Rules: a read predicts the unique class of maximal score, or nothing on a tie at the top. Its
    /// margin is s_label - max_{k != label} s_k, nil when C = 1 or the label is not a class. The
    /// sequence passes iff the label is a class and every read predicts it; its prediction is the
    /// common prediction of its reads (nil if they disagree or one has none); its margin is the least.
    /// The reason names the first failing read by position.
    func decide(_ reads: [ReadScores], label: String) -> ReadoutDecision {
        precondition(!reads.isEmpty, "decide: no reads")
        let sorted = reads.sorted { $0.position < $1.position }
        // Labels and class names are the same only when their text is the same scalar by scalar: Swift's
        // String == would also equate canonically equivalent texts ("é" and "e\u{301}").
        let labelIndex = classes.firstIndex { $0.unicodeScalars.elementsEqual(label.unicodeScalars) }
        var predictions: [Int?] = []
        var margins: [Rational] = []
        var reason: String?
        for read in sorted {
            let s = read.scores
            let best = s.max()!  // C >= 1, so the maximum exists
            let top = s.indices.filter { s[$0] == best }
            let predicted = top.count == 1 ? top[0] : nil
            predictions.append(predicted)
            if let li = labelIndex, s.count > 1 {
                let rival = s.indices.filter { $0 != li }.map { s[$0] }.max()!
                margins.append(s[li] - rival)
            }
            if reason == nil, labelIndex != nil, predicted != labelIndex {
                let what = top.count == 1 ? "predicted \(classes[top[0]])"
                                          : "tie between " + Self.list(top.map { classes[$0] })
                reason = pool == .every ? "token \(read.position + 1): \(what)" : what
            }
        }
        let first = predictions[0]
        let common = predictions.allSatisfy { $0 == first } ? first.map { classes[$0] } : nil
        guard labelIndex != nil else {
            return ReadoutDecision(predicted: common, margin: nil, passed: false,
                                   reason: "label \(label) is not a model class")
        }
        return ReadoutDecision(predicted: common, margin: margins.min(), passed: reason == nil,
                               reason: reason)
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}
