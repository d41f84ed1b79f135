import Exact
import HardmaxModel

extension ModelParser {
    /// A deferred matrix (``MatrixDeferral``) converted straight from the text, in row bands on every
    /// processor when large: each entry is the string's text read as ``JSONValue/rational(path:file:line:column:limits:)``
    /// reads it, so the matrix is the one the general read makes.
    /// - Throws: ``DeferredMatrixRefused`` when a number does not read; the general read then decides,
    ///   and says why.
    static func convert(_ m: MatrixDeferral.Matrix, in text: UnsafeBufferPointer<UInt8>,
                        limits: NumberLimits) throws -> Matrix {
        // Every row has `columns` strings (`skipSimpleMatrix`): the entries are what the text holds.
        let rows = m.rowStarts.count
        let entries = try entries(rows: rows, columns: m.columns, count: rows * m.columns, rectangular: true) {
            band, out, written in
            for r in band {
                guard readRow(at: m.rowStarts[r], in: text, columns: m.columns, limits: limits, into: out,
                              written: &written) else { throw DeferredMatrixRefused() }
            }
        }
        return Matrix(rows: rows, columns: m.columns, entries: entries)
    }

    /// Reads the row at `start` into `out[k...]` (advancing k); false, with nothing more written, when it
    /// does not hold exactly `columns` numbers.
    private static func readRow(at start: Int, in text: UnsafeBufferPointer<UInt8>, columns: Int,
                                limits: NumberLimits, into out: UnsafeMutablePointer<Rational>,
                                written k: inout Int) -> Bool {
        var i = start + 1, read = 0
        while true {
            while text[i] != UInt8(ascii: "\"") { i += 1 }   // whitespace, then the opening quote
            let open = i + 1
            i = open
            while text[i] != UInt8(ascii: "\"") { i += 1 }
            guard read < columns,
                  let value = try? Rational(parsingUTF8: UnsafeBufferPointer(rebasing: text[open..<i]), limits: limits)
            else { return false }
            (out + k).initialize(to: value)
            k += 1
            read += 1
            i += 1
            while text[i] != UInt8(ascii: ",") && text[i] != UInt8(ascii: "]") { i += 1 }
            if text[i] == UInt8(ascii: "]") { return read == columns }
            i += 1
        }
    }
}

/// A deferred matrix the fast conversion does not take (the general read reports what is wrong).
struct DeferredMatrixRefused: Error {}
