import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// The verifier's replay of a clustering model, read back token by token through its public API.
///
/// The verifier reports, per sequence, the readout's margin s_label - max_{k != label} s_k. With the
/// readout replaced by pool `first`, classes `["read", "zero"]`, weights (e_c, 0) and zero biases, the
/// margin of label `read` is exactly coordinate c of the first token after the last layer. The model has
/// no positions and no causal mask, so it is permutation-equivariant (SPEC.md section 4): moving token i
/// to the front (swapping it with token 0) makes its final value the first token's. So n d replays
/// give every final coordinate, computed by the verifier and not by the explorer.
///
/// The tests check ``ClusteringLayerStep`` against it; O(n d) full replays, so it is meant for small
/// cases.
enum TrustedReplay {
    /// The final tokens of `tokens` under `model`, as the verifier computes them: on its plain path
    /// (SPEC.md section 4 transcribed) when `plain`, else on its fast path with every exact shortcut.
    /// - Precondition: `model` has positions none, no causal layer, and width `tokens[0].count`
    ///   throughout (a clustering model).
    static func finalTokens(_ model: Model, _ tokens: [[Rational]], plain: Bool) throws
        -> [[Rational]]
    {
        let options: VerifierOptions = plain ? .plainOnly : .standard
        let d = model.dimension
        let n = tokens.count
        return try (0..<n).map { i in
            var order = tokens
            order.swapAt(0, i)
            let s = LabelledSequence(label: "read", dimension: d, values: order.flatMap { $0 })
            return try (0..<d).map { c in
                var probe = model
                let unit = (0..<d).map { $0 == c ? Rational.one : .zero }
                probe.readout = Readout(pool: .first, classes: ["read", "zero"],
                                        weight: Matrix(rowArrays: [unit, Array(repeating: .zero, count: d)],
                                                       columns: d),
                                        bias: [.zero, .zero])
                let result = try Verifier(model: probe, options: options).result(for: s, index: 0)
                guard let margin = result.margin else {
                    throw InputError(message: "the verifier gave no margin for token \(i), coordinate \(c)")
                }
                return margin
            }
        }
    }
}
