import Exact

/// A hardmax transformer as SPEC.md section 4 defines it: an optional position coordinate, a stack of
/// layers, and a linear readout over named classes.
///
/// This is the in-memory form of a model file. It carries no semantics of its own: the kernel's
/// `Semantics` (HardmaxKernel) is the one place that says what a model computes. A model built in memory may be malformed;
/// the kernel's `checkWellFormed()` is the one definition of well formed, applied by the reader and by
/// every verification.
public struct Model: Sendable, Equatable {
    /// Width of the tokens the model reads (d).
    public var dimension: Int
    public var positions: Positions
    public var layers: [Layer]
    public var readout: Readout
    /// Free-form metadata, kept as written (`{}` when absent).
    public var metadata: JSONValue

    public init(dimension: Int, positions: Positions = .none, layers: [Layer], readout: Readout,
                metadata: JSONValue = .object([])) {
        self.dimension = dimension
        self.positions = positions
        self.layers = layers
        self.readout = readout
        self.metadata = metadata
    }

    /// Width of the tokens after the position coordinate is appended (before the first layer).
    public var inputWidth: Int { positions == .index ? dimension + 1 : dimension }
}

/// `positions`: `"none"` leaves tokens as they are; `"index"` appends the 1-based position t.
public enum Positions: String, Sendable, Equatable {
    case none
    case index
}

/// One layer of the stack. Each reads the whole sequence X and writes Y, every y_i from the same X.
public enum Layer: Sendable, Equatable {
    case attention(Attention)
    case feedforward(FeedForward)
    case affine(Affine)
}

/// Multi-head hardmax attention: y_i = r x_i + sum_h (1/|C_h(i)|) sum_{j in C_h(i)} V_h x_j.
public struct Attention: Sendable, Equatable {
    public var heads: [AttentionHead]
    /// The residual scalar r (default 1).
    public var residual: Rational
    /// When true, token i attends only to tokens 1...i.
    public var causal: Bool

    public init(heads: [AttentionHead], residual: Rational = 1, causal: Bool = false) {
        self.heads = heads
        self.residual = residual
        self.causal = causal
    }
}

public struct AttentionHead: Sendable, Equatable {
    public var score: AttentionScore
    /// V, w x w.
    public var value: Matrix

    public init(score: AttentionScore, value: Matrix) {
        self.score = score
        self.value = value
    }
}

/// How a head scores token j from token i.
public enum AttentionScore: Sendable, Equatable {
    /// All scores 0: every token of J(i) is a maximiser.
    case uniform
    /// s(i, j) = (Q x_i) . (K x_j) with Q, K of size k x w.
    case queryKey(query: Matrix, key: Matrix)
    /// s(i, j) = x_i^T A x_j with A of size w x w.
    case bilinear(Matrix)
}

/// y = r x + W2 relu(W1 x + b1) + b2, with W1 m x w, W2 w x m.
public struct FeedForward: Sendable, Equatable {
    public var w1: Matrix
    public var b1: [Rational]
    public var w2: Matrix
    public var b2: [Rational]
    public var residual: Rational

    public init(w1: Matrix, b1: [Rational], w2: Matrix, b2: [Rational], residual: Rational = 1) {
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
        self.residual = residual
    }

    /// Hidden width m.
    public var hiddenWidth: Int { w1.rows }
}

/// y = M x + c; the width becomes M's row count.
public struct Affine: Sendable, Equatable {
    public var weight: Matrix
    public var bias: [Rational]

    public init(weight: Matrix, bias: [Rational]) {
        self.weight = weight
        self.bias = bias
    }
}

/// Scores s = W z + b over the named classes, where z is the pooled token (or every token).
public struct Readout: Sendable, Equatable {
    public var pool: Pool
    public var classes: [Label]
    /// W, C x w.
    public var weight: Matrix
    /// b, C entries.
    public var bias: [Rational]

    public init(pool: Pool, classes: [Label], weight: Matrix, bias: [Rational]) {
        self.pool = pool
        self.classes = classes
        self.weight = weight
        self.bias = bias
    }
}

public enum Pool: String, Sendable, Equatable {
    case mean
    case first
    case last
    /// Each token is read on its own and all must pass.
    case every
}
