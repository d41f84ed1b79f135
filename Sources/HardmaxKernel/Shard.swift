import HardmaxModel
/// One share of a verification split across machines: shard I of K (1 <= I <= K).
///
/// The split is round-robin by sequence number: sequence j (numbered from 0 in the concatenation of the
/// dataset files, SPEC.md section 3) belongs to shard (j mod K) + 1. It is deterministic, needs no
/// knowledge of the number of sequences N, and balances long and short sequences wherever they sit in
/// the files; shard I holds ceil((N - I + 1) / K) sequences. Shards of one split cover every sequence
/// exactly once, so their certificates merge into the certificate of the whole verification
/// (`hardmax merge`).
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// I, from 1.
    public let index: Int
    /// K, the number of shards.
    public let count: Int

    /// The largest K accepted (a bound on the merge's bookkeeping, far beyond any job array).
    public static let maxCount = 1_000_000

    /// Shard `index` of `count`. Nil unless 1 <= index <= count <= ``maxCount``.
    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.maxCount, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/K` (decimal digits only, 1 <= I <= K <= ``maxCount``); nil otherwise.
    public init?(text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 7 && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              let i = Int(parts[0]), let k = Int(parts[1]) else { return nil }
        self.init(index: i, count: k)
    }

    /// `I/K`.
    public var description: String { "\(index)/\(count)" }

    /// True when sequence `j` (from 0) belongs to this shard: j mod K = I - 1.
    @inlinable
    public func contains(_ j: Int) -> Bool { j % count == index - 1 }

    /// The number of sequences of this shard when the dataset has `total` sequences.
    public func size(ofTotal total: Int) -> Int {
        total >= index ? (total - index) / count + 1 : 0
    }
}
