import Exact
import HardmaxModel
import HardmaxKernel

/// Step A' and the combined coordinate of SPEC.md section 12 for bidirectional contexts: the distinct
/// contexts (x_i, mu_j) of the labelled positions, each with its label, and z = H_j + c s(x_i), injective
/// on the contexts.
struct BidirectionalContexts {
    /// c > 0.
    let coefficient: Rational
    /// z of each context, in order of first appearance (pairwise distinct).
    let knots: [Rational]
    /// The readout class index of each context.
    let targets: [Int]
    /// s of each context's token.
    let tokenValues: [Rational]
    /// The readout's classes: the labels in order of first appearance.
    let labels: [Label]

    /// Nil when two positions with one context carry different labels. A context is keyed by the
    /// measure class of its sequence and s of its token (s is injective on P, so s names the token).
    ///
    /// c: the least of 1, 2, ..., 64 that keeps the K values of z distinct, else
    /// floor((max H - min H) / g) + 1 for g the least gap between two values of s over the contexts,
    /// which orders z by s first and H second, so always works. A bad c solves H + c s = H' + c s' for
    /// two contexts with s != s' (equal s and different H never collide), so there are finitely many.
    /// - Complexity: O(L w) for L labelled positions, plus O(K) per tried c.
    init?(_ dataset: Dataset, sites: [(site: TokenSite, label: Label)], projected: ProjectedData, hash: Hash) {
        struct Key: Hashable {
            let measureClass: Int
            let s: Rational
        }
        let layout = projected.data.layout
        let u = projected.projection.u.map { Rational($0) }
        var index: [Key: Int] = [:]
        var keys: [Key] = []
        var contextLabels: [Label] = []
        for (site, label) in sites {
            let sequence = dataset.sequences[site.sequence]
            var s = Rational.zero
            for c in 0..<dataset.dimension {
                s += u[c] * sequence.values[site.token * dataset.dimension + c]
            }
            if layout.positions == .index { s += u[dataset.dimension] * Rational(site.token + 1) }
            let key = Key(measureClass: projected.data.classOfSequence[site.sequence], s: s)
            if let k = index[key] {
                if contextLabels[k] != label { return nil }
            } else {
                index[key] = keys.count
                keys.append(key)
                contextLabels.append(label)
            }
        }
        var classOf: [Label: Int] = [:]
        var labels: [Label] = []
        targets = contextLabels.map { label in
            if let y = classOf[label] { return y }
            classOf[label] = labels.count
            labels.append(label)
            return labels.count - 1
        }
        self.labels = labels
        let h = keys.map { hash.values[$0.measureClass] }
        let s = keys.map(\.s)
        tokenValues = s
        func z(_ c: Rational) -> [Rational] { zip(h, s).map { $0 + c * $1 } }
        for c in 1...64 {
            let candidate = z(Rational(c))
            if Set(candidate).count == keys.count {
                (coefficient, knots) = (Rational(c), candidate)
                return
            }
        }
        let values = Set(s).sorted()
        var gap = values.count > 1 ? values[1] - values[0] : Rational.one
        for k in values.indices.dropFirst(2) where values[k] - values[k - 1] < gap { gap = values[k] - values[k - 1] }
        let spread = (h.max() ?? .zero) - (h.min() ?? .zero)
        // gap > 0 (distinct values), so the division cannot fail.
        let c = Rational(((try? spread / gap) ?? .zero).floor()) + .one
        (coefficient, knots) = (c, z(c))
        precondition(Set(knots).count == keys.count, "BidirectionalContexts: z orders by s, then H")
    }
}
