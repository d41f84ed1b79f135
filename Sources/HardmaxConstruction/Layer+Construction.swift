import Exact
import HardmaxFormat
import HardmaxModel

extension Layer {
    /// Step D: one head with all scores equal and V = e_o e_h^T, so y_i = x_i + mean_j(x_j,h) e_o.
    static func collapse(width: Int, into o: Int, from h: Int) -> Layer {
        var value = Matrix(zeros: width, width)
        value[o, h] = .one
        return .attention(Attention(heads: [AttentionHead(score: .uniform, value: value)]))
    }

    /// The affine lift x -> (x, 0) from width 1 to width 2.
    static var lift: Layer {
        .affine(Affine(weight: Matrix(rowArrays: [[.one], [.zero]], columns: 1), bias: [.zero, .zero]))
    }
}
