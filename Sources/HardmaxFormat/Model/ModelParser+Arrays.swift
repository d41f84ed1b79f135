import HardmaxModel
import Exact

extension ModelParser {
    /// A rectangular matrix written as an array of rows, or a tensor reference `{"tensor": NAME,
    /// "transpose": BOOL}` resolved by `tensors`. Whether its shape fits its layer is the kernel's check.
    /// - Throws: ``InputError`` naming the path of the matrix, row or entry that is wrong.
    func matrix(_ value: JSONValue, _ path: JSONPath) throws -> Matrix {
        if value.objectMembers != nil {
            return try tensorMatrix(value, path)
        }
        guard let rowValues = value.arrayElements else {
            throw error(path, "expected a matrix (an array of rows), found \(value.kindDescription)")
        }
        let columns = rowValues.first?.arrayElements?.count ?? 0
        var entries: [Rational] = []
        // Reserve what the file holds, not what the declared width asks for (it may be absurd).
        entries.reserveCapacity(rowValues.reduce(0) { $0 + ($1.arrayElements?.count ?? 0) })
        for (r, rowValue) in rowValues.enumerated() {
            let rowPath = path.index(r)
            guard let items = rowValue.arrayElements else {
                throw error(rowPath, "expected a row (an array of numbers), found \(rowValue.kindDescription)")
            }
            guard items.count == columns else {
                throw error(rowPath, "expected \(columns) \(columns == 1 ? "column" : "columns") (as row 0: a matrix "
                            + "is rectangular), found \(items.count)")
            }
            for (c, item) in items.enumerated() { entries.append(try number(item, rowPath.index(c))) }
        }
        return Matrix(rows: rowValues.count, columns: columns, entries: entries)
    }

    /// A vector written as an array of numbers or a tensor reference; nil when absent (the caller's
    /// default is zeros of the length the kernel's check expects).
    func vector(_ value: JSONValue?, _ path: JSONPath) throws -> [Rational]? {
        guard let value else { return nil }
        if value.objectMembers != nil {
            let tensor = try resolve(value, path)
            guard tensor.transpose == false, tensor.value.shape.count == 1 else {
                throw error(path, "expected a vector from tensor \"\(tensor.name)\", found shape "
                            + "\(tensor.value.shape)\(tensor.transpose ? " transposed" : "")")
            }
            tensorNotes.byPath[path.description] = " (tensor \"\(tensor.name)\")"
            return tensor.value.values
        }
        guard let items = value.arrayElements else {
            throw error(path, "expected a vector (an array of numbers), found \(value.kindDescription)")
        }
        return try items.enumerated().map { try number($1, path.index($0)) }
    }

    // MARK: Tensor references

    private func tensorMatrix(_ value: JSONValue, _ path: JSONPath) throws -> Matrix {
        let (name, transpose, tensor) = try resolve(value, path)
        guard tensor.shape.count == 2 else {
            throw error(path, "expected a matrix (2 dimensions) from tensor \"\(name)\", found shape \(tensor.shape)")
        }
        let (r, c) = transpose ? (tensor.shape[1], tensor.shape[0]) : (tensor.shape[0], tensor.shape[1])
        tensorNotes.byPath[path.description] = transpose ? " (tensor \"\(name)\" transposed)" : " (tensor \"\(name)\")"
        guard transpose else { return Matrix(rows: r, columns: c, entries: tensor.values) }
        var entries: [Rational] = []
        entries.reserveCapacity(r * c)
        for i in 0..<r {
            for j in 0..<c { entries.append(tensor.values[j * r + i]) }
        }
        return Matrix(rows: r, columns: c, entries: entries)
    }

    /// Reads `{"tensor": NAME, "transpose": BOOL}` and asks the resolver for it.
    private func resolve(_ value: JSONValue, _ path: JSONPath) throws
        -> (name: String, transpose: Bool, value: Tensor)
    {
        let fields = try JSONObjectFields(value, path: path, file: file, what: "a tensor reference",
                                          allowed: ["tensor", "transpose"])
        let name = try fields.required("tensor", .string(as: "a tensor name"))
        let transpose = try fields.optional("transpose", .bool) ?? false
        guard let tensors else {
            throw error(path, "tensor \"\(name)\" is referenced, but no weights file was given")
        }
        let tensor: Tensor
        do {
            tensor = try tensors.tensor(named: name)
        } catch var e as InputError {
            if e.path == nil { e.path = path.description }
            if e.file == nil { e.file = file }
            throw e
        }
        guard tensor.shape.allSatisfy({ $0 >= 0 }),
              tensor.shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) == tensor.values.count
        else {
            throw error(path, "tensor \"\(name)\" has shape \(tensor.shape) but \(tensor.values.count) values")
        }
        return (name, transpose, tensor)
    }
}
