import HardmaxModel
import Exact

extension ModelParser {
    /// A matrix written as an array of rows, or a tensor reference `{"tensor": NAME, "transpose": BOOL}`
    /// resolved by `tensors`. `rows` nil means any count >= 1.
    /// - Throws: ``InputError`` naming the path of the matrix, row or entry that is wrong.
    func matrix(_ value: JSONValue, _ path: JSONPath, rows: Width?, columns: Width) throws -> Matrix {
        if value.objectMembers != nil {
            return try tensorMatrix(value, path, rows: rows, columns: columns)
        }
        guard let rowValues = value.arrayElements else {
            throw error(path, "expected a matrix (an array of rows), found \(value.kindDescription)")
        }
        try checkCount(rowValues.count, rows, path, noun: "row", atLeastOne: "a matrix needs at least one row")
        var entries: [Rational] = []
        // Reserve what the file holds, not what the declared width asks for (it may be absurd).
        entries.reserveCapacity(rowValues.reduce(0) { $0 + ($1.arrayElements?.count ?? 0) })
        for (r, rowValue) in rowValues.enumerated() {
            let rowPath = path.index(r)
            guard let items = rowValue.arrayElements else {
                throw error(rowPath, "expected a row (an array of numbers), found \(rowValue.kindDescription)")
            }
            try checkCount(items.count, columns, rowPath, noun: "column", atLeastOne: "")
            for (c, item) in items.enumerated() { entries.append(try number(item, rowPath.index(c))) }
        }
        return Matrix(rows: rowValues.count, columns: columns.count, entries: entries)
    }

    /// A vector written as an array of numbers or a tensor reference; nil (absent) is zeros.
    func vector(_ value: JSONValue?, _ path: JSONPath, count: Width) throws -> [Rational] {
        guard let value else { return Array(repeating: 0, count: count.count) }
        if value.objectMembers != nil {
            let tensor = try resolve(value, path)
            guard tensor.transpose == false, tensor.value.shape.count == 1 else {
                throw error(path, "expected a vector (shape [\(count.count)]) from tensor \"\(tensor.name)\", "
                            + "found shape \(tensor.value.shape)\(tensor.transpose ? " transposed" : "")")
            }
            try checkCount(tensor.value.shape[0], count, path, noun: "entry", atLeastOne: "")
            return tensor.value.values
        }
        guard let items = value.arrayElements else {
            throw error(path, "expected a vector (an array of numbers), found \(value.kindDescription)")
        }
        try checkCount(items.count, count, path, noun: "entry", atLeastOne: "")
        return try items.enumerated().map { try number($1, path.index($0)) }
    }

    /// Checks `found` against `expected` (or >= 1 when nil) with the message of SPEC-style shape errors:
    /// "expected 12 columns (the width after layers[2] (affine)), found 11".
    private func checkCount(_ found: Int, _ expected: Width?, _ path: JSONPath, noun: String,
                            atLeastOne: String) throws {
        func plural(_ n: Int) -> String {
            n == 1 ? noun : (noun == "entry" ? "entries" : noun + "s")
        }
        if let expected {
            if found != expected.count {
                throw error(path, "expected \(expected.count) \(plural(expected.count)) (\(expected.why)), "
                            + "found \(found)")
            }
        } else if found == 0 {
            throw error(path, atLeastOne.isEmpty ? "expected at least one \(noun), found none" : atLeastOne)
        }
    }

    // MARK: Tensor references

    private func tensorMatrix(_ value: JSONValue, _ path: JSONPath, rows: Width?, columns: Width) throws -> Matrix {
        let (name, transpose, tensor) = try resolve(value, path)
        guard tensor.shape.count == 2 else {
            throw error(path, "expected a matrix (2 dimensions) from tensor \"\(name)\", found shape \(tensor.shape)")
        }
        let (r, c) = transpose ? (tensor.shape[1], tensor.shape[0]) : (tensor.shape[0], tensor.shape[1])
        let note = transpose ? " (tensor \"\(name)\" transposed)" : " (tensor \"\(name)\")"
        do {
            try checkCount(r, rows, path, noun: "row", atLeastOne: "")
            try checkCount(c, columns, path, noun: "column", atLeastOne: "")
        } catch var e as InputError {
            e.message += note
            throw e
        }
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
