import Exact
import HardmaxModel

/// A layer of a softmax model with its weights as ``Interval64``s (SPEC.md sections 4, 10 and 11).
enum Layer64: Sendable {
    case affine(SparseMatrix64, bias: [Interval64])
    case attention(Attention64)
    case feedforward(FeedForward64)
    case layerNorm(Norm64)

    init(_ layer: Layer) {
        switch layer {
        case .affine(let a): self = .affine(SparseMatrix64(a.weight), bias: a.bias.map(Interval64.init))
        case .attention(let a): self = .attention(Attention64(a))
        case .feedforward(let f): self = .feedforward(FeedForward64(f))
        case .layerNorm(let n): self = .layerNorm(Norm64(n))
        }
    }

    /// The layer applied to every position.
    /// - Throws: `EnclosureError` when an operation cannot be enclosed at 64 bits.
    func apply(_ x: Rows64) throws -> Rows64 {
        switch self {
        case .affine(let w, let b): return x.mapped(w, plus: b)
        case .attention(let a): return try a.apply(x)
        case .feedforward(let f): return try f.apply(x)
        case .layerNorm(let n): return try n.apply(x)
        }
    }
}

/// y = gamma * (x - mu) / sqrt(var + epsilon) + beta over each position's coordinates.
struct Norm64: Sendable {
    let gamma: [Interval64]
    let beta: [Interval64]
    let epsilon: Interval64

    init(_ n: LayerNorm) {
        (gamma, beta, epsilon) = (n.gamma.map(Interval64.init), n.beta.map(Interval64.init), Interval64(n.epsilon))
    }

    func apply(_ x: Rows64) throws -> Rows64 {
        let d = x.width
        let share = Interval64(Rational(1).divided(by: d))
        var y = x
        y.irrational = true
        for i in 0..<x.count {
            var sum = Interval64.zero
            for c in 0..<d { sum = sum + x[i, c] }
            let mean = sum * share
            var squares = Interval64.zero
            for c in 0..<d {
                let v = x[i, c] - mean
                y[i, c] = v
                squares = squares + (v * v).nonNegativeSquare
            }
            // One division: 1 / sqrt(var + epsilon), then a product per coordinate.
            let inverse = try Interval64.one / (squares * share + epsilon).squareRoot()
            for c in 0..<d { y[i, c] = y[i, c] * gamma[c] * inverse + beta[c] }
        }
        return y
    }
}

extension Interval64 {
    /// A square v * v with its lower end raised to 0 (v * v of an interval around 0 reaches below).
    var nonNegativeSquare: Interval64 {
        lower.signum >= 0 ? self : Interval64(lower: .zero, upper: Dyadic64.max(upper, .zero))
    }
}

/// y = r x + W2 act(W1 z + b1) + b2, z = LN(x) with a norm.
struct FeedForward64: Sendable {
    let w1: SparseMatrix64, b1: [Interval64]
    let w2: SparseMatrix64, b2: [Interval64]
    let residual: Interval64
    let activation: Activation
    let norm: Norm64?

    init(_ f: FeedForward) {
        (w1, b1, w2, b2) = (SparseMatrix64(f.w1), f.b1.map(Interval64.init), SparseMatrix64(f.w2), f.b2.map(Interval64.init))
        (residual, activation, norm) = (Interval64(f.residual), f.activation, f.norm.map(Norm64.init))
    }

    func apply(_ x: Rows64) throws -> Rows64 {
        let z = try norm?.apply(x) ?? x
        var hidden = z.mapped(w1, plus: b1)
        try hidden.values.withUnsafeMutableBufferPointer { h in
            for k in h.indices { h[k] = try Activation64.apply(activation, h[k]) }
        }
        let out = hidden.mapped(w2, plus: b2)
        var y = Rows64(width: x.width, values: zip(x.values, out.values).map { (residual == .one ? $0 : $0 * residual) + $1 })
        y.irrational = z.irrational || (activation != .relu && hidden.width > 0)
        return y
    }
}

/// relu(t) = max(t, 0); gelu(t) = t (1 + erf(t / sqrt 2)) / 2;
/// gelu_tanh(t) = t (1 + tanh(sqrt(2/pi) (t + 0.044715 t^3))) / 2.
enum Activation64 {
    static let inverseRootTwo = Interval64(try! Enclosure(Rational(1).divided(by: 2)).squareRoot(precision: 128))
    static let rootTwoOverPi = Interval64(try! Enclosure(Rational(2)).divided(by: Enclosure.pi(precision: 128), precision: 128)
        .squareRoot(precision: 128))
    static let cubic = Interval64(Rational(44715).divided(by: 1_000_000))

    static func apply(_ a: Activation, _ t: Interval64) throws -> Interval64 {
        switch a {
        case .relu: return t.relu
        case .gelu: return (t * (Interval64.one + (t * inverseRootTwo).erf())).half
        case .geluTanh: return (t * (Interval64.one + (rootTwoOverPi * (t + t * t * t * cubic)).tanh())).half
        }
    }
}
