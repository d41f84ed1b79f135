import Exact
import HardmaxKernel
import HardmaxModel

/// The fast path: the model compiled once into steps that take the shortcuts of SPEC.md section 8.
/// Every step is exact, so the decisions equal those of the kernel's plain semantics (`Semantics` in
/// HardmaxKernel; tests compare the two on random models with many ties).
package struct ReplayPlan: Sendable {
    enum Operation {
        case attention(FastAttention)
        case feedForward(FastFeedForward)
        case rankOneFeedForward(RankOneFeedForward)
        case affine(weight: SparseMatrix, bias: [Rational])

        /// The coordinates the operation may change (nil: every one, and the width may change).
        var written: [Int]? {
            switch self {
            case .attention(let a): return a.written
            case .feedForward(let f): return f.written
            case .rankOneFeedForward(let f): return f.written
            case .affine: return nil
            }
        }
    }

    struct Step {
        /// The model layers this step replays (several when fused).
        let layers: ClosedRange<Int>
        let operation: Operation
        /// Set on the last step of a bit-limit checkpoint (the kernel's `BitLimit.checkpoints`): the
        /// checkpoint's layers, checked after this step.
        var checkpoint: ClosedRange<Int>? = nil
    }

    let steps: [Step]
    /// The model of SPEC.md section 10 as one of section 4 (the identity for a section 4 model).
    package let lowering: ModelLowering
    /// (layer, head) of every head, for the gaps.
    let heads: [(layer: Int, head: Int)]
    let positions: Positions
    let mergesDuplicates: Bool
    let readout: Readout
    let readoutRows: [SparseVector]
    /// The coordinates the readout reads (the columns a mean pool sums), increasing.
    let readoutColumns: [Int]

    /// Compiles `model` with `shortcuts`.
    /// - Precondition: `model` is well formed (`checkWellFormed()` in HardmaxKernel).
    package init(_ original: Model, shortcuts: Shortcuts) {
        lowering = ModelLowering(original)
        heads = original.attentionHeads
        let model = lowering.model
        positions = model.positions
        readout = model.readout
        readoutRows = (0..<model.readout.weight.rows).map { SparseVector(dense: model.readout.weight.row($0)) }
        readoutColumns = Array(Set(readoutRows.flatMap(\.indices))).sorted()
        let anyCausal = model.layers.contains { if case .attention(let a) = $0 { return a.causal } else { return false } }
        mergesDuplicates = shortcuts.contains(.duplicates) && !anyCausal
            && (model.readout.pool == .mean || model.readout.pool == .every)

        var steps: [Step] = []
        var width = model.inputWidth
        var l = 0
        let layers = model.layers
        // Fused groups stay inside the kernel's checkpoints, so both paths check the limit at the same
        // places on the same values.
        let checkpoints = BitLimit.checkpoints(model)
        var checkpointOf = [ClosedRange<Int>](repeating: 0...0, count: layers.count)
        for c in checkpoints { for k in c { checkpointOf[k] = c } }
        while l < layers.count {
            switch layers[l] {
            case .attention(let a):
                steps.append(Step(layers: l...l, operation: .attention(FastAttention(a, width: width, shortcuts: shortcuts))))
                l += 1
            case .affine(let a):
                steps.append(Step(layers: l...l, operation: .affine(weight: SparseMatrix(a.weight), bias: a.bias)))
                width = a.weight.rows
                l += 1
            case .layerNorm: preconditionFailure("ReplayPlan: models that need enclosures are replayed by the kernel")
            case .feedforward(let first):
                var group = [first]
                var writes = first.writtenCoordinates
                // While the group is rank 1 (every W1 row a multiple of `direction`), a layer joins
                // only if the group stays rank 1, so that fusion never costs the rank-1 shortcut.
                var direction = shortcuts.contains(.rankOneFeedForward) ? RankOneFactor(first.w1)?.direction : nil
                var end = l
                if shortcuts.contains(.fusion) && first.residual == .one {
                    while end + 1 <= checkpointOf[l].upperBound, case .feedforward(let next) = layers[end + 1],
                          FeedForward.canFuse(next, after: writes) {
                        if let d = direction {
                            guard let v = RankOneFactor(next.w1)?.direction,
                                  RankOneFactor(Matrix(rowArrays: [d, v], columns: d.count)) != nil else { break }
                            if d.allSatisfy(\.isZero) { direction = v }
                        }
                        group.append(next)
                        writes.formUnion(next.writtenCoordinates)
                        end += 1
                    }
                }
                let f = FeedForward.fused(group)
                if shortcuts.contains(.rankOneFeedForward), let r = RankOneFeedForward(f) {
                    steps.append(Step(layers: l...end, operation: .rankOneFeedForward(r)))
                } else {
                    steps.append(Step(layers: l...end, operation: .feedForward(FastFeedForward(f))))
                }
                l = end + 1
            }
            if let last = steps.last?.layers.upperBound, checkpointOf[last].upperBound == last {
                steps[steps.count - 1].checkpoint = checkpointOf[last]
            }
        }
        self.steps = steps
    }

    /// Replays sequence `s` (number `index`) and decides it: its row, with the heads' gaps.
    /// - Throws: `InputError` as the kernel's `Kernel.result`.
    package func result(_ s: LabelledSequence, index: Int, maxBits: Int) throws -> SequenceResult {
        let (t, gaps) = try replay(s, index: index, maxBits: maxBits)
        var r = reads(t)
        if case .perToken = s.labels {  // one read per position, merged duplicates or not
            r = (0..<t.length).map { ReadScores(position: $0, scores: r[t.rowOfPosition[$0]].scores) }
        }
        return SequenceResult(s, index: index, readout.decide(r, labels: s.labels),
                              gaps: zip(heads, gaps).map { AttentionGap(layer: $0.layer, head: $0.head, gap: $1) })
    }

    /// The tokens of `s` after every step (for a lowered model, with its constant coordinate last).
    func finalTable(_ s: LabelledSequence, index: Int, maxBits: Int) throws -> TokenTable {
        try replay(s, index: index, maxBits: maxBits).0
    }

    /// The tokens of `s` after every step, and each head's least gap.
    func replay(_ original: LabelledSequence, index: Int, maxBits: Int) throws -> (TokenTable, [Rational?]) {
        let s = try lowering.sequence(original, index: index)
        var t = TokenTable(s, positions: positions, mergingDuplicates: mergesDuplicates)
        var gaps: [Rational?] = []
        // The operations are shared by every thread: each step is one reference, not a copy of its arrays.
        for step in steps {
            switch step.operation {
            case .attention(let a): gaps += a.apply(&t)
            case .feedForward(let f): f.apply(&t)
            case .rankOneFeedForward(let f): f.apply(&t)
            case .affine(let m, let c): Self.affine(m, c, &t)
            }
            if let checkpoint = step.checkpoint {
                // A checkpoint replayed in several steps: check every coordinate it may have written.
                let all = checkpoint.lowerBound < step.layers.lowerBound
                try checkBits(t, all ? nil : step.operation.written, maxBits: maxBits, layers: checkpoint,
                              sequence: original, index: index)
            }
        }
        return (t, gaps)
    }

    private func checkBits(_ t: TokenTable, _ written: [Int]?, maxBits: Int, layers: ClosedRange<Int>,
                           sequence s: LabelledSequence, index: Int) throws {
        guard let written else {
            return try BitLimit.check(t.values, maxBits: maxBits, layers: layers, sequence: s, index: index)
        }
        for r in 0..<t.rows {
            for c in written where t.values[r * t.width + c].bitLength > maxBits {
                throw BitLimit.error(bits: t.values[r * t.width + c].bitLength, maxBits: maxBits,
                                     layers: layers, sequence: s, index: index)
            }
        }
    }

    /// y = M x + c for every row; the width becomes M's row count.
    private static func affine(_ m: SparseMatrix, _ c: [Rational], _ t: inout TokenTable) {
        let w = t.width, w2 = m.rows.count
        var out: [Rational] = []
        out.reserveCapacity(t.rows * w2)
        for r in 0..<t.rows {
            for k in 0..<w2 { out.append(m.rows[k].dot(t.values, base: r * w, plus: c[k])) }
        }
        t.values = out
        t.width = w2
    }

    /// The reads of the readout pool (weighted mean over rows for `mean`).
    private func reads(_ t: TokenTable) -> [ReadScores] {
        let w = t.width
        let rows = readoutRows, bias = readout.bias
        func scores(_ z: [Rational], base: Int) -> [Rational] {
            var s: [Rational] = []
            s.reserveCapacity(rows.count)
            for k in rows.indices { s.append(rows[k].dot(z, base: base, plus: bias[k])) }
            return s
        }
        switch readout.pool {
        case .mean:
            let (sum, n) = t.weightedSum(of: readoutColumns, over: 0..<t.rows)
            let z = sum.map { $0.divided(by: n) }
            return [ReadScores(position: 0, scores: scores(z, base: 0))]
        case .first:
            return [ReadScores(position: 0, scores: scores(t.values, base: 0))]
        case .last:
            return [ReadScores(position: t.length - 1, scores: scores(t.values, base: (t.rows - 1) * w))]
        case .every:
            return (0..<t.rows).map { ReadScores(position: t.positions[$0], scores: scores(t.values, base: $0 * w)) }
        }
    }
}
