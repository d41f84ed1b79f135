import Exact
import HardmaxModel

/// The number-size rules of the estimate.
///
/// An operation on big numbers costs more: a gcd or division of n-word numbers takes about n^2 word
/// steps, so an operation on numbers of n > 8 words of 64 bits counts n^2/64 (calibrated: one on
/// 1563-word numbers takes about as long as 40000 on small ones). The size of a layer's numbers is
/// bounded by the largest number of the data plus the most that one dot product of this layer or an
/// earlier one can reach (a big number made early flows on): for a row (or column) of a matrix, the
/// bits of the lcm of its denominators plus its largest numerator plus the bits of its length
/// (``DotProductBound``; the lcm of word-sized denominators counts up to ``wordLcmCap`` bits). So one
/// weight 2^-100000, or a row of two hundred weights with different 1000-bit denominators, makes a
/// replay that would take hours or days refuse up front. A rank-1 table of the fast path counts its
/// own numbers (``ReplayCost``). Growth from layer to layer is not predicted; the bit limit bounds it.
extension WorkEstimate {
    /// n^2/64 for numbers of n 64-bit words, at least 1.
    static func sizeFactor(bits: Int) -> Int {
        let words = bits / 64 + (bits % 64 == 0 ? 0 : 1)
        return max(multiply(words, words) / 64, 1)
    }

    /// The bits one dot product with a row or a column of `m` can reach: the most of
    /// ``DotProductBound/bits`` over its rows and columns.
    /// - Complexity: O(entries x wordLcmCap / 64 words).
    static func dotProductBits(_ m: Matrix) -> Int {
        var columns = [DotProductBound](repeating: DotProductBound(), count: m.columns)
        var best = 0
        for r in 0..<m.rows {
            var row = DotProductBound()
            for c in 0..<m.columns {
                let x = m.entries[r * m.columns + c]
                if x.isZero { continue }
                row.add(x)
                columns[c].add(x)
            }
            best = max(best, row.bits)
        }
        for c in columns { best = max(best, c.bits) }
        return best
    }

    /// The bits one dot product with the entries `row` can reach (``DotProductBound/bits``).
    static func dotProductBits(_ row: [Rational]) -> Int {
        var bound = DotProductBound()
        for x in row where !x.isZero { bound.add(x) }
        return bound.bits
    }

    /// The bits a number of `layer`'s replay can reach from its own parameters: the most of the
    /// dot-product bound of each of its matrices and the bit lengths of its biases and residual.
    static func dotProductBits(_ layer: Layer) -> Int {
        switch layer {
        case .attention(let a):
            var b = a.residual.bitLength
            for h in a.heads {
                b = max(b, dotProductBits(h.value))
                switch h.score {
                case .uniform: break
                case .queryKey(let q, let k): b = max(b, dotProductBits(q), dotProductBits(k))
                case .bilinear(let m): b = max(b, dotProductBits(m))
                }
            }
            return b
        case .feedforward(let f):
            return max(dotProductBits(f.w1), dotProductBits(f.w2), largestBitLength(f.b1),
                       largestBitLength(f.b2), f.residual.bitLength)
        case .affine(let a):
            return max(dotProductBits(a.weight), largestBitLength(a.bias))
        case .layerNorm(let n):
            return max(largestBitLength(n.gamma), largestBitLength(n.beta), n.epsilon.bitLength)
        }
    }

    /// As for a layer: the dot-product bound of W, and the bit lengths of b.
    static func dotProductBits(_ r: Readout) -> Int { max(dotProductBits(r.weight), largestBitLength(r.bias)) }

    static func largestBitLength(_ v: [Rational]) -> Int { v.reduce(0) { max($0, $1.bitLength) } }

    /// A bound on the bits of one dot product with a row or column, built entry by entry: the bits of
    /// the lcm of its denominators (the common denominator the sum keeps), plus its largest numerator,
    /// plus the bits of its length (the sum).
    ///
    /// The lcm is bounded cheaply: the powers of two enter as the largest one (so dyadic weights, what
    /// floats become, cost what their largest denominator does); odd parts of one word enter the lcm
    /// exactly (a remainder by one word and a word gcd each) until it passes ``wordLcmCap`` bits, where
    /// it stops growing; larger odd parts add their bits (their product bounds their part of the lcm).
    /// So small denominators shared across a row (1/3, 2/9, 5/6) cost little, and a row of distinct
    /// 100000-bit denominators counts as their sum.
    /// - Complexity: O(wordLcmCap / 64 words) per entry.
    struct DotProductBound {
        var lcm: BigInt? = nil      // of the odd parts of word-sized denominators; nil: 1
        var twos = 0                // the largest power of two among the denominators
        var large = 0
        var numerators = 0
        var count = 0

        mutating func add(_ x: Rational) {
            count += 1
            numerators = max(numerators, x.numerator.bitLength)
            guard !x.isInteger else { return }
            let d = x.denominator
            let z = d.trailingZeroBitCount
            twos = max(twos, z)
            let odd = d >> z
            if odd == BigInt(1) { return }
            if odd.bitLength > 64 { large = WorkEstimate.add(large, odd.bitLength); return }
            let l = lcm ?? BigInt(1)
            if l.bitLength > WorkEstimate.wordLcmCap { return }
            lcm = l * (odd / BigInt.gcd(l % odd, odd))
        }

        /// The bits of the lcm of the denominators (bounded as above).
        var denominatorBits: Int { WorkEstimate.add(WorkEstimate.add(lcm?.bitLength ?? 1, twos), large) }

        var bits: Int {
            WorkEstimate.add(WorkEstimate.add(denominatorBits, numerators), Int.bitWidth - count.leadingZeroBitCount)
        }
    }

    /// Where the lcm of word-sized odd denominators stops counting (2^16 bits: 1024 words, so each
    /// entry past it costs at most a 1024-word remainder). Past it, a row's numbers count as 2^16-bit
    /// ones (16384 per operation), which refuses any replay of size. The lcm is a bound, not the size:
    /// an interpolation layer's W2 row holds a million distinct denominators whose running sums
    /// telescope to numbers of a few words; the verifier evaluates such a layer as a rank-1 table and
    /// counts the table's own numbers instead (``ReplayCost``), without computing this bound.
    static let wordLcmCap = 1 << 16
}
