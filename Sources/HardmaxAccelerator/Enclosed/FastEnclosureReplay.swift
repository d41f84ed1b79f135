import Exact
import HardmaxKernel
import HardmaxModel

/// The accelerator's replay of SPEC.md section 11 for softmax models: every value an ``Interval64``
/// (64-bit dyadic ends, rounded outward, no allocation per operation), decided by the kernel's own
/// readout rule (`Kernel.enclosedResult(_:_:index:reads:precision:)`).
///
/// It is a second sound replay, not a copy of the kernel's: its intervals differ from the kernel's at
/// 64 bits (inputs become intervals at once; a softmax row's weighted sum is divided once), so a
/// sequence it cannot decide is handed to the kernel, which starts again and doubles the precision.
/// Tests hold it to the kernel's statuses and require that its intervals meet the kernel's.
/// Hardmax models with layer normalization or GELU stay on the kernel's path (their selections need
/// the kernel's copies of tokens to be decided).
package struct FastEnclosureReplay: Sendable {
    let model: Model
    let layers: [Layer64]
    let readout: SparseMatrix64
    let readoutBias: [Interval64]
    /// How the exact numbers the kernel would compute grow, layer by layer (``ValueGrowth``).
    let growth: [ValueGrowth]

    /// nil unless the model is a softmax model that the kernel cannot keep exact: one with a head that
    /// has scores (not uniform), a layer norm, or GELU. (A softmax model with uniform heads and ReLU
    /// weighs exactly 1/|J(i)| and stays exact in the kernel, as its certificate then says.)
    package init?(_ model: Model) {
        let irrational = model.layers.contains { layer in
            switch layer {
            case .layerNorm: return true
            case .attention(let a): return a.norm != nil || a.heads.contains { if case .uniform = $0.score { false } else { true } }
            case .feedforward(let f): return f.norm != nil || f.activation != .relu
            case .affine: return false
            }
        }
        guard model.semantics == .softmax, irrational else { return nil }
        self.model = model
        layers = model.layers.map(Layer64.init)
        readout = SparseMatrix64(model.readout.weight)
        readoutBias = model.readout.bias.map(Interval64.init)
        growth = model.layers.map(ValueGrowth.init) + [ValueGrowth(model.readout)]
    }

    /// True when no exact number of the kernel's replay of `tokens` can pass `maxBits` bits (the bound
    /// of the work estimate), so that the kernel would not stop at the bit limit where this replay,
    /// which holds no exact numbers, goes on: the two paths then differ in intervals only.
    func staysWithinBitLimit(_ tokens: [[Rational]], maxBits: Int) -> Bool {
        var v = DataBound.bound(Array(tokens.joined()), dimension: tokens.first?.count ?? 0)
        var bits = v.bits
        for step in growth {
            let (out, b) = step.apply(v, n: tokens.count)
            (v, bits) = (out, max(bits, b))
        }
        return bits <= maxBits
    }

    /// Replays `s` and decides it with the kernel's rule; nil when it is undecided here, when an
    /// operation cannot be enclosed at 64 bits, when the kernel's exact numbers might pass `maxBits`,
    /// or when no irrational operation touched the values (the kernel keeps them exact): for the
    /// kernel to replay.
    /// - Throws: `InputError` as the kernel's `Semantics.initialTokens`.
    package func result(_ s: LabelledSequence, index: Int, maxBits: Int) throws -> SequenceResult? {
        let tokens = try Semantics.initialTokens(model, s, index: index)
        guard staysWithinBitLimit(tokens, maxBits: maxBits) else { return nil }
        var x = Rows64(width: tokens.first?.count ?? 0, values: tokens.joined().map(Interval64.init))
        do {
            for layer in layers { x = try layer.apply(x) }
        } catch is EnclosureError {
            return nil
        }
        // No irrational operation reached the values: the kernel keeps them exact, and says so.
        guard x.irrational else { return nil }
        let r = Kernel.enclosedResult(model, s, index: index, reads: reads(x), precision: 64)
        return r.enclosed?.status == .undecided ? nil : r
    }

    /// The readout's reads: the mean over positions, the first or last position, or every position.
    func reads(_ x: Rows64) -> [EnclosedRead] {
        func scores(_ z: [Interval64]) -> [Enclosure] {
            Rows64(width: x.width, values: z).mapped(readout, plus: readoutBias).values.map(\.enclosure)
        }
        func row(_ i: Int) -> [Interval64] { Array(x.values[i * x.width..<(i + 1) * x.width]) }
        let n = x.count
        switch model.readout.pool {
        case .first: return [EnclosedRead(position: 0, scores: scores(row(0)), undecided: false)]
        case .last: return [EnclosedRead(position: n - 1, scores: scores(row(n - 1)), undecided: false)]
        case .every: return (0..<n).map { EnclosedRead(position: $0, scores: scores(row($0)), undecided: false) }
        case .mean:
            let share = Interval64(Rational(1).divided(by: n))
            let mean = (0..<x.width).map { c in
                var sum = Interval64.zero
                for i in 0..<n { sum = sum + x[i, c] }
                return sum * share
            }
            return [EnclosedRead(position: 0, scores: scores(mean), undecided: false)]
        }
    }
}
