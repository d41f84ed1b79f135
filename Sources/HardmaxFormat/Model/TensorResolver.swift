import HardmaxModel
import Exact

/// A named array of exact numbers from a weights file (safetensors, npy), shape outermost first.
public struct Tensor: Sendable, Equatable {
    public var shape: [Int]
    /// Row-major (C order); `values.count` is the product of `shape`.
    public var values: [Rational]

    public init(shape: [Int], values: [Rational]) {
        self.shape = shape
        self.values = values
    }
}

/// Supplies the tensors that a model file names with `{"tensor": "NAME", "transpose": true}` in place of
/// an inline matrix or vector. The model reader checks shapes; the resolver only finds and decodes.
public protocol TensorResolver {
    /// The tensor called `name`.
    /// - Throws: ``InputError`` when there is no such tensor or it cannot be decoded exactly.
    func tensor(named name: String) throws -> Tensor
}
