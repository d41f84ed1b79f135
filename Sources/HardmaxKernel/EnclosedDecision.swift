import Exact
import HardmaxModel

/// The reads of the readout under enclosures: one pooled read, or one per position for pool `every`.
package struct EnclosedRead {
    var position: Int
    var scores: [Enclosure]
    /// The read depends on an undecided hardmax selection.
    var undecided: Bool

    package init(position: Int, scores: [Enclosure], undecided: Bool) {
        (self.position, self.scores, self.undecided) = (position, scores, undecided)
    }
}

extension Readout {
    /// Decides a sequence from enclosed reads (SPEC.md section 11): a checked read with a classes
    /// readout passes when lo(s_label - s_k) > 0 for every k != label, fails when
    /// hi(s_label - s_k) <= 0 for some k (or the label is not a class), and is otherwise undecided,
    /// as is a read of an undecided selection; a value readout passes when hi(error) <= t and fails
    /// when lo(error) > t. The sequence fails if a read fails, is undecided if one is and none fails,
    /// and passes otherwise. The predicted class is the one certainly above all others (nil if none).
    func decideEnclosed(_ reads: [EnclosedRead], labels: SequenceLabels, precision p: Int)
        -> (predicted: [Prediction?], outcome: EnclosedOutcome, reason: String?)
    {
        let sorted = reads.sorted { $0.position < $1.position }
        var targets: [(EnclosedRead, Label)] = []
        var predicted: [Prediction?]
        switch labels {
        case .whole(let label):
            targets = sorted.map { ($0, label) }
            predicted = [nil]
        case .perToken(let labels):
            targets = zip(sorted, labels).compactMap { read, label in label.map { (read, $0) } }
            predicted = Array(repeating: nil, count: labels.count)
        }
        var statuses: [EnclosedStatus] = [], margin: Enclosure?, error: Enclosure?, reason: String?
        var exact = true
        for (read, label) in targets {
            exact = exact && read.scores.allSatisfy(\.isExact)
            var status: EnclosedStatus
            var why: String?
            if let values {
                guard let target = Self.numbers(label), target.count == read.scores.count else {
                    statuses.append(.fail)
                    if reason == nil { reason = "token \(read.position + 1): label \(label) is not \(read.scores.count) numbers" }
                    continue
                }
                var e = Enclosure(Rational.zero)
                for (s, y) in zip(read.scores, target) {
                    let d = s.subtracting(Enclosure(y), precision: p)
                    e = Enclosure.maximum(e, Enclosure.maximum(d, -d, precision: p), precision: p)
                }
                error = error.map { Enclosure.maximum($0, e, precision: p) } ?? e
                status = e.upperBound <= values.tolerance ? .pass : (e.lowerBound > values.tolerance ? .fail : .undecided)
                if status == .fail { why = "error at least \(e.lowerBound), above the tolerance \(values.tolerance)" }
            } else {
                let s = read.scores
                if let top = s.indices.first(where: { k in s.indices.allSatisfy { $0 == k || Enclosure.compare(s[k], s[$0]) == .greater } }) {
                    if case .perToken = labels { predicted[read.position] = .label(classes[top]) }
                }
                guard let li = classes.firstIndex(of: label) else {
                    statuses.append(.fail)
                    if reason == nil { reason = "label \(label) is not a model class" }
                    continue
                }
                status = .pass
                if s.count > 1 {
                    let rival = s.indices.filter { $0 != li }.map { s[$0] }
                        .reduce(nil as Enclosure?) { m, x in m.map { Enclosure.maximum($0, x, precision: p) } ?? x }!
                    let m = s[li].subtracting(rival, precision: p)
                    margin = margin.map { Enclosure.minimum($0, m, precision: p) } ?? m
                    status = m.lowerBound > 0 ? .pass : (m.upperBound <= 0 ? .fail : .undecided)
                    if status == .fail { why = "margin at most \(m.upperBound)" }
                }
            }
            if read.undecided { status = .undecided }
            if status == .undecided, why == nil { why = "undecided at \(p) bits" }
            statuses.append(status)
            if reason == nil, status != .pass, let why {
                reason = pool == .every ? "token \(read.position + 1): label \(label), \(why)" : why
            }
        }
        if case .whole = labels, values == nil {
            let tops = predictedTops(sorted)
            predicted = [tops.allSatisfy({ $0 == tops.first! }) ? tops.first!.map(Prediction.label) : nil]
        }
        let status: EnclosedStatus = statuses.contains(.fail) ? .fail : (statuses.contains(.undecided) ? .undecided : .pass)
        let outcome = EnclosedOutcome(status: status, margin: margin.map(Bounds.init), error: error.map(Bounds.init),
                                      precision: exact ? nil : p)
        return (predicted, outcome, status == .pass ? nil : reason)
    }

    /// For each read, the class certainly above every other, or nil.
    private func predictedTops(_ reads: [EnclosedRead]) -> [Label?] {
        reads.map { read in
            let s = read.scores
            return s.indices.first { k in s.indices.allSatisfy { $0 == k || Enclosure.compare(s[k], s[$0]) == .greater } }
                .map { classes[$0] }
        }
    }
}
