import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

extension ModelSummary {
    /// The summary for people, one line per layer, e.g.
    /// ```
    /// model: dimension 12, positions none, 3 layers in 2 blocks, readout mean over 9 classes
    /// layer 0  block 0  feedforward  12 -> 12  hidden 2, rank W1 2
    /// layer 1  block 1  attention    12 -> 12  head 0: uniform, score rank 0, value rank 1
    /// layer 2  block 1  feedforward  12 -> 12  hidden 622, rank W1 1
    /// readout: mean, 9 classes (1, 2, ...), 117 parameters
    /// parameters: 15141, non-zero 1337
    /// ```
    public var text: String {
        var lines = ["model: dimension \(dimension), positions \(positions.rawValue), \(layers.count) layers in "
                     + "\(blockCount) blocks, readout \(pool.rawValue) over \(classes.count) classes"]
        for l in layers {
            let block = l.block.map { "block \($0)" } ?? "no block"
            var details: [String] = []
            switch l.kind {
            case .attention:
                for (h, head) in l.heads.enumerated() {
                    let score = head.k.map { "\(head.score) (k = \($0))" } ?? head.score
                    details.append("head \(h): \(score), score rank \(head.scoreRank), value rank \(head.valueRank)")
                }
                if l.causal { details.append("causal") }
            case .feedforward:
                details.append("hidden \(l.hiddenWidth ?? 0), rank W1 \(l.w1Rank ?? 0)")
            case .affine:
                break
            }
            if let r = l.residual, r != .one { details.append("residual \(r)") }
            details.append("\(l.parameters) parameters (\(l.nonzeroParameters) non-zero)")
            lines.append("layer \(l.index)  \(block)  \(l.kind.rawValue)  \(l.widthIn) -> \(l.widthOut)  "
                         + details.joined(separator: "; "))
        }
        let shown = classes.prefix(10).map(\.text).joined(separator: ", ") + (classes.count > 10 ? ", ..." : "")
        lines.append("readout: \(pool.rawValue), \(classes.count) classes (\(shown)), \(readoutParameters) parameters")
        lines.append("parameters: \(parameters), non-zero \(nonzeroParameters)")
        return lines.joined(separator: "\n") + "\n"
    }
}
