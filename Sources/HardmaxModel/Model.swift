import Exact

/// A hardmax transformer as SPEC.md sections 4 and 10 define it: an optional embedding of symbols, an
/// optional position coordinate or position table, a stack of layers, and a linear readout over named
/// classes or values.
///
/// This is the in-memory form of a model file. It carries no semantics of its own: the kernel's
/// `Semantics` (HardmaxKernel) is the one place that says what a model computes. A model built in memory may be malformed;
/// the kernel's `checkWellFormed()` is the one definition of well formed, applied by the reader and by
/// every verification.
public struct Model: Sendable, Equatable {
    /// Width of the tokens the model reads (d).
    public var dimension: Int
    public var positions: Positions
    /// Symbol tokens become rows of a table (SPEC.md section 10); nil: the model reads vectors.
    public var embedding: Embedding?
    /// P, L x dimension: row t (0-based) is added to token t (SPEC.md section 10). Only with positions
    /// `none`.
    public var positionTable: Matrix?
    public var layers: [Layer]
    public var readout: Readout
    /// How attention weighs the positions (SPEC.md section 11); hardmax by default.
    public var semantics: AttentionSemantics = .hardmax
    /// Free-form metadata, kept as written (`{}` when absent).
    public var metadata: JSONValue

    public init(dimension: Int, positions: Positions = .none, embedding: Embedding? = nil,
                positionTable: Matrix? = nil, layers: [Layer], readout: Readout, metadata: JSONValue = .object([])) {
        self.dimension = dimension
        self.positions = positions
        self.embedding = embedding
        self.positionTable = positionTable
        self.layers = layers
        self.readout = readout
        self.metadata = metadata
    }

    /// True when the model is replayed with enclosures (SPEC.md section 11): softmax attention, or a
    /// layer normalization or GELU anywhere.
    public var needsEnclosures: Bool {
        semantics == .softmax || layers.contains { layer in
            switch layer {
            case .layerNorm: return true
            case .attention(let a): return a.norm != nil
            case .feedforward(let f): return f.norm != nil || f.activation != .relu
            case .affine: return false
            }
        }
    }

    /// Width of the tokens after the position coordinate is appended (before the first layer).
    public var inputWidth: Int { positions == .index ? dimension + 1 : dimension }
}

/// `positions`: `"none"` leaves tokens as they are; `"index"` appends the 1-based position t.
public enum Positions: String, Sendable, Equatable {
    case none
    case index
}

/// `embedding`: symbol v of the vocabulary becomes row v of the table (|V| x dimension).
public struct Embedding: Sendable, Equatable {
    public var vocabulary: [Label]
    public var table: Matrix

    public init(vocabulary: [Label], table: Matrix) {
        self.vocabulary = vocabulary
        self.table = table
    }
}

/// How attention weighs the positions J(i): all maximisers averaged (SPEC.md section 4), or softmax
/// weights of the scaled scores (section 11).
public enum AttentionSemantics: String, Sendable, Equatable {
    case hardmax
    case softmax
}

/// One layer of the stack. Each reads the whole sequence X and writes Y, every y_i from the same X.
public enum Layer: Sendable, Equatable {
    case attention(Attention)
    case feedforward(FeedForward)
    case affine(Affine)
    /// y = gamma * (x - mu) / sqrt(var + epsilon) + beta, per token (SPEC.md section 11).
    case layerNorm(LayerNorm)
}

/// Layer normalization over a token's coordinates: mu their mean, var the mean of (x - mu)^2
/// (PyTorch's biased variance), epsilon > 0.
public struct LayerNorm: Sendable, Equatable {
    public var gamma: [Rational]
    public var beta: [Rational]
    public var epsilon: Rational

    public init(gamma: [Rational], beta: [Rational], epsilon: Rational) {
        (self.gamma, self.beta, self.epsilon) = (gamma, beta, epsilon)
    }
}

/// The nonlinearity of a feedforward layer (SPEC.md section 11): relu(t) = max(t, 0),
/// gelu(t) = t (1 + erf(t / sqrt 2)) / 2, gelu_tanh(t) = t (1 + tanh(sqrt(2/pi) (t + 0.044715 t^3))) / 2.
public enum Activation: String, Sendable, Equatable {
    case relu
    case gelu
    case geluTanh = "gelu_tanh"
}

/// Multi-head hardmax attention: y_i = r x_i + sum_h (1/|C_h(i)|) sum_{j in C_h(i)} V_h x_j.
public struct Attention: Sendable, Equatable {
    public var heads: [AttentionHead]
    /// The residual scalar r (default 1).
    public var residual: Rational
    /// When true, token i attends only to tokens 1...i.
    public var causal: Bool
    /// Pre-norm (SPEC.md section 11): the heads read LN(x), the residual term reads x.
    public var norm: LayerNorm?

    public init(heads: [AttentionHead], residual: Rational = 1, causal: Bool = false, norm: LayerNorm? = nil) {
        self.heads = heads
        self.residual = residual
        self.causal = causal
        self.norm = norm
    }
}

/// One head (SPEC.md sections 4 and 10):
/// s(i, j) = beta (Q x_i + bq) . (K x_j + bk), and the head adds
/// (1/|C(i)|) sum_{j in C(i)} Wo (Wv x_j + bv) + bo to y_i. Biases nil are zeros; `output` nil is the
/// identity (then Wv is w x w).
public struct AttentionHead: Sendable, Equatable {
    public var score: AttentionScore
    /// bq and bk (k entries each); only with query/key scores.
    public var queryBias: [Rational]?
    public var keyBias: [Rational]?
    /// Wv: w x w without `output`, k_v x w with it.
    public var value: Matrix
    /// bv (rows of Wv).
    public var valueBias: [Rational]?
    /// Wo, w x k_v.
    public var output: Matrix?
    /// bo (w entries), added once per head.
    public var outputBias: [Rational]?
    /// beta > 0. It cannot change C(i) under hardmax.
    public var scale: ScoreScale

    public init(score: AttentionScore, queryBias: [Rational]? = nil, keyBias: [Rational]? = nil, value: Matrix,
                valueBias: [Rational]? = nil, output: Matrix? = nil, outputBias: [Rational]? = nil,
                scale: ScoreScale = .rational(1)) {
        (self.score, self.queryBias, self.keyBias) = (score, queryBias, keyBias)
        (self.value, self.valueBias, self.output, self.outputBias, self.scale) = (value, valueBias, output, outputBias, scale)
    }

    /// True when the head uses a field of SPEC.md section 10 (biases, a factored output, a scale).
    public var isFactoredOrBiased: Bool {
        queryBias != nil || keyBias != nil || valueBias != nil || output != nil || outputBias != nil
            || scale != .rational(1)
    }
}

/// The factor beta of a head's scores: a rational, or the square root of one.
public enum ScoreScale: Sendable, Equatable {
    case rational(Rational)
    case squareRoot(Rational)
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

/// y = r x + W2 act(W1 x + b1) + b2, with W1 m x w, W2 w x m (act relu unless stated).
public struct FeedForward: Sendable, Equatable {
    public var w1: Matrix
    public var b1: [Rational]
    public var w2: Matrix
    public var b2: [Rational]
    public var residual: Rational
    /// relu (SPEC.md section 4) unless stated (section 11).
    public var activation: Activation
    /// Pre-norm (SPEC.md section 11): W1 reads LN(x), the residual term reads x.
    public var norm: LayerNorm?

    public init(w1: Matrix, b1: [Rational], w2: Matrix, b2: [Rational], residual: Rational = 1,
                activation: Activation = .relu, norm: LayerNorm? = nil) {
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
        self.residual = residual
        self.activation = activation
        self.norm = norm
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

/// Scores s = W z + b over the named classes, where z is the pooled token (or every token); or, for a
/// value readout (SPEC.md section 10), the predicted values W z + b.
public struct Readout: Sendable, Equatable {
    public var pool: Pool
    /// The class names; empty for a value readout.
    public var classes: [Label]
    /// Set for a value readout: the names of the m values and the tolerance.
    public var values: ValueOutput?
    /// W, C x w (m x w for values).
    public var weight: Matrix
    /// b, C (or m) entries.
    public var bias: [Rational]

    public init(pool: Pool, classes: [Label], weight: Matrix, bias: [Rational]) {
        self.pool = pool
        self.classes = classes
        self.weight = weight
        self.bias = bias
    }

    /// A value readout.
    public init(pool: Pool, values: ValueOutput, weight: Matrix, bias: [Rational]) {
        self.init(pool: pool, classes: [], weight: weight, bias: bias)
        self.values = values
    }
}

/// What a value readout predicts: m named numbers; a read passes iff every one is within `tolerance`
/// of its label.
public struct ValueOutput: Sendable, Equatable {
    public var names: [Label]
    public var tolerance: Rational

    public init(names: [Label], tolerance: Rational = 0) {
        self.names = names
        self.tolerance = tolerance
    }
}

public enum Pool: String, Sendable, Equatable {
    case mean
    case first
    case last
    /// Each token is read on its own and all must pass.
    case every
}
