import Exact
import HardmaxFormat
import HardmaxModel

/// The parameters of a clustering run: the pure-attention model of Alcalde, Fantuzzi and Zuazua with
/// `layers` identical layers z_i <- (z_i + alpha mean_{C_i} z) / (1 + alpha), where
/// C_i = argmax_j z_i^T A z_j (SPEC.md section 4, a single `bilinear` head).
///
/// The score convention is the model file's: s(i, j) = z_i^T A z_j = <z_i, A z_j>. In the paper's
/// notation <A z_i, z_j> this is the paper's matrix transposed; for a symmetric A the two agree.
public struct ClusteringOptions: Sendable, Equatable {
    /// The step size alpha > 0: residual 1/(1+alpha), value alpha/(1+alpha) I. Default 1.
    public var alpha: Rational
    /// The score matrix A (d x d); nil means the identity.
    public var matrix: Matrix?
    /// Number of layers L, 1 ... ``ClusteringOptions/maxLayers``. Default 30.
    public var layers: Int
    /// The one sequence to explore (0-based in the dataset); nil explores every sequence.
    public var sequence: Int?
    /// The largest numerator or denominator (in bits) a coordinate may reach before the run stops with
    /// an ``InputError``. Default 2^20 bits, SPEC.md section 2.
    public var maxBits: Int

    /// Largest accepted layer count: the trajectory of every layer is kept in memory.
    public static let maxLayers = 10_000

    public init(alpha: Rational = 1, matrix: Matrix? = nil, layers: Int = 30, sequence: Int? = nil,
                maxBits: Int = NumberLimits.standard.maxBits) {
        self.alpha = alpha
        self.matrix = matrix
        self.layers = layers
        self.sequence = sequence
        self.maxBits = maxBits
    }

    /// The residual scalar r = 1/(1+alpha) of every layer.
    public var residual: Rational { Self.unitFraction(over: alpha + 1, times: 1) }

    /// The value scalar v = alpha/(1+alpha) of every layer (V = v I).
    public var valueScale: Rational { Self.unitFraction(over: alpha + 1, times: alpha) }

    /// `times / denominator`; `denominator` is 1 + alpha, which is > 1 once the options are valid.
    private static func unitFraction(over denominator: Rational, times: Rational) -> Rational {
        // 1 + alpha is zero only for alpha = -1, which validate() refuses; fall back to 0 there rather
        // than trap, so that reading these properties on unvalidated options is harmless.
        (try? times / denominator) ?? .zero
    }

    /// Checks the options against a dataset of token dimension `dimension` with `sequenceCount`
    /// sequences.
    /// - Throws: ``InputError``: alpha <= 0, L outside 1 ... maxLayers, a matrix that is not d x d, a
    ///   sequence index out of range, maxBits < 1.
    public func validate(dimension: Int, sequenceCount: Int) throws {
        if alpha.signum <= 0 {
            throw InputError(message: "alpha must be a positive number, found \(alpha)")
        }
        if layers < 1 || layers > Self.maxLayers {
            throw InputError(message: "the number of layers must be between 1 and \(Self.maxLayers), "
                             + "found \(layers)")
        }
        if let matrix, matrix.rows != dimension || matrix.columns != dimension {
            throw InputError(message: "the score matrix A must be \(dimension) x \(dimension) (the token "
                             + "dimension), found \(matrix.rows) x \(matrix.columns)")
        }
        if let sequence, sequence < 0 || sequence >= sequenceCount {
            throw InputError(message: "sequence \(sequence) does not exist: the dataset has "
                             + "\(sequenceCount) sequence\(sequenceCount == 1 ? "" : "s") (numbered from 0)")
        }
        if maxBits < 1 {
            throw InputError(message: "the bit limit must be at least 1, found \(maxBits)")
        }
    }
}
