import Exact
import HardmaxConstruction

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
    /// A model file's text and a JSON Lines data set for it.
    struct Shape {
        let model: String
        let data: String
        /// What was generated, for reports.
        let description: String
        /// Layers of the chain (0 for big tokens), and tokens in the data set.
        let layers: Int
        let tokens: Int
    }

    /// Seed names of the two shapes (the replay target checks their outcomes more strictly).
    static let chainName = "hostile: big-denominator chain"
    static let tokensName = "hostile: many distinct big tokens"

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

    /// A chain of `depth` 2x2 layers (affine, or feedforward with residual 1 and two hidden units) whose
    /// entries are 1/(random odd integer of `bits` bits), over small positive tokens.
    static func chain(_ rng: inout SplitMix64) -> Shape {
        let size = rng.pick(chainSizes)
        let feedforwardShare = rng.pick([0, 0, 50, 100])
        let tokens = rng.pick(chainTokens)
        // Many tokens go with the deepest chain of the size (the issue's shape: refused up front, where a
        // shallower one could take seconds within the limit). A feedforward layer multiplies twice (W1,
        // then W2): half as many keep the time in bounds.
        let deep = tokens >= 1000 ? size.depths.last! : rng.pick(size.depths)
        let bits = size.bits, depth = max(1, deep / (feedforwardShare == 0 ? 1 : 2))
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
        return Shape(model: model, data: data,
                     description: "\(depth) \(kinds) 2x2 layers, entries 1/(odd \(bits)-bit integer), \(tokens) token"
                        + (tokens == 1 ? "" : oneSequence ? "s in one sequence" : "s one per sequence"),
                     layers: depth, tokens: tokens)
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

    /// One sequence of 5,000 to 40,000 tokens, each 2^64 + k (k increasing from a random start, by a
    /// random stride) or a 22-digit decimal, about one in ten a repeat of an earlier token; on a model
    /// without positions or causal masks (so the fast path merges duplicates): feedforward and affine
    /// layers (both paths replay it) or a uniform or rank-1 attention head (the fast path replays it in
    /// linear time; the plain replay is refused by the estimate), each under the fuzzer's work limit.
    static func bigTokens(_ rng: inout SplitMix64) -> Shape {
        let n = rng.pick([5000, 10_000, 20_000, 30_000, 40_000])
        let d = 1 + rng.below(2)
        let decimals = rng.chance(40)
        let start = BigInt(1) << 64 + BigInt(rng.below(1_000_000)), stride = 1 + rng.below(3)
        var written: [String] = []
        written.reserveCapacity(n)
        for k in 0..<n {
            if k > 0 && rng.chance(10) { written.append(written[rng.below(k)]); continue }
            let coordinates = (0..<d).map { c -> String in
                if decimals { return "\"" + decimal22(&rng) + "\"" }
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
        return Shape(model: model, data: data,
                     description: "\(n) tokens of dimension \(d), " + (decimals ? "22-digit decimals" : "2^64 + k")
                        + ", one in ten repeated; " + ["feedforward and affine", "uniform attention", "rank-1 attention"][kind]
                        + ", pool \(pool)",
                     layers: 0, tokens: n)
    }

    /// A decimal of 22 significant digits with the point somewhere inside, as real data carries them:
    /// `-3141592653.589793238462`.
    static func decimal22(_ rng: inout SplitMix64) -> String {
        var digits = [UInt8](repeating: 0, count: 22)
        for k in 0..<22 { digits[k] = UInt8(ascii: "0") + UInt8(rng.below(10)) }
        if digits[0] == UInt8(ascii: "0") { digits[0] = UInt8(ascii: "1") }
        let point = 1 + rng.below(21)
        return (rng.chance(50) ? "-" : "") + String(decoding: digits[..<point], as: UTF8.self) + "."
            + String(decoding: digits[point...], as: UTF8.self)
    }
}
