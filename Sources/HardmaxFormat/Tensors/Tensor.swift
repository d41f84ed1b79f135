import Exact

/// A named array of exact rationals read from a weight file, stored row-major (C order).
///
/// Invariant: `values.count` is the product of `shape` (1 for a scalar, `shape == []`). Element
/// `(i_0, ..., i_{k-1})` is `values[((i_0 * shape[1] + i_1) * shape[2] + ...) + i_{k-1}]`.
/// Every value is the exact rational of the bit pattern in the file: no rounding ever happens.
public struct Tensor: Sendable, Equatable {
    public let name: String
    public let shape: [Int]
    /// Row-major.
    public let values: [Rational]

    public init(name: String, shape: [Int], values: [Rational]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in \(shape)")
        precondition(TensorShape.elementCount(shape) == values.count,
                     "Tensor: \(values.count) values for shape \(shape)")
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// Number of dimensions (0 for a scalar).
    public var rank: Int { shape.count }
}
