import Exact
import HardmaxFormat

/// A deliberately plain replay of SPEC.md section 4 (no shortcuts), so construction tests do not
/// depend on the code they check. Slow: for small data sets only.
enum PlainReplay {
    struct Outcome: Equatable {
        var predicted: String?
        var margin: Rational?
        var pass: Bool
    }

    static func tokens(_ model: Model, _ sequence: LabelledSequence) -> [[Rational]] {
        var x = (0..<sequence.length).map { t -> [Rational] in
            var token = sequence.token(t)
            if model.positions == .index { token.append(Rational(t + 1)) }
            return token
        }
        for layer in model.layers {
            switch layer {
            case .affine(let a):
                x = x.map { add(apply(a.weight, $0), a.bias) }
            case .feedforward(let f):
                x = x.map { token in
                    let hidden = add(apply(f.w1, token), f.b1).map(\.relu)
                    return add(add(scale(f.residual, token), apply(f.w2, hidden)), f.b2)
                }
            case .attention(let attention):
                let input = x
                x = input.indices.map { i in
                    var y = scale(attention.residual, input[i])
                    let visible = attention.causal ? Array(0...i) : Array(input.indices)
                    for head in attention.heads {
                        let scores = visible.map { score(head.score, input[i], input[$0]) }
                        let best = scores.max()!
                        let chosen = zip(visible, scores).filter { $0.1 == best }.map(\.0)
                        var sum = [Rational](repeating: .zero, count: input[i].count)
                        for j in chosen { sum = add(sum, apply(head.value, input[j])) }
                        y = add(y, sum.map { $0.divided(by: chosen.count) })
                    }
                    return y
                }
            }
        }
        return x
    }

    static func outcome(_ model: Model, _ sequence: LabelledSequence) -> Outcome {
        let x = tokens(model, sequence)
        let r = model.readout
        func decide(_ z: [Rational]) -> (String?, Rational?) {
            let s = add(apply(r.weight, z), r.bias)
            let best = s.max()!
            let winners = s.indices.filter { s[$0] == best }
            let predicted = winners.count == 1 ? r.classes[winners[0]] : nil
            guard r.classes.count >= 2, let k = r.classes.firstIndex(of: sequence.label) else {
                return (predicted, nil)
            }
            let others = s.indices.filter { $0 != k }.map { s[$0] }.max()!
            return (predicted, s[k] - others)
        }
        switch r.pool {
        case .mean:
            var z = [Rational](repeating: .zero, count: x[0].count)
            for token in x { z = add(z, token) }
            let (p, m) = decide(z.map { $0.divided(by: x.count) })
            return Outcome(predicted: p, margin: m, pass: p == sequence.label)
        case .first, .last:
            let (p, m) = decide(r.pool == .first ? x[0] : x[x.count - 1])
            return Outcome(predicted: p, margin: m, pass: p == sequence.label)
        case .every:
            let decisions = x.map(decide)
            let p = decisions.allSatisfy { $0.0 == decisions[0].0 } ? decisions[0].0 : nil
            let margins = decisions.compactMap(\.1)
            return Outcome(predicted: p, margin: margins.count == x.count ? margins.min() : nil,
                           pass: decisions.allSatisfy { $0.0 == sequence.label })
        }
    }

    private static func score(_ s: AttentionScore, _ a: [Rational], _ b: [Rational]) -> Rational {
        switch s {
        case .uniform: return .zero
        case .queryKey(let q, let k): return dot(apply(q, a), apply(k, b))
        case .bilinear(let m): return dot(a, apply(m, b))
        }
    }

    static func apply(_ m: Matrix, _ x: [Rational]) -> [Rational] {
        (0..<m.rows).map { r in dot(m.row(r), x) }
    }

    static func dot(_ a: [Rational], _ b: [Rational]) -> Rational {
        precondition(a.count == b.count)
        var s = Rational.zero
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func add(_ a: [Rational], _ b: [Rational]) -> [Rational] { zip(a, b).map { $0 + $1 } }

    static func scale(_ r: Rational, _ a: [Rational]) -> [Rational] { a.map { r * $0 } }
}
