import Exact
@testable import HardmaxFormat
import HardmaxModel

/// Tensors as matrices and vectors, by name: for tests only (the model reader shapes the tensors a
/// model file references itself, with errors that name the JSON path).
extension TensorStore {
    /// The file that holds tensor `name`, or nil.
    func file(of name: String) -> String? {
        tensors.first { $0.tensor.name == name }?.file
    }

    /// The rank-2 tensor `name` as a matrix (rows = shape[0]), or its transpose when `transpose` is
    /// true. The model file applies W as `W x` (out x in): PyTorch `Linear.weight` is already out x in;
    /// kernels stored in x out (JAX/Flax, Keras, or `weight.T` exports) need `transpose`.
    /// - Throws: ``InputError`` when there is no such tensor or it is not rank 2.
    /// - Complexity: O(rows * columns).
    func matrix(named name: String, transpose: Bool = false) throws -> Matrix {
        let tensor = try namedTensor(name)
        guard tensor.rank == 2 else { throw wrongRank(tensor, expected: "a matrix (2 dimensions)") }
        let rows = tensor.shape[0], columns = tensor.shape[1]
        guard transpose else { return Matrix(rows: rows, columns: columns, entries: tensor.values) }
        var entries: [Rational] = []
        entries.reserveCapacity(tensor.values.count)
        for c in 0..<columns {
            for r in 0..<rows { entries.append(tensor.values[r * columns + c]) }
        }
        return Matrix(rows: columns, columns: rows, entries: entries)
    }

    /// The rank-1 tensor `name` as a vector.
    /// - Throws: ``InputError`` when there is no such tensor or it is not rank 1.
    func vector(named name: String) throws -> [Rational] {
        let tensor = try namedTensor(name)
        guard tensor.rank == 1 else { throw wrongRank(tensor, expected: "a vector (1 dimension)") }
        return tensor.values
    }

    private func wrongRank(_ tensor: NamedTensor, expected: String) -> InputError {
        InputError(message: "tensor '\(tensor.name)' (from \(file(of: tensor.name) ?? "?")) has shape "
                   + "\(TensorShape.describe(tensor.shape)), but \(expected) is expected")
    }
}
