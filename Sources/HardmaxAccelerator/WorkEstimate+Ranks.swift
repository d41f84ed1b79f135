import Exact
import HardmaxModel
import HardmaxKernel

extension WorkEstimate {
    /// The work of the exact ranks `hardmax inspect` computes (``ExactRank``), so that a model with
    /// large dense matrices is refused up front instead of eliminating for hours (a 400 x 400 W1 of
    /// one-digit integers takes 45 s, and the cost grows as n^4).
    ///
    /// Fraction-free elimination of an r x c matrix of rank at most n = min(r, c) takes at most r c n
    /// steps on numbers that grow to about n (b + log2 n) bits (b: the largest entry, in bits); each
    /// step counts like the replay's, (words^2 / 64) / 3 on average over the growth, at least 1.
    /// Q^T K of a query-key head adds its w x w x k products, and Wo Wv of a factored head its w x w x k_v.
    public init(ranksOf model: Model) {
        var total = 0, heaviest: Int? = nil, heaviestOperations = 0, exact = 0, largest = 0
        func elimination(_ m: Matrix) -> (weighted: Int, exact: Int) {
            let n = min(m.rows, m.columns)
            // Rows are scaled to integers by the lcm of their denominators: at most the sum of their bits.
            var b = 0
            for r in 0..<m.rows {
                var denominators = 0, numerators = 0
                for c in 0..<m.columns {
                    let x = m[r, c]
                    if !x.isInteger { denominators = Self.add(denominators, x.denominator.bitLength) }
                    numerators = max(numerators, x.numerator.bitLength)
                }
                b = max(b, Self.add(denominators, numerators))
            }
            largest = max(largest, b)
            let steps = Self.multiply(Self.multiply(m.rows, m.columns), n)
            let words = Self.multiply(n, b + Int.bitWidth - n.leadingZeroBitCount) / 64 + 1
            return (Self.multiply(steps, max(Self.multiply(words, words) / 192, 1)), steps)
        }
        // Q^T K (or Wo Wv) is w x w of rank at most k (k_v): the product's w x w x k products, then an
        // elimination that stops after k pivots.
        func productRank(_ a: Matrix, _ b: Matrix, inner: Int) -> [(weighted: Int, exact: Int)] {
            let width = b.columns
            let product = Self.multiply(Self.multiply(width, width), inner)
            let steps = Self.multiply(Self.multiply(width, width), min(inner, width))
            let bits = max(a.entries.reduce(0) { max($0, $1.bitLength) }, b.entries.reduce(0) { max($0, $1.bitLength) })
            largest = max(largest, bits)
            let words = Self.multiply(min(inner, width), 2 * bits + 64) / 64 + 1
            return [(product, product), (Self.multiply(steps, max(Self.multiply(words, words) / 192, 1)), steps)]
        }
        for (l, layer) in model.layers.enumerated() {
            var parts: [(weighted: Int, exact: Int)] = []
            switch layer {
            case .attention(let a):
                for h in a.heads {
                    if let o = h.output {
                        parts += productRank(o, h.value, inner: h.value.rows)
                    } else {
                        parts.append(elimination(h.value))
                    }
                    switch h.score {
                    case .uniform: break
                    case .queryKey(let q, let k): parts += productRank(q, k, inner: q.rows)
                    case .bilinear(let m): parts.append(elimination(m))
                    }
                }
            case .feedforward(let f): parts.append(elimination(f.w1))
            case .affine, .layerNorm: break
            }
            let work = parts.reduce(0) { Self.add($0, $1.weighted) }
            exact = parts.reduce(exact) { Self.add($0, $1.exact) }
            if work > heaviestOperations { (heaviest, heaviestOperations) = (l, work) }
            total = Self.add(total, work)
        }
        self.init(task: "computing the exact ranks of this model's matrices", exactOperations: exact,
                  operations: total, largestInputBits: largest, heaviestLayer: heaviest,
                  heaviestOperations: heaviestOperations)
    }
}
