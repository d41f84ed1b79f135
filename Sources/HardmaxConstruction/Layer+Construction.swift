import Exact
import HardmaxFormat
import HardmaxModel

extension Layer {
    /// Step D: one head with all scores equal and V = e_o e_h^T, so y_i = x_i + mean_j(x_j,h) e_o, the
    /// mean over the whole sequence, or over j <= i when `causal` (SPEC.md section 12).
    static func collapse(width: Int, into o: Int, from h: Int, causal: Bool = false) -> Layer {
        var value = Matrix(zeros: width, width)
        value[o, h] = .one
        return .attention(Attention(heads: [AttentionHead(score: .uniform, value: value)], causal: causal))
    }
}
