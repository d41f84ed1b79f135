import HardmaxModel
import Exact

/// A named array of exact rationals read from a weight file, stored row-major (C order).
///
/// Invariant: `values.count` is the product of `shape` (1 for a scalar, `shape == []`). Element
/// `(i_0, ..., i_{k-1})` is `values[((i_0 * shape[1] + i_1) * shape[2] + ...) + i_{k-1}]`.
/// Every value is the exact rational of the bit pattern in the file: no rounding ever happens.
///
/// ``tensor`` is the same array without its name, as the model reader's ``TensorResolver`` hands it over.
public struct NamedTensor: Sendable, Equatable {
    public let name: String
    public let shape: [Int]
    /// Row-major.
    public let values: [Rational]

    public init(name: String, shape: [Int], values: [Rational]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "NamedTensor: negative dimension in \(shape)")
        precondition(TensorShape.elementCount(shape) == values.count,
                     "NamedTensor: \(values.count) values for shape \(shape)")
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// Number of dimensions (0 for a scalar).
    public var rank: Int { shape.count }

    /// The unnamed tensor (shares the value storage; O(1)).
    public var tensor: Tensor { Tensor(shape: shape, values: values) }
}
