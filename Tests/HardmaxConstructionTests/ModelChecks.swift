import Exact
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel

/// Structural claims of SPEC.md section 7, checked from the model itself. Returns what is wrong.
func structuralProblems(_ model: Model, _ report: ConstructionReport) -> [String] {
    var problems: [String] = []
    let layers = model.layers.filter { if case .affine = $0 { return false } else { return true } }
    let lifted = model.layers.count != layers.count
    if lifted != (model.inputWidth == 1) { problems.append("lift present: \(lifted), input width \(model.inputWidth)") }
    let k = report.measureClasses
    let features = report.features.count
    let blocks = blockCount(model)
    if blocks != report.census.blocks { problems.append("census blocks \(report.census.blocks), counted \(blocks)") }
    var feedForwardWidths: [Int] = []
    for layer in layers {
        switch layer {
        case .feedforward(let f):
            feedForwardWidths.append(f.hiddenWidth)
            if f.residual != .one { problems.append("feedforward residual \(f.residual)") }
        case .attention(let a):
            if a.residual != .one || a.causal { problems.append("attention residual/causal") }
            for head in a.heads {
                let scoreRank: Int
                switch head.score {
                case .uniform: scoreRank = 0
                case .queryKey(let q, let key): scoreRank = min(rank(q), rank(key))
                case .bilinear(let m): scoreRank = rank(m)
                }
                if scoreRank > 1 { problems.append("score rank \(scoreRank)") }
                if rank(head.value) != 1 { problems.append("value rank \(rank(head.value))") }
            }
        case .affine: break
        case .layerNorm: problems.append("a layer norm in a construction")
        }
    }
    switch report.strategy {
    case .compact:
        if layers.count != 3 || blocks != 2 { problems.append("compact: \(layers.count) layers, \(blocks) blocks") }
        if feedForwardWidths.count == 2 {
            if feedForwardWidths[0] != features + 1 { problems.append("FF_1 width \(feedForwardWidths[0])") }
            if feedForwardWidths[1] > max(1, k - 1) { problems.append("FF_2 width \(feedForwardWidths[1]) for K = \(k)") }
        }
    case .narrow:
        if feedForwardWidths.contains(where: { $0 != 1 }) { problems.append("narrow: widths \(feedForwardWidths)") }
        if blocks > features + k + 2 { problems.append("narrow: \(blocks) blocks for F = \(features), K = \(k)") }
    }
    if features > max(0, k - 1) { problems.append("\(features) features for K = \(k)") }
    return problems
}
