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

/// Prediction, margin or error, and pass of one sequence (SPEC.md sections 4 and 10, readout).
package struct ReadoutDecision: Equatable {
    package var predicted: [Prediction?]
    package var margin: Rational?
    package var error: Rational?
    package var passed: Bool
    package var reason: String?
}

/// What one read showed against its label.
private struct ReadOutcome {
    var position: Int
    var label: Label
    var prediction: Prediction?
    var margin: Rational?
    var error: Rational?
    /// Why the read fails; nil when it passes.
    var failure: String?
}

extension Readout {
    /// s = W z + b. Precondition: z has W's column count.
    package func scores(of z: [Rational]) -> [Rational] {
        (0..<weight.rows).map { k in Semantics.dot(weight.row(k), z) + bias[k] }
    }

    /// Decides a sequence from its reads: one for pools mean/first/last, one per token (or per
    /// distinct token, in any order) for `every`; for per-token labels, exactly one per position.
    ///
    /// Classes: a read predicts the unique class of maximal score, or nothing on a tie at the top; its
    /// margin is s_label - max_{k != label} s_k (nil when C = 1 or the label is not a class); it passes
    /// iff it predicts its label. Values: a read predicts W z + b; its error is the largest
    /// |prediction_c - label_c| (the label read as one number, or as `[a, b, ...]`); it passes iff the
    /// error is at most the tolerance. A sequence passes iff every checked read passes (with one label,
    /// the label must also be a class of a classes readout); its margin is the least, its error the
    /// largest; the reason names the first failing read by position.
    package func decide(_ reads: [ReadScores], labels: SequenceLabels) -> ReadoutDecision {
        precondition(!reads.isEmpty, "decide: no reads")
        let sorted = reads.sorted { $0.position < $1.position }
        switch labels {
        case .whole(let label):
            let outcomes = sorted.map { outcome($0, label: label) }
            var predicted: Prediction?
            if values == nil {
                let first = outcomes[0].prediction
                predicted = outcomes.allSatisfy({ $0.prediction == first }) ? first : nil
            } else {
                predicted = outcomes.max { ($0.error ?? 0) < ($1.error ?? 0) }?.prediction
            }
            if values == nil && !classes.contains(label) {
                return ReadoutDecision(predicted: [predicted], margin: nil, error: nil, passed: false,
                                       reason: "label \(label) is not a model class")
            }
            return decision(outcomes, predicted: [predicted], perToken: pool == .every)
        case .perToken(let labels):
            precondition(sorted.map(\.position) == Array(labels.indices), "decide: one read per position")
            let outcomes = zip(sorted, labels).compactMap { read, label in label.map { outcome(read, label: $0) } }
            var predicted = [Prediction?](repeating: nil, count: labels.count)
            for o in outcomes { predicted[o.position] = o.prediction }
            return decision(outcomes, predicted: predicted, perToken: true, labelled: true)
        }
    }

    private func decision(_ outcomes: [ReadOutcome], predicted: [Prediction?], perToken: Bool,
                          labelled: Bool = false) -> ReadoutDecision {
        let failure = outcomes.first { $0.failure != nil }
        let reason = failure.map { o in
            perToken ? "token \(o.position + 1): " + (labelled ? "label \(o.label), " : "") + o.failure! : o.failure!
        }
        return ReadoutDecision(predicted: predicted, margin: outcomes.compactMap(\.margin).min(),
                               error: outcomes.compactMap(\.error).max(), passed: failure == nil, reason: reason)
    }

    private func outcome(_ read: ReadScores, label: Label) -> ReadOutcome {
        let s = read.scores
        if let values {
            guard let target = Self.numbers(label), target.count == s.count else {
                return ReadOutcome(position: read.position, label: label, prediction: .values(s),
                                   failure: "label \(label) is not \(s.count) number\(s.count == 1 ? "" : "s")")
            }
            let error = zip(s, target).map { d in d.0 < d.1 ? d.1 - d.0 : d.0 - d.1 }.max()!
            return ReadOutcome(position: read.position, label: label, prediction: .values(s), error: error,
                               failure: error <= values.tolerance ? nil
                                   : "predicted \(Self.text(s)), error \(error) above the tolerance \(values.tolerance)")
        }
        let best = s.max()!  // C >= 1, so the maximum exists
        let top = s.indices.filter { s[$0] == best }
        let predicted = top.count == 1 ? classes[top[0]] : nil
        guard let li = classes.firstIndex(of: label) else {
            return ReadOutcome(position: read.position, label: label, prediction: predicted.map(Prediction.label),
                               failure: "label \(label) is not a model class")
        }
        let margin = s.count > 1 ? s[li] - s.indices.filter { $0 != li }.map { s[$0] }.max()! : nil
        let failure = predicted == label ? nil
            : top.count == 1 ? "predicted \(classes[top[0]])" : "tie between " + Self.list(top.map { classes[$0].text })
        return ReadOutcome(position: read.position, label: label, prediction: predicted.map(Prediction.label), margin: margin,
                           failure: failure)
    }

    /// The numbers a label stands for under a value readout: one number, or `[a, b, ...]`; nil when
    /// it is neither.
    static func numbers(_ label: Label) -> [Rational]? {
        var text = Substring(label.text)
        if text.first == "[" && text.last == "]" {
            text = text.dropFirst().dropLast()
            return try? text.split(separator: ",", omittingEmptySubsequences: false).map {
                try Rational(parsing: $0.trimmingSpaces())
            }
        }
        return (try? Rational(parsing: text)).map { [$0] }
    }

    /// "1/2" or "[1/2, 3]".
    static func text(_ values: [Rational]) -> String {
        values.count == 1 ? "\(values[0])" : "[" + values.map(\.description).joined(separator: ", ") + "]"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}

private extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
