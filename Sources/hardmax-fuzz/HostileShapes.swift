import Exact
import HardmaxConstruction
import HardmaxModel

/// Generated models and data sets of the shapes that exhausted hardmax in the audit of issue 15, for the
/// replay target:
/// - a deep chain of 2x2 affine and feedforward layers whose entries are 1/(a random odd integer of 61 to
///   20,000 bits): the numbers grow by the denominators' size every layer, so the work estimate must
///   bound that growth; over one token or many;
/// - one long sequence of many distinct big tokens (2^64 + k, or 22-digit decimals, some repeated) on a
///   model where the fast path merges duplicate tokens: merging must stay linear in the tokens.
///
/// Each is sized so that it is refused up front by the work estimate at the fuzzer's limit
/// (``ReaderTargets/fuzzMaxWork``) or replays in well under a second, unless the estimate misses the
/// growth or the merging turns quadratic: then the input runs past the fuzzer's time bound and fails.
enum HostileShapes {
    /// A model file's text and a JSON Lines data set for it, and what they must hold once read.
    struct Shape {
        enum Kind: String { case chain = "hostile: big-denominator chain", bigTokens = "hostile: many distinct big tokens" }
        let kind: Kind
        let model: String
        let data: String
        /// What was generated, for reports.
        let description: String
        /// Layers of the chain and the bits of its denominators (0 for big tokens); tokens in the data set.
        let layers: Int
        let bits: Int
        let tokens: Int

        /// Throws unless `model` and `data` are the shape described: a chain of `layers` 2x2 affine or
        /// feedforward layers, every weight 1/(odd integer of `bits` bits), over `tokens` tokens; or one
        /// sequence of `tokens` tokens, at least 80% of them distinct and past 64 bits, on a model that
        /// merges duplicates (no positions, no causal mask).
        func check(model: Model, data: Dataset) throws {
            try expect(data.tokenCount == tokens, "\(kind.rawValue): \(data.tokenCount) tokens, not \(tokens)")
            switch kind {
            case .chain:
                try expect(model.layers.count == layers, "\(kind.rawValue): \(model.layers.count) layers, not \(layers)")
                for layer in model.layers {
                    let weights: [Matrix]
                    switch layer {
                    case .affine(let a): weights = [a.weight]
                    case .feedforward(let f): weights = [f.w1, f.w2]
                    default: throw FuzzFailure("\(kind.rawValue): a layer that is not affine or feedforward")
                    }
                    for m in weights {
                        try expect(m.rows == 2 && m.columns == 2, "\(kind.rawValue): a \(m.rows)x\(m.columns) matrix")
                        for e in m.entries {
                            try expect(e.numerator == BigInt(1) && e.denominator.bitLength == bits
                                       && e.denominator % BigInt(2) == BigInt(1),
                                       "\(kind.rawValue): entry \(e) is not 1/(odd \(bits)-bit integer)")
                        }
                    }
                }
            case .bigTokens:
                try expect(data.sequences.count == 1, "\(kind.rawValue): \(data.sequences.count) sequences")
                let causal = model.layers.contains { layer in
                    if case .attention(let a) = layer { return a.causal } else { return false }
                }
                try expect(model.positions == .none && !causal, "\(kind.rawValue): a model on which duplicates are not merged")
                let s = data.sequences[0], d = s.dimension
                var distinct = Set<ArraySlice<Rational>>()
                var big = 0
                for t in 0..<s.length {
                    let token = s.values[(t * d)..<((t + 1) * d)]
                    if distinct.insert(token).inserted, token.contains(where: { $0.bitLength > 64 }) { big += 1 }
                }
                try expect(big * 5 >= 4 * s.length, "\(kind.rawValue): \(big) distinct tokens past 64 bits of \(s.length)")
            }
        }
    }

    // MARK: Deep chains of big denominators

    /// (bits of the denominators, depths): the 61-bit chains of 100 layers replay in a tenth of a
    /// second; 400 and more, and 20,000-bit ones past 2 layers, are well past the fuzzer's limit.
    static let chainSizes: [(bits: Int, depths: [Int])] = [
        (61, [10, 40, 100, 400, 1000, 3000]), (64, [20, 100, 1000]), (200, [5, 30, 300]),
        (2000, [1, 3, 10, 30]), (20_000, [1, 2, 5, 13]),
    ]

    /// Token counts of a chain's data set: one token, or many (in one sequence or one per sequence; 1000
    /// and more with the deepest chain of its size).
    static let chainTokens = [1, 1, 1, 2, 16, 1000, 10_000]

    /// A chain of a random size from ``chainSizes`` over ``chainTokens``.
    static func chain(_ rng: inout SplitMix64) -> Shape {
        let size = rng.pick(chainSizes)
        let feedforwardShare = rng.pick([0, 0, 50, 100])
        let tokens = rng.pick(chainTokens)
        // Many tokens go with the deepest chain of the size (the issue's shape: refused up front, where a
        // shallower one could take seconds within the limit). A feedforward layer multiplies twice (W1,
        // then W2): half as many keep the time in bounds.
        let deep = tokens >= 1000 ? size.depths.last! : rng.pick(size.depths)
        return chain(bits: size.bits, depth: max(1, deep / (feedforwardShare == 0 ? 1 : 2)),
                     feedforwardShare: feedforwardShare, tokens: tokens, &rng)
    }

    /// A chain of `depth` 2x2 layers, one a line (affine, or with `feedforwardShare` percent chance
    /// feedforward with residual 1 and two hidden units) whose entries are 1/(random odd integer of
    /// `bits` bits), over `tokens` small positive tokens (in one sequence or one per sequence).
    static func chain(bits: Int, depth: Int, feedforwardShare: Int, tokens: Int, _ rng: inout SplitMix64) -> Shape {
        func entries(_ rows: Int, _ columns: Int) -> String {
            var text: [String] = []
            for _ in 0..<rows {
                var row: [String] = []
                for _ in 0..<columns { row.append("\"1/" + oddInteger(bits: bits, &rng).description + "\"") }
                text.append("[" + row.joined(separator: ", ") + "]")
            }
            return "[" + text.joined(separator: ", ") + "]"
        }
        var layers: [String] = []
        layers.reserveCapacity(depth)
        for _ in 0..<depth {
            if rng.chance(feedforwardShare) {
                layers.append("{\"type\": \"feedforward\", \"w1\": \(entries(2, 2)), \"b1\": [0, 0], "
                              + "\"w2\": \(entries(2, 2)), \"b2\": [0, 0], \"residual\": 1}")
            } else {
                layers.append("{\"type\": \"affine\", \"weight\": \(entries(2, 2)), \"bias\": [0, 0]}")
            }
        }
        let model = "{\"format\": \"hardmax-transformer\", \"version\": 1, \"dimension\": 2, \"layers\": [\n"
            + layers.joined(separator: ",\n") + "],\n \"readout\": {\"pool\": \"mean\", \"classes\": [\"a\", \"b\"], "
            + "\"weight\": [[1, 0], [0, 1]], \"bias\": [0, 0]}}\n"
        let oneSequence = rng.chance(50)
        let token = { (k: Int) in "[\(1 + k % 7), \(2 + k % 5)]" }
        let data = oneSequence
            ? "{\"label\": \"a\", \"tokens\": [" + (0..<tokens).map(token).joined(separator: ", ") + "]}\n"
            : (0..<tokens).map { "{\"label\": \"a\", \"tokens\": [\(token($0))]}\n" }.joined()
        let kinds = feedforwardShare == 0 ? "affine" : feedforwardShare == 100 ? "feedforward" : "affine and feedforward"
        return Shape(kind: .chain, model: model, data: data,
                     description: "\(depth) \(kinds) 2x2 layers, entries 1/(odd \(bits)-bit integer), \(tokens) token"
                        + (tokens == 1 ? "" : oneSequence ? "s in one sequence" : "s one per sequence"),
                     layers: depth, bits: bits, tokens: tokens)
    }

    /// A random odd integer of exactly `bits` bits (`bits` >= 2).
    static func oddInteger(bits: Int, _ rng: inout SplitMix64) -> BigInt {
        let words = (bits - 1 + 63) / 64
        var low = BigInt(0)
        for _ in 0..<words { low = (low << 64) + BigInt(rng.next()) }
        low = low >> (words * 64 - (bits - 1))   // bits - 1 random bits below the top one
        let value = (BigInt(1) << (bits - 1)) + low
        // The low bits are at most 2^(bits-1) - 1, which is odd, so adding 1 to an even value stays in range.
        return value % BigInt(2) == BigInt(0) ? value + BigInt(1) : value
    }

    // MARK: Many distinct big tokens

    /// One sequence of 10,000 to 40,000 tokens, each 2^64 + k (k increasing from a random start, by a
    /// random stride) or a 22-digit decimal, about one in ten a repeat of an earlier token; on a model
    /// without positions or causal masks (so the fast path merges duplicates): feedforward and affine
    /// layers (both paths replay it) or a uniform or rank-1 attention head (the fast path replays it in
    /// linear time; the plain replay is refused by the estimate), each under the fuzzer's work limit.
    static func bigTokens(_ rng: inout SplitMix64) -> Shape {
        // Quadratic merging takes a minute at 40,000 tokens: past the time bound (on fewer tokens the
        // same fault can hide within it).
        let n = rng.pick([10_000, 20_000, 40_000])
        let d = 1 + rng.below(2)
        let decimals = rng.chance(40)
        // Decimals of a column share their number of places, as in real data (and so their denominator).
        let points = (0..<d).map { _ in 1 + rng.below(21) }
        let start = BigInt(1) << 64 + BigInt(rng.below(1_000_000)), stride = 1 + rng.below(3)
        var written: [String] = []
        written.reserveCapacity(n)
        for k in 0..<n {
            if k > 0 && rng.chance(10) { written.append(written[rng.below(k)]); continue }
            let coordinates = (0..<d).map { c -> String in
                if decimals { return "\"" + decimal22(point: points[c], &rng) + "\"" }
                return c == 0 ? "\"\(start + BigInt(k * stride))\"" : "\"-\(start + BigInt(n - k))\""
            }
            written.append("[" + coordinates.joined(separator: ", ") + "]")
        }
        let data = "{\"id\": \"big\", \"label\": \"a\", \"tokens\": [" + written.joined(separator: ", ") + "]}\n"
        let identity = d == 1 ? "[[1]]" : "[[1, 0], [0, 1]]"
        let ones = d == 1 ? "[1]" : "[1, 1]", zeros = d == 1 ? "[0]" : "[0, 0]"
        let layer: String, kind = rng.below(3)
        switch kind {
        case 0:
            layer = "{\"type\": \"feedforward\", \"w1\": [\(ones), \(ones.replacingOccurrences(of: "1", with: "-1"))], "
                + "\"b1\": [0, 1], \"w2\": [" + (0..<d).map { _ in "[\"1/2\", \"1/3\"]" }.joined(separator: ", ")
                + "], \"residual\": 1}, {\"type\": \"affine\", \"weight\": \(identity), \"bias\": \(zeros)}"
        case 1:
            layer = "{\"type\": \"attention\", \"heads\": [{\"value\": \(identity)}], \"residual\": \"1/2\"}"
        default:
            layer = "{\"type\": \"attention\", \"heads\": [{\"query\": [\(ones)], \"key\": [\(ones)], \"value\": \(identity)}]}"
        }
        // After attention a mean pool's denominators are bounded by lcm(1..n) (a query may average any
        // number of tokens), which the estimate refuses at the fuzzer's limit; every token's own is small.
        let pool = kind == 0 ? rng.pick(["mean", "every"]) : "every"
        let model = "{\"format\": \"hardmax-transformer\", \"version\": 1, \"dimension\": \(d), \"layers\": [\(layer)], "
            + "\"readout\": {\"pool\": \"\(pool)\", \"classes\": [\"a\", \"b\"], \"weight\": [\(ones), \(zeros)], \"bias\": [0, 1]}}\n"
        return Shape(kind: .bigTokens, model: model, data: data,
                     description: "\(n) tokens of dimension \(d), " + (decimals ? "22-digit decimals" : "2^64 + k")
                        + ", one in ten repeated; " + ["feedforward and affine", "uniform attention", "rank-1 attention"][kind]
                        + ", pool \(pool)",
                     layers: 0, bits: 0, tokens: n)
    }

    /// A decimal of 22 significant digits, `point` of them before the point (1...21), as real data
    /// carries them: `-3141592653.589793238462`.
    static func decimal22(point: Int, _ rng: inout SplitMix64) -> String {
        var digits = [UInt8](repeating: 0, count: 22)
        for k in 0..<22 { digits[k] = UInt8(ascii: "0") + UInt8(rng.below(10)) }
        if digits[0] == UInt8(ascii: "0") { digits[0] = UInt8(ascii: "1") }
        return (rng.chance(50) ? "-" : "") + String(decoding: digits[..<point], as: UTF8.self) + "."
            + String(decoding: digits[point...], as: UTF8.self)
    }
}
