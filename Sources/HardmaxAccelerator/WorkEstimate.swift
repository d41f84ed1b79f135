import Exact
import HardmaxModel
import HardmaxKernel

/// How much exact arithmetic a replay of a model on a dataset takes, counted before replaying, so that
/// a job that cannot finish (a 10^6-wide feedforward over 10^7 tokens) is refused up front with the
/// estimate and the flag that raises the limit (`--max-work`), instead of running for days.
///
/// The count is of multiply-adds on exact numbers, from the shapes alone: over all T tokens (after
/// positions) and all sequences (S2 = the sum of squared sequence lengths):
/// - attention head: T x (non-zeros of Q, K or A, and of V) for the projections and the update, plus the
///   pairwise scores: S2 x k (k rows of Q; w for a bilinear A; 1 comparison for no query/key), or T when
///   the shortcuts replay the head in linear time (rank-1 scores, no query/key);
/// - feedforward: T x (non-zeros of W1 and W2 + w), or, when W1 has rank 1 and the shortcuts evaluate
///   it as a table, T x (non-zeros of v + written coordinates + log2 m + w);
/// - affine: T x non-zeros of M; readout: T x non-zeros.
/// Each is an upper bound on what the replay does for numbers of one size; the shortcuts for duplicate
/// tokens and rank-1 feedforward layers often do much less. The plain replay (no shortcuts) works on
/// dense matrices, so there every entry counts, not only the non-zeros.
///
/// An operation on big numbers costs more: a gcd or division of n-word numbers takes about n^2 word
/// steps, so an operation on numbers of n > 8 words of 64 bits counts n^2/64 (calibrated: one on
/// 1563-word numbers takes about as long as 40000 on small ones). The size of a layer's numbers is
/// bounded by the largest number of the data plus the most that one dot product of this layer or an
/// earlier one can accumulate (a big number made early flows on):
/// for a row (or column) of a matrix, the bits of the lcm of its denominators plus its largest
/// numerator (``accumulationBits(_:)-swift.type.method``; the lcm of word-sized denominators counts up to
/// ``wordLcmCap`` bits). So one weight 2^-100000, or a row of two hundred weights with different
/// 1000-bit denominators, makes a replay that would take hours or days refuse up front. A rank-1
/// table of the fast path counts its own numbers (``ReplayCost``). Growth from layer to layer is not
/// predicted; the bit limit bounds it.
public struct WorkEstimate: Sendable, Equatable {
    /// The weighted operations (operations x the size factor), saturating at `Int.max`.
    public let operations: Int
    /// The operations before weighting by number size.
    public let exactOperations: Int
    /// The largest size bound of a layer's numbers (data plus accumulation), in bits.
    public let largestInputBits: Int
    /// The layer with the most work (nil: the readout), and its share.
    public let heaviestLayer: Int?
    public let heaviestOperations: Int
    /// What the work is for, in messages.
    public let task: String

    /// - Parameter shortcuts: the shortcuts the replay takes (`[]` for the plain replay).
    /// - Complexity: O(parameters + sequences) (and one rank-1 test per bilinear score matrix).
    public init(model: Model, dataset: Dataset, shortcuts: Shortcuts) {
        self.init(model: model, sequenceLengths: dataset.sequences.map(\.length),
                  dataBits: dataset.sequences.reduce(0) { m, s in s.values.reduce(m) { max($0, $1.bitLength) } },
                  shortcuts: shortcuts)
    }

    /// The estimate from the sequence lengths and the largest bit length of the data alone.
    init(model: Model, sequenceLengths: [Int], dataBits: Int, shortcuts: Shortcuts) {
        self.init(cost: ReplayCost(model: model, shortcuts: shortcuts), sequenceLengths: sequenceLengths,
                  dataBits: dataBits)
    }

    /// The estimate of replaying the sequences of `dataset` with the steps of `cost`.
    /// - Complexity: O(sequences + values of `dataset` + steps of `cost`).
    package init(cost: ReplayCost, dataset: Dataset) {
        self.init(cost: cost, sequenceLengths: dataset.sequences.map(\.length),
                  dataBits: dataset.sequences.reduce(0) { m, s in s.values.reduce(m) { max($0, $1.bitLength) } })
    }

    /// The estimate from the sequence lengths and the largest bit length of the data alone.
    /// - Complexity: O(sequences + steps of `cost`).
    package init(cost: ReplayCost, sequenceLengths: [Int], dataBits: Int) {
        var tokens = 0, squares = 0
        for n in sequenceLengths {
            tokens = Self.add(tokens, n)
            squares = Self.add(squares, Self.multiply(n, n))
        }
        var tally = Tally()
        for step in cost.steps {
            let work = Self.add(Self.multiply(tokens, step.perToken), Self.multiply(squares, step.pairwise))
            tally.add(work, bits: Self.add(dataBits, step.bits), layer: step.layer)
        }
        self.init(task: "replaying this model on these sequences", tally)
    }

    /// The work of compiling `model` for the fast path (rank-1 tables, fused layers, sparse rows), which
    /// happens before any sequence: one pass over every parameter (``ModelCensus``), on numbers the size
    /// of the layer's largest parameter. (A rank-1 table's running sums reduce at every kink, and a
    /// table whose numbers pass 2^16 bits is abandoned for the plain evaluation: ``RankOneFeedForward``.)
    /// - Complexity: O(parameters).
    public init(compiling model: Model) {
        let census = ModelCensus(model)
        var tally = Tally()
        for (l, part) in census.layerParts.enumerated() {
            tally.add(part.parameters, bits: part.maxBitLength, layer: l)
        }
        tally.add(census.readout.parameters, bits: census.readout.maxBitLength, layer: nil)
        self.init(task: "compiling this model for replay", tally)
    }

    /// Sums work per layer, weighted by the size of the layer's numbers.
    struct Tally {
        var exact = 0, weighted = 0, largestBits = 0, heaviestLayer: Int? = nil, heaviest = 0

        mutating func add(_ work: Int, bits: Int, layer: Int?) {
            let weightedWork = WorkEstimate.multiply(work, WorkEstimate.sizeFactor(bits: bits))
            exact = WorkEstimate.add(exact, work)
            weighted = WorkEstimate.add(weighted, weightedWork)
            largestBits = max(largestBits, bits)
            if weightedWork > heaviest { (heaviestLayer, heaviest) = (layer, weightedWork) }
        }
    }

    init(task: String, _ t: Tally) {
        self.init(task: task, exactOperations: t.exact, operations: t.weighted, largestInputBits: t.largestBits,
                  heaviestLayer: t.heaviestLayer, heaviestOperations: t.heaviest)
    }

    /// A finished estimate (see the extensions that count other tasks).
    init(task: String, exactOperations: Int, operations: Int, largestInputBits: Int, heaviestLayer: Int?,
         heaviestOperations: Int) {
        self.task = task
        self.exactOperations = exactOperations
        self.operations = operations
        self.largestInputBits = largestInputBits
        self.heaviestLayer = heaviestLayer
        self.heaviestOperations = heaviestOperations
    }

    /// - Throws: `InputError` (exit status 2 on the command line) when `operations > limit`, with the
    ///   estimate, the heaviest layer and the flag that raises the limit.
    public func check(limit: Int) throws {
        guard operations > limit else { return }
        let place = heaviestLayer.map { "layers[\($0)]" } ?? "readout"
        var amount = "\(Self.scientific(operations)) exact operations"
        if operations != exactOperations {
            amount = "\(Self.scientific(exactOperations)) exact operations on numbers of up to \(largestInputBits) "
                + "bits, which count as \(Self.scientific(operations)) (an operation on n-word numbers counts n^2/64)"
        }
        throw InputError(path: place, message: "\(task) needs about \(amount); "
                         + "\(Self.scientific(heaviestOperations)) of them in \(place); more than the limit of "
                         + "\(Self.scientific(limit)) (--max-work N raises it)")
    }

    /// n^2/64 for numbers of n 64-bit words, at least 1.
    static func sizeFactor(bits: Int) -> Int {
        let words = bits / 64 + (bits % 64 == 0 ? 0 : 1)
        return max(multiply(words, words) / 64, 1)
    }

    /// What one dot product with a row or a column of `m` can accumulate, in bits: the bits of the lcm
    /// of its denominators (the common denominator the accumulation keeps), plus its largest numerator,
    /// plus the bits of its length (the sum). See ``lcmBits(_:)`` for how the lcm is bounded cheaply.
    static func accumulationBits(_ m: Matrix) -> Int {
        var columns = [LcmBound](repeating: LcmBound(), count: m.columns)
        var best = 0
        for r in 0..<m.rows {
            var row = LcmBound()
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

    /// The accumulation bound of one row or column, built entry by entry (see ``lcmBits(_:)``).
    struct LcmBound {
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

        /// The bits of the lcm of the denominators (bounded as ``lcmBits(_:)`` says).
        var denominatorBits: Int { WorkEstimate.add(WorkEstimate.add(lcm?.bitLength ?? 1, twos), large) }

        var bits: Int {
            WorkEstimate.add(WorkEstimate.add(denominatorBits, numerators), Int.bitWidth - count.leadingZeroBitCount)
        }
    }

    /// The bits of the lcm of `denominators`, bounded cheaply: the powers of two enter as the largest
    /// one (so dyadic weights, what floats become, cost what their largest denominator does); odd
    /// parts of one word enter the lcm exactly (a remainder by one word and a word gcd each) until it
    /// passes ``wordLcmCap`` bits, where it stops growing; larger odd parts add their bits (their
    /// product bounds their part of the lcm). So small denominators shared across a row (1/3, 2/9,
    /// 5/6) cost little, and a row of distinct 100000-bit denominators counts as their sum.
    /// - Complexity: O(count x wordLcmCap / 64 words).
    static func lcmBits<S: Sequence>(_ denominators: S) -> Int where S.Element == BigInt {
        var bound = LcmBound()
        for d in denominators where d > BigInt(1) { bound.add((try? Rational(BigInt(1), d)) ?? .zero) }
        return bound.denominatorBits
    }

    static func accumulationBits(_ v: [Rational]) -> Int { v.reduce(0) { max($0, $1.bitLength) } }

    /// Where the lcm of word-sized odd denominators stops counting (2^16 bits: 1024 words, so each
    /// entry past it costs at most a 1024-word remainder). Past it, a row's numbers count as 2^16-bit
    /// ones (16384 per operation), which refuses any replay of size. The lcm is a bound, not the size:
    /// an interpolation layer's W2 row holds a million distinct denominators whose running sums
    /// telescope to numbers of a few words; the verifier evaluates such a layer as a rank-1 table and
    /// counts the table's own numbers instead (``ReplayCost``), without computing this bound.
    static let wordLcmCap = 1 << 16

    /// What one dot product with the entries `row` can accumulate (as a row in ``accumulationBits(_:)-swift.type.method``).
    static func dotProductBits(_ row: [Rational]) -> Int {
        var bound = LcmBound()
        for x in row where !x.isZero { bound.add(x) }
        return bound.bits
    }

    static func accumulationBits(_ layer: Layer) -> Int {
        switch layer {
        case .attention(let a):
            var b = a.residual.bitLength
            for h in a.heads {
                b = max(b, accumulationBits(h.value))
                switch h.score {
                case .uniform: break
                case .queryKey(let q, let k): b = max(b, accumulationBits(q), accumulationBits(k))
                case .bilinear(let m): b = max(b, accumulationBits(m))
                }
            }
            return b
        case .feedforward(let f):
            return max(accumulationBits(f.w1), accumulationBits(f.w2), accumulationBits(f.b1),
                       accumulationBits(f.b2), f.residual.bitLength)
        case .affine(let a):
            return max(accumulationBits(a.weight), accumulationBits(a.bias))
        }
    }

    static func accumulationBits(_ r: Readout) -> Int { max(accumulationBits(r.weight), accumulationBits(r.bias)) }

    /// `12345678` -> `1.2e7`; small numbers stay as they are. Integer arithmetic only.
    public static func scientific(_ n: Int) -> String {
        if n == Int.max { return "more than 9.2e18" }
        guard n >= 1_000_000 else { return "\(n)" }
        var exponent = 0, m = n
        while m >= 100 { m /= 10; exponent += 1 }
        return "\(m / 10).\(m % 10)e\(exponent + 1)"
    }

    static func add(_ a: Int, _ b: Int) -> Int {
        let (s, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : s
    }

    static func multiply(_ a: Int, _ b: Int) -> Int {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : p
    }
}
