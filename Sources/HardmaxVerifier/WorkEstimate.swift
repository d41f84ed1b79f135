import Exact
import HardmaxFormat

/// How much exact arithmetic a replay of a model on a dataset takes, counted before replaying, so that
/// a job that cannot finish (a 10^6-wide feedforward over 10^7 tokens) is refused up front with the
/// estimate and the flag that raises the limit (`--max-work`), instead of running for days.
///
/// The count is of multiply-adds on exact numbers, from the shapes alone: over all T tokens (after
/// positions) and all sequences (S2 = the sum of squared sequence lengths):
/// - attention head: T x (non-zeros of Q, K or A, and of V) for the projections and the update, plus the
///   pairwise scores: S2 x k (k rows of Q; w for a bilinear A; 1 comparison for no query/key), or T when
///   the shortcuts replay the head in linear time (rank-1 scores, no query/key);
/// - feedforward: T x (non-zeros of W1 and W2 + w); affine: T x non-zeros of M; readout: T x non-zeros.
/// Each is an upper bound on what the replay does for numbers of one size; the shortcuts for duplicate
/// tokens and rank-1 feedforward layers often do much less.
///
/// The plain replay (no shortcuts) works on dense matrices, so there every entry counts, not only the
/// non-zeros.
///
/// An operation on big numbers costs more: a gcd or division of n-word numbers takes about n^2 word
/// steps. So when the largest number of the model or the data has n > 8 words of 64 bits, every
/// operation counts n^2/64 (calibrated: an exact operation on 1563-word numbers takes about as long as
/// 40000 on small ones). A model with one weight 2^-100000 makes every later number 100000 bits long,
/// and a replay that would take hours is refused. Growth during the replay is not predicted; it is
/// bounded by the bit limit.
public struct WorkEstimate: Sendable, Equatable {
    /// The weighted operations (operations x the size factor), saturating at `Int.max`.
    public let operations: Int
    /// The operations before weighting by number size.
    public let exactOperations: Int
    /// The largest numerator or denominator among the model's parameters and the data, in bits.
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
        let uniform = shortcuts.contains(.uniformScores), rankOne = shortcuts.contains(.rankOneScores)
        let dense = shortcuts.isEmpty
        func nonZeros(_ m: Matrix) -> Int { dense ? Self.multiply(m.rows, m.columns) : Self.nonZeros(m) }
        var tokens = 0, squares = 0
        for n in sequenceLengths {
            tokens = Self.add(tokens, n)
            squares = Self.add(squares, Self.multiply(n, n))
        }
        var total = 0, heaviest: Int? = nil, heaviestOperations = 0
        var width = model.inputWidth
        for (l, layer) in model.layers.enumerated() {
            var perToken = 0, pairwise = 0
            switch layer {
            case .attention(let a):
                perToken = width
                for head in a.heads {
                    perToken = Self.add(perToken, nonZeros(head.value))
                    switch head.score {
                    case .uniform:
                        if !uniform { pairwise = Self.add(pairwise, 1) }
                    case .queryKey(let q, let k):
                        perToken = Self.add(perToken, Self.add(nonZeros(q), nonZeros(k)))
                        if rankOne && q.rows == 1 { perToken = Self.add(perToken, 1) }
                        else { pairwise = Self.add(pairwise, q.rows) }
                    case .bilinear(let m):
                        perToken = Self.add(perToken, nonZeros(m))
                        if rankOne && RankOneFactor(m) != nil { perToken = Self.add(perToken, 1) }
                        else { pairwise = Self.add(pairwise, width) }
                    }
                }
            case .feedforward(let f):
                perToken = Self.add(Self.add(nonZeros(f.w1), nonZeros(f.w2)), width)
            case .affine(let a):
                perToken = nonZeros(a.weight)
                width = a.weight.rows
            }
            let work = Self.add(Self.multiply(tokens, perToken), Self.multiply(squares, pairwise))
            if work > heaviestOperations { (heaviest, heaviestOperations) = (l, work) }
            total = Self.add(total, work)
        }
        let readout = Self.multiply(tokens, Self.add(nonZeros(model.readout.weight), width))
        if readout > heaviestOperations { (heaviest, heaviestOperations) = (nil, readout) }
        exactOperations = Self.add(total, readout)
        largestInputBits = max(Self.largestBits(model), dataBits)
        let words = (largestInputBits + 63) / 64
        let factor = max(Self.multiply(words, words) / 64, 1)
        operations = Self.multiply(exactOperations, factor)
        heaviestLayer = heaviest
        self.heaviestOperations = Self.multiply(heaviestOperations, factor)
        task = "replaying this model on these sequences"
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
        if task != "replaying this model on these sequences" && operations != exactOperations {
            amount = "\(Self.scientific(exactOperations)) exact operations on growing numbers, which count as "
                + "\(Self.scientific(operations))"
        }
        throw InputError(path: place, message: "\(task) needs about \(amount); "
                         + "\(Self.scientific(heaviestOperations)) of them in \(place); more than the limit of "
                         + "\(Self.scientific(limit)) (--max-work N raises it)")
    }

    /// The largest bit length among all parameters of `model`.
    static func largestBits(_ model: Model) -> Int {
        func bits(_ m: Matrix) -> Int { m.entries.reduce(0) { max($0, $1.bitLength) } }
        func bits(_ v: [Rational]) -> Int { v.reduce(0) { max($0, $1.bitLength) } }
        var b = max(bits(model.readout.weight), bits(model.readout.bias))
        for layer in model.layers {
            switch layer {
            case .attention(let a):
                b = max(b, a.residual.bitLength)
                for h in a.heads {
                    b = max(b, bits(h.value))
                    switch h.score {
                    case .uniform: break
                    case .queryKey(let q, let k): b = max(b, bits(q), bits(k))
                    case .bilinear(let m): b = max(b, bits(m))
                    }
                }
            case .feedforward(let f):
                b = max(b, bits(f.w1), bits(f.w2), bits(f.b1), bits(f.b2), f.residual.bitLength)
            case .affine(let a):
                b = max(b, bits(a.weight), bits(a.bias))
            }
        }
        return b
    }

    /// `12345678` -> `1.2e7`; small numbers stay as they are. Integer arithmetic only.
    public static func scientific(_ n: Int) -> String {
        if n == Int.max { return "more than 9.2e18" }
        guard n >= 1_000_000 else { return "\(n)" }
        var exponent = 0, m = n
        while m >= 100 { m /= 10; exponent += 1 }
        return "\(m / 10).\(m % 10)e\(exponent + 1)"
    }

    static func nonZeros(_ m: Matrix) -> Int { m.entries.reduce(0) { $0 + ($1.isZero ? 0 : 1) } }

    static func add(_ a: Int, _ b: Int) -> Int {
        let (s, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : s
    }

    static func multiply(_ a: Int, _ b: Int) -> Int {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : p
    }
}
