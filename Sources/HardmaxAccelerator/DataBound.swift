import Exact
import HardmaxModel

/// The data's part of the work estimate: the sequences grouped by length (lengths 2^(k-1)...2^k - 1
/// share class k), each class with its token and pair counts and the ``ValueBound`` of its data: the
/// lcm bound of each token's denominators (the most over its tokens), of each sequence's (the most over
/// its sequences), and the largest magnitude. A class is estimated at its longest sequence, so an
/// attention layer's count bound (``ValueBound/countLcmBits(_:)``) is charged at most twice the
/// length of the sequences it applies to.
struct DataBound {
    struct LengthClass {
        var longest = 0
        var tokens = 0
        var squares = 0
        var data = ValueBound(token: 0, sequence: 0, magnitude: ValueBound.none)
    }

    private(set) var classes: [Int: LengthClass] = [:]

    init() {}

    /// Every sequence of `dataset`. - Complexity: O(values), a word gcd per distinct denominator.
    init(_ dataset: Dataset) {
        for s in dataset.sequences {
            add(length: s.length, data: Self.bound(s.values, dimension: dataset.dimension))
        }
    }

    /// Sequences known by their lengths alone, every number an integer of at most `dataBits` bits.
    init(sequenceLengths: [Int], dataBits: Int) {
        for n in sequenceLengths { add(length: n, data: ValueBound(token: 0, sequence: 0, magnitude: dataBits)) }
    }

    mutating func add(length n: Int, data: ValueBound) {
        let k = ValueBound.bits(of: n)
        var c = classes[k] ?? LengthClass()
        c.longest = max(c.longest, n)
        c.tokens = WorkEstimate.add(c.tokens, n)
        c.squares = WorkEstimate.add(c.squares, WorkEstimate.multiply(n, n))
        c.data = ValueBound(token: max(c.data.token, data.token), sequence: max(c.data.sequence, data.sequence),
                            magnitude: max(c.data.magnitude, data.magnitude))
        classes[k] = c
    }

    /// The bound of one sequence's numbers (`dimension` per token).
    static func bound(_ values: [Rational], dimension: Int) -> ValueBound {
        var sequence = DenominatorBound(), token = DenominatorBound()
        var tokenBits = 0, magnitude = ValueBound.none
        for i in values.indices {
            if i % max(dimension, 1) == 0 {
                tokenBits = max(tokenBits, token.bits)
                token = DenominatorBound()
            }
            if let (n, d) = values[i].smallParts {  // the same steps on words, without copying the number
                if n == 0 { continue }
                magnitude = max(magnitude, ValueBound.magnitude(numerator: n, denominator: d))
                if d == 1 { continue }
                token.add(word: Int(d))
                sequence.add(word: Int(d))
                continue
            }
            let x = values[i]
            if x.isZero { continue }
            magnitude = max(magnitude, ValueBound.magnitude(x))
            if x.isInteger { continue }
            token.add(denominator: x.denominator)
            sequence.add(denominator: x.denominator)
        }
        return ValueBound(token: max(tokenBits, token.bits), sequence: sequence.bits, magnitude: magnitude)
    }
}
