import Exact
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

extension ModelSummary {
    /// The summary for people, one line per layer, e.g. (models/jv-compact.json)
    /// ```
    /// model: dimension 12, positions none, 3 layers in 2 blocks, readout mean over 9 classes
    /// layer 0  block 0  feedforward  12 -> 12  hidden 2, rank W1 2; 62 parameters (18 non-zero)
    /// layer 1  block 1  attention  12 -> 12  head 0: uniform, score rank 0, value rank 1; 144 parameters (1 non-zero)
    /// layer 2  block 1  feedforward  12 -> 12  hidden 622, rank W1 1; 15562 parameters (1867 non-zero)
    /// readout: mean, 9 classes (1, 2, 3, 4, 5, 6, 7, 8, 9), 117 parameters
    /// parameters: 15885, non-zero 1902
    /// ```
    public var text: String {
        var lines = ["model: dimension \(dimension), positions \(positions.rawValue), \(layers.count) layers in "
                     + "\(census.blocks) blocks, readout \(pool.rawValue) over \(classes.count) classes"]
        for l in layers {
            let block = census.layerBlocks[l.index].map { "block \($0)" } ?? "no block"
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
            case .affine, .layernorm:
                break
            }
            if let r = l.residual, r != .one { details.append("residual \(r)") }
            let part = census.layerParts[l.index]
            details.append("\(part.parameters) parameters (\(part.nonZeroParameters) non-zero)")
            lines.append("layer \(l.index)  \(block)  \(l.kind.rawValue)  \(l.widthIn) -> \(l.widthOut)  "
                         + details.joined(separator: "; "))
        }
        let shown = classes.prefix(10).map(\.text).joined(separator: ", ") + (classes.count > 10 ? ", ..." : "")
        lines.append("readout: \(pool.rawValue), \(classes.count) classes (\(shown)), "
                     + "\(census.readout.parameters) parameters")
        lines.append("parameters: \(census.parameters), non-zero \(census.nonZeroParameters)")
        return lines.joined(separator: "\n") + "\n"
    }
}
