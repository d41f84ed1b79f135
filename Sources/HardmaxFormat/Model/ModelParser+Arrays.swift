import Dispatch
import Exact
import Foundation
import HardmaxModel

extension ModelParser {
    /// A rectangular matrix written as an array of rows, or a tensor reference `{"tensor": NAME,
    /// "transpose": BOOL}` resolved by `tensors`. Whether its shape fits its layer is the kernel's check.
    /// - Throws: ``InputError`` naming the path of the matrix, row or entry that is wrong.
    func matrix(_ value: JSONValue, _ path: JSONPath) throws -> Matrix {
        if let (deferral, text) = deferred, let m = deferral.take(value) {
            return try Self.convert(m, in: text, limits: limits)
        }
        if value.objectMembers != nil {
            return try tensorMatrix(value, path)
        }
        guard let rowValues = value.arrayElements else {
            throw error(path, "expected a matrix (an array of rows), found \(value.kindDescription)")
        }
        let columns = rowValues.first?.arrayElements?.count ?? 0
        // What the file holds, not what the declared width asks for (it may be absurd).
        let held = rowValues.reduce(0) { $0 + ($1.arrayElements?.count ?? 0) }
        let (rectangular, overflow) = rowValues.count.multipliedReportingOverflow(by: columns)
        let entries = try Self.entries(rows: rowValues.count, columns: columns, count: held,
                                       rectangular: !overflow && held == rectangular) { band, out, written in
            try convert(rowValues, band, columns: columns, into: out, written: &written, path)
        }
        return Matrix(rows: rowValues.count, columns: columns, entries: entries)
    }

    /// The `count` entries of a matrix's `rows` rows, row-major: `fill(band, out, &written)` initializes
    /// the entries of rows `band` from `out` on, counting them in `written`, and throws at a bad row.
    /// With at least ``parallelEntries`` entries and every row of `columns` (`rectangular`), the rows are
    /// filled in one band per processor at once, each band into its own part; the error thrown is the
    /// first band's, so the first in row-major order, as when filled in turn. Each band initializes
    /// exactly its part (zeros after an error), so memory is first touched by the thread that fills it.
    static func entries(rows: Int, columns: Int, count: Int, rectangular: Bool,
                        _ fill: (Range<Int>, UnsafeMutablePointer<Rational>, inout Int) throws -> Void) throws -> [Rational] {
        let bands = rectangular && count >= parallelEntries ? min(ProcessInfo.processInfo.activeProcessorCount, rows) : 1
        var failures = [Error?](repeating: nil, count: bands)
        let entries = [Rational](unsafeUninitializedCapacity: max(count, 1)) { out, initialized in
            let outBase = out.baseAddress!   // capacity >= 1
            failures.withUnsafeMutableBufferPointer { failure in
                let failureBase = failure.baseAddress!  // bands >= 1
                DispatchQueue.concurrentPerform(iterations: bands) { b in
                    let band = (rows * b / bands)..<(rows * (b + 1) / bands)
                    let part = bands == 1 ? 0..<max(count, 1) : (band.lowerBound * columns)..<(band.upperBound * columns)
                    var written = 0
                    do {
                        try fill(band, outBase + part.lowerBound, &written)
                    } catch {
                        failureBase[b] = error
                    }
                    (outBase + part.lowerBound + written).initialize(repeating: .zero, count: part.count - written)
                }
            }
            initialized = max(count, 1)
        }
        if let first = failures.lazy.compactMap({ $0 }).first { throw first }
        return count == 0 ? [] : entries
    }

    /// Matrices with at least this many entries are converted on every processor.
    static let parallelEntries = 1 << 16

    /// Converts rows `band` of a matrix with `columns` columns (as row 0) into consecutive entries at `out`.
    /// Initializes entries from `out` on, counting them in `written` (also when it throws).
    /// - Precondition: `out` has room for `band.count * columns` entries when every row has `columns`.
    private func convert(_ rowValues: [JSONValue], _ band: Range<Int>, columns: Int,
                         into out: UnsafeMutablePointer<Rational>, written k: inout Int, _ path: JSONPath) throws {
        for r in band {
            let rowValue = rowValues[r], rowPath = path.index(r)
            guard let items = rowValue.arrayElements else {
                throw error(rowPath, "expected a row (an array of numbers), found \(rowValue.kindDescription)")
            }
            guard items.count == columns else {
                throw error(rowPath, "expected \(columns) \(columns == 1 ? "column" : "columns") (as row 0: a matrix "
                            + "is rectangular), found \(items.count)")
            }
            for (c, item) in items.enumerated() {
                (out + k).initialize(to: try number(item, rowPath.index(c)))
                k += 1
            }
        }
    }

    /// A vector written as an array of numbers or a tensor reference; nil when absent (the caller's
    /// default is zeros of the length the kernel's check expects).
    func vector(_ value: JSONValue?, _ path: JSONPath) throws -> [Rational]? {
        guard let value else { return nil }
        if value.objectMembers != nil {
            let tensor = try resolve(value, path)
            guard tensor.transpose == false, tensor.columns == nil, tensor.value.shape.count == 1 else {
                throw error(path, "expected a vector from tensor \"\(tensor.name)\" (a 1-D tensor takes no "
                            + "\"transpose\" or \"columns\"), found shape \(tensor.value.shape)"
                            + (tensor.transpose ? " transposed" : "") + (tensor.columns != nil ? " with columns" : ""))
            }
            let n = tensor.value.values.count
            let rows = try slice(tensor.rows, within: n, "rows", name: tensor.name, path)
            tensorNotes.byPath[path.description] = " (tensor \"\(tensor.name)\"\(Self.note(rows, nil, n, 1)))"
            return Array(tensor.value.values[rows])
        }
        guard let items = value.arrayElements else {
            throw error(path, "expected a vector (an array of numbers), found \(value.kindDescription)")
        }
        return try items.enumerated().map { try number($1, path.index($0)) }
    }

    // MARK: Tensor references

    /// A 2-D tensor, transposed when asked, then its `rows` and `columns` ranges (SPEC.md section 10).
    private func tensorMatrix(_ value: JSONValue, _ path: JSONPath) throws -> Matrix {
        let reference = try resolve(value, path)
        let (name, transpose, tensor) = (reference.name, reference.transpose, reference.value)
        guard tensor.shape.count == 2 else {
            throw error(path, "expected a matrix (2 dimensions) from tensor \"\(name)\", found shape \(tensor.shape)")
        }
        let (r, c) = transpose ? (tensor.shape[1], tensor.shape[0]) : (tensor.shape[0], tensor.shape[1])
        let rows = try slice(reference.rows, within: r, "rows", name: name, path)
        let columns = try slice(reference.columns, within: c, "columns", name: name, path)
        tensorNotes.byPath[path.description] = " (tensor \"\(name)\"\(transpose ? " transposed" : "")"
            + Self.note(rows, columns, r, c) + ")"
        var entries: [Rational] = []
        entries.reserveCapacity(rows.count * columns.count)
        for i in rows {
            for j in columns { entries.append(transpose ? tensor.values[j * r + i] : tensor.values[i * c + j]) }
        }
        return Matrix(rows: rows.count, columns: columns.count, entries: entries)
    }

    /// `[a, b]` as a half-open range within 0..<count (the whole range when absent).
    private func slice(_ bounds: [Int]?, within count: Int, _ key: String, name: String,
                       _ path: JSONPath) throws -> Range<Int> {
        guard let bounds else { return 0..<count }
        guard bounds.count == 2, bounds[0] < bounds[1], bounds[1] <= count else {
            throw error(path.key(key), "expected [a, b] with 0 <= a < b <= \(count) (the \(key) of tensor \"\(name)\"), "
                        + "found \(bounds)")
        }
        return bounds[0]..<bounds[1]
    }

    /// ", rows a..<b" and ", columns c..<d" for the slices that are not whole.
    private static func note(_ rows: Range<Int>, _ columns: Range<Int>?, _ r: Int, _ c: Int) -> String {
        (rows == 0..<r ? "" : ", rows \(rows.lowerBound)..<\(rows.upperBound)")
            + (columns.map { $0 == 0..<c ? "" : ", columns \($0.lowerBound)..<\($0.upperBound)" } ?? "")
    }

    /// Reads `{"tensor": NAME, "transpose": BOOL, "rows": [a, b], "columns": [c, d]}` and asks the
    /// resolver for the tensor.
    private func resolve(_ value: JSONValue, _ path: JSONPath) throws
        -> (name: String, transpose: Bool, rows: [Int]?, columns: [Int]?, value: Tensor)
    {
        let fields = try JSONObjectFields(value, path: path, file: file, what: "a tensor reference",
                                          allowed: ["tensor", "transpose", "rows", "columns"])
        let name = try fields.required("tensor", .string(as: "a tensor name"))
        let transpose = try fields.optional("transpose", .bool) ?? false
        let rows = try fields.optional("rows", .array(of: .count))
        let columns = try fields.optional("columns", .array(of: .count))
        guard let tensors else {
            throw error(path, "tensor \"\(name)\" is referenced, but no weights file was given (--weights FILE)")
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
        return (name, transpose, rows, columns, tensor)
    }
}
