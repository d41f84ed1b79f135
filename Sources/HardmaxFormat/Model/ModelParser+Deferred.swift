import Dispatch
import Exact
import Foundation
import HardmaxModel

extension ModelParser {
    /// A deferred matrix (``MatrixDeferral``) converted straight from the text, in row bands on every
    /// processor when large: each entry is the string's text read as ``JSONValue/rational(path:file:line:column:limits:)``
    /// reads it, so the matrix is the one the general read makes.
    /// - Throws: ``DeferredMatrixRefused`` when a number does not read; the general read then decides,
    ///   and says why.
    static func convert(_ m: MatrixDeferral.Matrix, in text: UnsafeBufferPointer<UInt8>,
                        limits: NumberLimits) throws -> Matrix {
        // At least one row, every row `columns` >= 1 strings (`skipSimpleMatrix`): `count` is what the text
        // holds.
        let rows = m.rowStarts.count, columns = m.columns, count = rows * columns
        let bands = count >= parallelEntries ? min(ProcessInfo.processInfo.activeProcessorCount, rows) : 1
        var refused = [Bool](repeating: false, count: bands)
        let entries = [Rational](unsafeUninitializedCapacity: count) { out, initialized in
            let outBase = out.baseAddress!   // count >= 1
            refused.withUnsafeMutableBufferPointer { refusedBase in
                let flags = refusedBase.baseAddress!
                DispatchQueue.concurrentPerform(iterations: bands) { b in
                    let band = (rows * b / bands)..<(rows * (b + 1) / bands)
                    var k = band.lowerBound * columns
                    for r in band {
                        guard readRow(at: m.rowStarts[r], in: text, columns: columns, limits: limits,
                                      into: outBase, from: &k) else {
                            flags[b] = true
                            break
                        }
                    }
                    let bandEnd = band.upperBound * columns
                    (outBase + k).initialize(repeating: .zero, count: bandEnd - k)
                }
            }
            initialized = count
        }
        guard !refused.contains(true) else { throw DeferredMatrixRefused() }
        return Matrix(rows: rows, columns: columns, entries: entries)
    }

    /// Reads the row at `start` into `out[k...]` (advancing k); false, with nothing more written, when it
    /// does not hold exactly `columns` numbers.
    private static func readRow(at start: Int, in text: UnsafeBufferPointer<UInt8>, columns: Int,
                                limits: NumberLimits, into out: UnsafeMutablePointer<Rational>, from k: inout Int) -> Bool {
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
