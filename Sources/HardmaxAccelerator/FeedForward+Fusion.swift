import Exact
import HardmaxModel
import HardmaxKernel

/// Fusion of consecutive feedforward layers (SPEC.md section 8).
///
/// Claim: let L_1..L_k be feedforward layers with residual 1, y = x + f_i(x), where f_i reads the
/// coordinates R_i (non-zero columns of W1_i) and changes the coordinates W_i (non-zero rows of W2_i
/// and non-zero entries of b2_i). If no layer reads a coordinate written by an EARLIER layer of the
/// group (R_i and W_j disjoint for j < i), then applying them in turn gives x + sum_i f_i(x), which is
/// the one layer with W1, b1 stacked, W2 side by side and b2 summed.
/// Proof by induction: before L_i the token is x + sum_{j<i} f_j(x), which differs from x only on
/// the union of W_j, j < i; f_i depends only on R_i, disjoint from it, so L_i adds f_i(x).
/// (SPEC.md asks for the symmetric condition; this one-sided condition is weaker and still exact.)
/// Layers with residual != 1 are never fused.
extension FeedForward {
    // `readCoordinates` and `writtenCoordinates` are the kernel's (BitLimit.swift), which checks the
    // bit limit once per run of such layers.

    /// True when `next` may join a group of residual-1 layers that writes `groupWrites`.
    static func canFuse(_ next: FeedForward, after groupWrites: Set<Int>) -> Bool {
        next.residual == .one && next.readCoordinates.isDisjoint(with: groupWrites)
    }

    /// The single layer equal to applying `layers` in turn (preconditions: non-empty, equal widths,
    /// every residual 1, and the fusion condition above).
    static func fused(_ layers: [FeedForward]) -> FeedForward {
        precondition(!layers.isEmpty, "fused: empty group")
        if layers.count == 1 { return layers[0] }
        precondition(layers.allSatisfy { $0.residual == .one }, "fused: residual not 1")
        let w = layers[0].w1.columns
        let w1 = Matrix(rowArrays: layers.flatMap { f in (0..<f.w1.rows).map { f.w1.row($0) } }, columns: w)
        let b1 = layers.flatMap(\.b1)
        let m = w1.rows
        var w2 = Matrix(zeros: w, m)
        var offset = 0
        for f in layers {
            for r in 0..<w { for u in 0..<f.w2.columns { w2[r, offset + u] = f.w2[r, u] } }
            offset += f.w2.columns
        }
        var b2 = [Rational](repeating: .zero, count: w)
        for f in layers { for c in 0..<w { b2[c] += f.b2[c] } }
        return FeedForward(w1: w1, b1: b1, w2: w2, b2: b2, residual: .one)
    }
}
