import Exact
import HardmaxModel
import HardmaxKernel

/// The tokens of one sequence during the fast replay: rows of equal width, each with a multiplicity.
///
/// Without the duplicates shortcut every row is one position, in order, with weight 1. With it, each
/// distinct input token is one row, weighted by how many positions hold it (SPEC.md section 8: when no
/// layer is causal and the pool is mean or every, equal tokens stay equal through every layer, and
/// every rule counts positions, so a weighted row stands exactly for its positions).
struct TokenTable {
    var width: Int
    /// Row-major: coordinate c of row r is `values[r * width + c]`.
    var values: [Rational]
    /// Number of positions each row stands for (>= 1).
    var weights: [Int]
    /// The first (0-based) position each row stands for; rows are in increasing order of it.
    var positions: [Int]
    /// n, the number of positions (sum of the weights).
    let length: Int
    /// The row that stands for each position.
    let rowOfPosition: [Int]

    var rows: Int { weights.count }

    init(_ s: LabelledSequence, positions: Positions, mergingDuplicates: Bool) {
        let d = s.dimension
        let w = positions == .index ? d + 1 : d
        width = w
        length = s.length
        var values: [Rational] = []
        values.reserveCapacity(s.length * w)
        var weights: [Int] = [], positionsSeen: [Int] = []
        // Open addressing on a value fingerprint: key h, then probe(h), probe(probe(h)), ... until the
        // equal token or a free key. Equal tokens have equal fingerprints and keys are never removed,
        // so a token walks the keys its equal walked and stops where that one was stored. After 64
        // probes (a cycle of the mix, never seen in practice) a linear scan of the rows decides.
        // A short sequence compares fingerprints row by row instead (no table to allocate).
        let scans = s.length <= Self.scanLength
        var rowAt = [UInt64: Int](minimumCapacity: mergingDuplicates && !scans ? s.length : 0)
        var fingerprints: [UInt64] = []
        var rowOfPosition: [Int] = []
        rowOfPosition.reserveCapacity(s.length)
        for t in 0..<s.length {
            let token = s.values[(t * d)..<((t + 1) * d)]
            if mergingDuplicates && positions == .none {
                func row(_ r: Int) -> ArraySlice<Rational> {
                    s.values[(positionsSeen[r] * d)..<((positionsSeen[r] + 1) * d)]
                }
                var key = Self.fingerprint(token)
                var found: Int?, probes = 0, free = true
                if scans {
                    found = fingerprints.indices.first { fingerprints[$0] == key && row($0) == token }
                    if found == nil { fingerprints.append(key) }
                }
                while !scans, let r = rowAt[key] {
                    if row(r) == token { found = r; break }
                    probes += 1
                    if probes > 64 {
                        found = weights.indices.first { row($0) == token }
                        free = false
                        break
                    }
                    key = Self.probe(key)
                }
                if let r = found {
                    weights[r] += 1
                    rowOfPosition.append(r)
                    continue
                }
                if free && !scans { rowAt[key] = weights.count }
            }
            positionsSeen.append(t)
            rowOfPosition.append(weights.count)
            values.append(contentsOf: token)
            if positions == .index { values.append(Rational(t + 1)) }
            weights.append(1)
        }
        self.values = values
        self.weights = weights
        self.positions = positionsSeen
        self.rowOfPosition = rowOfPosition
    }

    /// Up to this many positions, duplicates are found by comparing each token's fingerprint with the
    /// rows so far (quadratic, but cheaper than a hash table for a few dozen tokens).
    static let scanLength = 32

    /// A 64-bit fingerprint that depends only on the token's value (representations are canonical):
    /// word-sized parts directly, larger ones by their hash (every limb counts, so distinct big tokens
    /// spread over the table and merging them stays linear).
    static func fingerprint(_ token: ArraySlice<Rational>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in token.indices {
            // Small-form parts read in place (no copy of the number); the same words as below.
            let (n, d): (UInt64, UInt64)
            if let (a, b) = token[i].smallParts {
                (n, d) = (UInt64(bitPattern: a), UInt64(bitPattern: b))
            } else {
                let v = token[i]
                n = UInt64(bitPattern: Int64(v.numerator.intValue ?? v.numerator.hashValue))
                d = UInt64(bitPattern: Int64(v.denominator.intValue ?? v.denominator.hashValue))
            }
            // One multiply per word; the full mix once at the end.
            h = ((h ^ n) &* 0x9E37_79B9_7F4A_7C15).rotated(by: 27)
            h = ((h ^ d) &* 0xBF58_476D_1CE4_E5B9).rotated(by: 31)
        }
        return probe(h)
    }

    /// The next key of a probe sequence (a bijective 64-bit mix).
    static func probe(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// sum over `rows` of weight * x[row, c] for each c in `columns`, as a dense vector of width
    /// `width` (zero outside `columns`), and the total weight of those rows.
    func weightedSum<R: Sequence>(of columns: [Int], over rows: R) -> (sum: [Rational], count: Int)
    where R.Element == Int {
        var accs = [DotAccumulator](repeating: DotAccumulator(), count: columns.count)
        var count = 0
        for r in rows {
            let m = weights[r], base = r * width
            count += m
            for (k, c) in columns.enumerated() {
                if m == 1 { accs[k].add(values[base + c]) } else { accs[k].add(Rational(m), times: values[base + c]) }
            }
        }
        var sum = [Rational](repeating: .zero, count: width)
        for (k, c) in columns.enumerated() { sum[c] = accs[k].value }
        return (sum, count)
    }
}

extension UInt64 {
    /// The bits rotated left by `k` (0 < k < 64).
    fileprivate func rotated(by k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
