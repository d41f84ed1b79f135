import Exact
import HardmaxModel
import HardmaxKernel

/// The model's part of every ``WorkEstimate`` of a replay, counted once: what each step costs per token
/// and per pair of tokens of a sequence, and the size bound of its numbers. An estimate of a batch of
/// sequences then costs O(sequences + steps), not O(parameters): a streamed verification estimates
/// every batch, and a model with 10^7 parameters must not be re-counted a thousand times.
///
/// Layer by layer (``init(model:shortcuts:)``), each layer is a step, counted as ``WorkEstimate`` says.
/// With the verifier's plan (``init(model:plan:shortcuts:)``), a group of feedforward layers that the
/// plan fuses is one step, counted as its replay runs, and so is a rank-1 table: it costs the
/// direction's non-zeros, a binary search over its kinks, the written coordinates and the width per
/// token, so the narrow construction's K width-1 interpolation layers count as one search, not K
/// layers; and its numbers are bounded by the table's (``RankOneFeedForward/tableBits``), not by the
/// lcm of the K denominators that a sum over the units could reach. Every other step of one layer
/// counts exactly as layer by layer.
package struct ReplayCost: Sendable {
    struct Step: @unchecked Sendable {
        /// The (first) model layer of the step, named when an estimate is refused; nil: the readout.
        let layer: Int?
        let perToken: Int
        let pairwise: Int
        /// What the step does to the size of the numbers (``ValueGrowth``).
        let growth: ValueGrowth
    }

    /// The layers' steps in order, then the readout.
    let steps: [Step]
    /// The numbers the first layer reads, before the data's own (embedding, positions).
    let input: InputBound
    /// The bit limit of the replay: no number past it goes on (``BitLimit``), so no step works on more.
    let maxBits: Int

    /// Every layer a step. - Complexity: O(parameters).
    init(model: Model, shortcuts: Shortcuts, maxBits: Int = 1 << 20) {
        self.init(model: model, original: model, groups: model.layers.indices.map { ($0...$0, nil) },
                  shortcuts: shortcuts, maxBits: maxBits)
    }

    /// The steps of `plan` (nil: the plain replay of `model`, which counts dense matrices layer by layer).
    /// - Parameter model: the model as given (the plan replays its lowering).
    /// - Complexity: O(parameters).
    package init(model: Model, plan: ReplayPlan?, shortcuts: Shortcuts, maxBits: Int = 1 << 20) {
        guard let plan else {
            self.init(model: model, original: model, groups: model.layers.indices.map { ($0...$0, nil) },
                      shortcuts: [], maxBits: maxBits)
            return
        }
        self.init(model: plan.lowering.model, original: model, groups: plan.steps.map { step in
            switch step.operation {
            case .rankOneFeedForward, .feedForward: return (step.layers, step.operation)
            case .attention, .affine: return (step.layers, nil)
            }
        }, shortcuts: shortcuts, maxBits: maxBits)
    }

    /// `groups`: consecutive layer ranges covering the model; a range with an operation is one step of
    /// the plan, counted as that operation runs; one without is counted layer by layer.
    private init(model: Model, original: Model, groups: [(layers: ClosedRange<Int>, operation: ReplayPlan.Operation?)],
                 shortcuts: Shortcuts, maxBits: Int) {
        var steps: [Step] = []
        var width = model.inputWidth
        for group in groups {
            let first = group.layers.lowerBound
            switch group.operation {
            case .rankOneFeedForward(let f)?:
                // The table's own numbers bound the step, not the layers' sums over their units.
                let search = Int.bitWidth - f.kinks.count.leadingZeroBitCount
                let perToken = Self.add(Self.add(f.direction.indices.count, f.written.count), Self.add(search, width))
                steps.append(Step(layer: first, perToken: perToken, pairwise: 0, growth: .table(TableBound(f))))
            case .feedForward(let f)?:
                // Every unit's non-zeros, every output weight, and the width once for the group.
                var perToken = width
                for u in f.units { perToken = Self.add(perToken, u.indices.count) }
                perToken = Self.add(perToken, f.termUnits.count)
                steps.append(Step(layer: first, perToken: perToken, pairwise: 0,
                                  growth: .chain(group.layers.map { ValueGrowth(model.layers[$0]) })))
            case .attention?, .affine?, nil:
                for l in group.layers {
                    let (perToken, pairwise) = Self.layerCost(model.layers[l], width: &width, shortcuts: shortcuts)
                    steps.append(Step(layer: l, perToken: perToken, pairwise: pairwise, growth: ValueGrowth(model.layers[l])))
                }
            }
        }
        let dense = shortcuts.isEmpty
        let weight = model.readout.weight
        let readoutNonZeros = dense ? WorkEstimate.multiply(weight.rows, weight.columns)
                                    : ModelCensus.nonZeros(weight.entries)
        steps.append(Step(layer: nil, perToken: Self.add(readoutNonZeros, width), pairwise: 0,
                          growth: ValueGrowth(model.readout)))
        self.steps = steps
        input = InputBound(original)
        self.maxBits = maxBits
    }

    /// One layer's work per token and per pair of tokens of a sequence (attention scores without a
    /// linear-time shortcut); `width` is the layer's input width and becomes its output width.
    static func layerCost(_ layer: Layer, width: inout Int, shortcuts: Shortcuts) -> (perToken: Int, pairwise: Int) {
        let uniform = shortcuts.contains(.uniformScores), rankOne = shortcuts.contains(.rankOneScores)
        let dense = shortcuts.isEmpty
        func nonZeros(_ m: Matrix) -> Int {
            dense ? WorkEstimate.multiply(m.rows, m.columns) : ModelCensus.nonZeros(m.entries)
        }
        var perToken = 0, pairwise = 0
        switch layer {
        case .attention(let a):
            perToken = width
            for head in a.heads {
                perToken = add(perToken, nonZeros(head.value))
                // SPEC 10 fields: the output matrix and the biases, per token.
                if let o = head.output { perToken = add(perToken, nonZeros(o)) }
                for b in [head.queryBias, head.keyBias, head.valueBias, head.outputBias] { perToken = add(perToken, b?.count ?? 0) }
                switch head.score {
                case .uniform:
                    if !uniform { pairwise = add(pairwise, 1) }
                case .queryKey(let q, let k):
                    perToken = add(perToken, add(nonZeros(q), nonZeros(k)))
                    if rankOne && q.rows == 1 { perToken = add(perToken, 1) } else { pairwise = add(pairwise, q.rows) }
                case .bilinear(let m):
                    perToken = add(perToken, nonZeros(m))
                    if rankOne && RankOneFactor(m) != nil { perToken = add(perToken, 1) } else { pairwise = add(pairwise, width) }
                }
            }
        case .feedforward(let f):
            if shortcuts.contains(.rankOneFeedForward), let v = RankOneFactor(f.w1) {
                // A table lookup: v.x, a binary search over the m kinks, the written coordinates.
                let written = (0..<f.w2.rows).filter { r in (0..<f.w2.columns).contains { !f.w2[r, $0].isZero } }
                perToken = add(add(v.direction.filter { !$0.isZero }.count, written.count),
                               Int.bitWidth - f.w1.rows.leadingZeroBitCount + width)
            } else {
                perToken = add(add(nonZeros(f.w1), nonZeros(f.w2)), width)
            }
        case .affine(let a):
            perToken = nonZeros(a.weight)
            width = a.weight.rows
        case .layerNorm:
            perToken = WorkEstimate.multiply(4, width)
        }
        return (perToken, pairwise)
    }

    private static func add(_ a: Int, _ b: Int) -> Int { WorkEstimate.add(a, b) }
}
