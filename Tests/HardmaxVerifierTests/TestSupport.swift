import Exact
import HardmaxFormat

/// p/q as a Rational (test helper; q != 0).
func q(_ p: Int, _ d: Int = 1) -> Rational {
    // Test inputs are hand-written constants with d != 0; a failure here is a bug in the test.
    (try? Rational(p, d)) ?? Rational.zero
}

/// A labelled sequence from integer tokens.
func sequence(_ label: String, _ tokens: [[Int]], id: String? = nil) -> LabelledSequence {
    sequence(label, tokens.map { $0.map { Rational($0) } }, id: id)
}

/// A labelled sequence from rational tokens.
func sequence(_ label: String, _ tokens: [[Rational]], id: String? = nil) -> LabelledSequence {
    LabelledSequence(id: id, label: label, dimension: tokens[0].count, values: tokens.flatMap { $0 })
}

func dataset(_ sequences: [LabelledSequence]) -> Dataset {
    Dataset(dimension: sequences[0].dimension, sequences: sequences)
}
