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
/// An operation on big numbers costs more: each counts by the size of the numbers it works on
/// (WorkEstimate+Bits.swift), bounded layer by layer from the data's and the weights' own sizes as the
/// numbers grow through the layers (``ValueGrowth``): a chain of affine layers with 20000-bit
/// denominators is refused over many tokens, though each weight is only a number of 20000 bits. Other tasks than a replay are counted in their own files:
/// compiling the fast path (``init(compiling:)``) and the exact ranks of `inspect` (``init(ranksOf:)``).
public struct WorkEstimate: Sendable, Equatable {
    /// The weighted operations (operations x the size factor), saturating at `Int.max`.
    public let operations: Int
    /// The operations before weighting by number size.
    public let exactOperations: Int
    /// The largest size bound of a step's numbers (``ValueGrowth``, at most the bit limit), in bits.
    public let largestInputBits: Int
    /// The layer with the most work (nil: the readout), and its share.
    public let heaviestLayer: Int?
    public let heaviestOperations: Int
    /// What the work is for, in messages.
    public let task: String

    /// - Parameter shortcuts: the shortcuts the replay takes (`[]` for the plain replay).
    /// - Complexity: O(parameters + sequences) (and one rank-1 test per bilinear score matrix).
    public init(model: Model, dataset: Dataset, shortcuts: Shortcuts) {
        self.init(cost: ReplayCost(model: model, shortcuts: shortcuts), dataset: dataset)
    }

    /// The estimate of replaying the sequences of `dataset` with the steps of `cost`.
    /// - Complexity: O(values of `dataset` + steps of `cost` x length classes).
    package init(cost: ReplayCost, dataset: Dataset) {
        self.init(cost: cost, data: DataBound(dataset))
    }

    /// The estimate from the sequence lengths alone, every number of the data an integer of at most
    /// `dataBits` bits.
    /// - Complexity: O(sequences + steps of `cost` x length classes).
    package init(cost: ReplayCost, sequenceLengths: [Int], dataBits: Int) {
        self.init(cost: cost, data: DataBound(sequenceLengths: sequenceLengths, dataBits: dataBits))
    }

    /// Each class of sequence lengths is carried through the steps at its longest length
    /// (``ValueGrowth``); each step's work counts by the bits its numbers can reach, at most the bit
    /// limit (a number past it stops the replay).
    init(cost: ReplayCost, data: DataBound) {
        var work = [Int](repeating: 0, count: cost.steps.count), exact = work, bits = work
        for c in data.classes.values {
            var v = cost.input.start(c.data, n: c.longest)
            for (k, step) in cost.steps.enumerated() {
                let (next, b) = step.growth.apply(v, n: c.longest)
                v = next
                let size = min(b, cost.maxBits)
                let w = Self.add(Self.multiply(c.tokens, step.perToken), Self.multiply(c.squares, step.pairwise))
                exact[k] = Self.add(exact[k], w)
                work[k] = Self.add(work[k], Self.multiply(w, Self.sizeFactor(bits: size)))
                bits[k] = max(bits[k], size)
            }
        }
        var tally = Tally()
        for (k, step) in cost.steps.enumerated() {
            tally.add(exact: exact[k], weighted: work[k], bits: bits[k], layer: step.layer)
        }
        self.init(task: "replaying this model on these sequences", tally)
    }

    /// Sums work per layer, weighted by the size of the layer's numbers.
    struct Tally {
        var exact = 0, weighted = 0, largestBits = 0, heaviestLayer: Int? = nil, heaviest = 0

        mutating func add(_ work: Int, bits: Int, layer: Int?) {
            add(exact: work, weighted: WorkEstimate.multiply(work, WorkEstimate.sizeFactor(bits: bits)), bits: bits, layer: layer)
        }

        mutating func add(exact work: Int, weighted weightedWork: Int, bits: Int, layer: Int?) {
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
                + "bits, which count as \(Self.scientific(operations)) (an operation on n-word numbers counts n^2/32)"
        }
        throw InputError(path: place, message: "\(task) needs about \(amount); "
                         + "\(Self.scientific(heaviestOperations)) of them in \(place); more than the limit of "
                         + "\(Self.scientific(limit)) (--max-work N raises it)")
    }

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
