import Exact
import HardmaxModel

/// The resource guard on number size: a value whose numerator or denominator needs more than the limit
/// (default 2^20 bits, as for parsed numbers) stops the replay with an error instead of running on.
/// The limit is checked on the tokens after each layer (by the accelerator, after each fused group of
/// feedforward layers: a known gap, since values inside a group are not checked); it is a guard against
/// runaway growth, not part of the semantics.
package enum BitLimit {
    package static func check<S: Sequence>(_ values: S, maxBits: Int, layers: ClosedRange<Int>,
                                   sequence s: LabelledSequence, index: Int) throws where S.Element == Rational {
        for v in values where v.bitLength > maxBits {
            throw error(bits: v.bitLength, maxBits: maxBits, layers: layers, sequence: s, index: index)
        }
    }

    package static func error(bits: Int, maxBits: Int, layers: ClosedRange<Int>, sequence s: LabelledSequence,
                      index: Int) -> InputError {
        let which = s.id.map { "sequence \(index) (id \($0))" } ?? "sequence \(index)"
        let after = layers.count == 1 ? "layer \(layers.lowerBound)"
                                      : "layers \(layers.lowerBound)...\(layers.upperBound)"
        return InputError(path: "layers[\(layers.upperBound)]",
                          message: "\(which): after \(after) a number needs \(bits) bits, more than the "
                                 + "limit of \(maxBits) bits (--max-bits N raises it)")
    }
}
