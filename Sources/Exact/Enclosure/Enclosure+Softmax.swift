extension Enclosure {
    /// Enclosures of the softmax weights exp(s_j) / sum_l exp(s_l) of the scores s.
    ///
    /// - When all scores are the same exact point, every weight is the exact point 1/n and no
    ///   exp is taken (the weights are then exactly 1/n). One score gives the exact point 1.
    /// - Otherwise the scores are first shifted by an exact c (the largest exact score when all
    ///   are exact, else the largest upper end rounded up to 32 bits, or 0 when that is below 1
    ///   in magnitude): exp(s_j - c) / sum_l exp(s_l - c) is the same real number, and every shifted upper end is
    ///   <= 0, so exp cannot overflow; a shifted score exactly 0 gives exp exactly 1. Each weight
    ///   is then one outward-rounded division, its upper end capped at 1.
    /// - Width: the naive formula counts each exp twice (numerator and sum), so a weight's width
    ///   is about twice that of its exp, plus the width of the sum, in relative terms.
    /// - Throws: `EnclosureError.divisorContainsZero` only when the sum's lower end is 0, which
    ///   needs every shifted score to reach below -2^40 (a score interval wider than 2^40).
    /// - Precondition: `scores` is not empty.
    /// - Complexity: n calls of `exp`, n additions, n divisions.
    public static func softmax(_ scores: [Enclosure], precision p: Int) throws -> [Enclosure] {
        precondition(!scores.isEmpty, "Enclosure.softmax: no scores")
        let n = scores.count
        if let first = scores[0].exactValue, scores.allSatisfy({ $0.exactValue == first }) {
            return Array(repeating: Enclosure(Rational.one.divided(by: n)), count: n)
        }
        check(precision: p)
        let shift = softmaxShift(scores)
        let exps = try scores.map { try $0.subtracting(Enclosure(shift), precision: p).exp(precision: p) }
        var total = exps[0]
        for e in exps.dropFirst() { total = total.adding(e, precision: p) }
        return try exps.map { e in
            let w = try e.divided(by: total, precision: p)
            guard let (l, h) = w.interval, h > .one else { return w }
            return Enclosure(storage: .interval(Swift.min(l, .one), .one))
        }
    }

    /// The exact shift c of `softmax`: at least every score's upper end.
    static func softmaxShift(_ scores: [Enclosure]) -> Rational {
        var top = scores[0].upperEnd
        for s in scores.dropFirst() where End.compare(s.upperEnd, top) > 0 { top = s.upperEnd }
        switch top {
        case .rational(let q): return q
        case .dyadic(let d):
            let c = d.rounded(toBits: 32, .up)
            return c.top < 1 ? .zero : c.rational
        }
    }
}
