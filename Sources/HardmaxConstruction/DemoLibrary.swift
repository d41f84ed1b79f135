import Exact
import HardmaxFormat
import HardmaxModel

/// The built-in data set of `hardmax demo`: books of very different lengths, shelved by topic.
///
/// Each shelf has a topic, a prototype vector with integer coordinates. A book has a main topic; each
/// of its pages (tokens) is drawn from the main topic with probability 1/2 and from a uniformly random
/// topic otherwise, and is the topic's prototype plus noise, every coordinate a multiple of 1/8 in
/// [-1, 1]. A page *reads as* the topic of its nearest prototype (exact squared distance, ties to the
/// lower shelf), and a book goes on the shelf of the topic most of its pages read as (ties to the
/// lower shelf). So the label is a function of the book's empirical measure: no two books with equal
/// measures carry different labels, and the data set is always constructible.
///
/// Deterministic: the same arguments give the same data set on every platform (SplitMix64).
public enum DemoLibrary {
    /// The seed of the demo ("hardmax!" in ASCII).
    public static let defaultSeed: UInt64 = 0x6861_7264_6D61_7821

    /// - Parameters:
    ///   - sequences: number of books N (>= 1).
    ///   - seed: the generator's seed.
    ///   - lengths: book lengths; drawn log-uniformly: a power-of-two band [2^e, 2^(e+1)) first, then a
    ///     length in that band, so short and long books are both common.
    ///   - dimension: d, the token dimension (>= 1).
    ///   - shelves: number of labels, `shelf-01`, `shelf-02`, ... (>= 1).
    /// - Complexity: O(T d shelves) for T tokens. See ``Books`` for the same books one at a time.
    public static func generate(sequences: Int = 2000, seed: UInt64 = defaultSeed,
                                lengths: ClosedRange<Int> = 1...500, dimension: Int = 8,
                                shelves: Int = 12) -> Dataset {
        var books: [LabelledSequence] = []
        books.reserveCapacity(sequences)
        for book in Books(sequences: sequences, seed: seed, lengths: lengths, dimension: dimension,
                          shelves: shelves) {
            books.append(book)
        }
        return Dataset(dimension: dimension, sequences: books)
    }

    /// The books of ``generate(sequences:seed:lengths:dimension:shelves:)`` one at a time, in order,
    /// without holding the library: with equal arguments, the n-th book is the n-th book of `generate`.
    /// For data sets too large to keep in memory (`hardmax-bench scale` writes them to a file).
    ///
    /// - Complexity: O(n d shelves) per book of n pages; memory O(shelves d) besides the book.
    public struct Books: Sequence, IteratorProtocol {
        public let count: Int
        public let dimension: Int
        private let lengths: ClosedRange<Int>
        private let shelves: Int
        private var random: SplitMix64
        private let prototypes: [[Int]]
        /// Coordinates in eighths lie in [-reach, reach]; one shared Rational per value.
        private let reach: Int
        private let table: [Rational]
        private let idWidth: Int
        private let shelfWidth: Int
        private var produced = 0
        private var page: [Int]

        /// - Precondition: every size is positive (as for `generate`).
        public init(sequences: Int = 2000, seed: UInt64 = defaultSeed, lengths: ClosedRange<Int> = 1...500,
                    dimension: Int = 8, shelves: Int = 12) {
            precondition(sequences >= 1 && lengths.lowerBound >= 1 && dimension >= 1 && shelves >= 1,
                         "DemoLibrary.generate: sizes must be positive")
            count = sequences
            self.dimension = dimension
            self.lengths = lengths
            self.shelves = shelves
            random = SplitMix64(seed: seed)
            let radius = DemoLibrary.prototypeRadius(dimension: dimension, shelves: shelves)
            prototypes = DemoLibrary.drawPrototypes(&random, count: shelves, dimension: dimension, radius: radius)
            reach = 8 * (radius + 1)
            table = (-reach...reach).map { eighths in
                // 8 != 0, so the division cannot fail.
                (try? Rational(eighths, 8)) ?? .zero
            }
            idWidth = String(sequences).count
            shelfWidth = Swift.max(2, String(shelves).count)
            page = [Int](repeating: 0, count: dimension)
        }

        public mutating func next() -> LabelledSequence? {
            guard produced < count else { return nil }
            let j = produced
            produced += 1
            let main = random.below(shelves)
            let length = DemoLibrary.drawLength(&random, lengths)
            var values: [Rational] = []
            values.reserveCapacity(length * dimension)
            var readCounts = [Int](repeating: 0, count: shelves)
            for _ in 0..<length {
                let topic = random.below(2) == 0 ? main : random.below(shelves)
                for c in 0..<dimension {
                    page[c] = 8 * prototypes[topic][c] + random.within(-8...8)
                    values.append(table[page[c] + reach])
                }
                readCounts[DemoLibrary.nearest(page, prototypes)] += 1
            }
            var shelf = 0
            for k in 1..<shelves where readCounts[k] > readCounts[shelf] { shelf = k }
            return LabelledSequence(id: "book-" + DemoLibrary.padded(j + 1, idWidth),
                                    label: Label("shelf-" + DemoLibrary.padded(shelf + 1, shelfWidth)),
                                    dimension: dimension, values: values)
        }
    }

    /// The least radius R >= 3 such that [-R, R]^d holds at least 2 * shelves points.
    private static func prototypeRadius(dimension: Int, shelves: Int) -> Int {
        var radius = 3
        while true {
            var points = 1
            for _ in 0..<dimension where points < 2 * shelves { points *= 2 * radius + 1 }
            if points >= 2 * shelves { return radius }
            radius += 1
        }
    }

    /// `count` distinct integer vectors in [-radius, radius]^dimension.
    private static func drawPrototypes(_ random: inout SplitMix64, count: Int, dimension: Int,
                                       radius: Int) -> [[Int]] {
        var prototypes: [[Int]] = []
        var seen = Set<[Int]>()
        while prototypes.count < count {
            let p = (0..<dimension).map { _ in random.within(-radius...radius) }
            if seen.insert(p).inserted { prototypes.append(p) }
        }
        return prototypes
    }

    private static func drawLength(_ random: inout SplitMix64, _ lengths: ClosedRange<Int>) -> Int {
        let bands = Int.bitWidth - lengths.upperBound.leadingZeroBitCount   // 2^(bands-1) <= max
        let e = random.below(bands)
        let low = max(lengths.lowerBound, 1 << e)
        let high = min(lengths.upperBound, e >= Int.bitWidth - 2 ? Int.max : (2 << e) - 1)
        return low <= high ? random.within(low...high) : random.within(lengths)
    }

    /// Index of the prototype nearest to `page` (in eighths), ties to the lower index.
    private static func nearest(_ page: [Int], _ prototypes: [[Int]]) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (k, p) in prototypes.enumerated() {
            var distance = 0
            for c in 0..<page.count {
                let delta = page[c] - 8 * p[c]
                distance += delta * delta
            }
            if distance < bestDistance { (best, bestDistance) = (k, distance) }
        }
        return best
    }

    private static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
