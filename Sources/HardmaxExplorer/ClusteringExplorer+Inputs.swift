import Exact
import HardmaxFormat
import HardmaxModel

extension ClusteringExplorer {
    /// Largest matrix file read (64 MiB).
    public static let maxMatrixFileBytes = 1 << 26

    /// Reads the score matrix A from a JSON file holding an array of rows of exact numbers (JSON
    /// numbers or strings in the SPEC.md section 2 forms), e.g. `[[1, 0], ["1/2", "0x1p-1"]]`.
    ///
    /// - Parameter dimension: the token dimension d; the matrix must be d x d.
    /// - Throws: ``InputError`` naming the file and the JSON path (`[1][0]`) of the first problem:
    ///   unreadable file, malformed JSON, not an array of arrays, a row of the wrong length, a value that
    ///   is not an exact number, or a shape other than d x d.
    public static func readMatrix(file: String, dimension: Int) throws -> Matrix {
        let bytes = try FileIO.read(file, maxBytes: maxMatrixFileBytes)
        let json = try JSONReader.parse(bytes, file: file)
        return try matrix(from: json, dimension: dimension, file: file)
    }

    /// The d x d matrix that `json` (an array of rows) holds; see ``readMatrix(file:dimension:)``.
    public static func matrix(from json: JSONValue, dimension d: Int, file: String? = nil) throws -> Matrix {
        guard let rows = json.arrayElements else {
            throw InputError(file: file, message: "expected the matrix A as an array of \(d) rows, "
                             + "found \(json.kindDescription)")
        }
        if rows.count != d {
            throw InputError(file: file, message: "the matrix A must be \(d) x \(d) (the token dimension), "
                             + "but it has \(rows.count) row\(rows.count == 1 ? "" : "s")")
        }
        var entries: [Rational] = []
        entries.reserveCapacity(d * d)
        for (r, row) in rows.enumerated() {
            guard let values = row.arrayElements else {
                throw InputError(file: file, path: "[\(r)]",
                                 message: "expected a row of \(d) numbers, found \(row.kindDescription)")
            }
            if values.count != d {
                throw InputError(file: file, path: "[\(r)]", message: "the matrix A must be \(d) x \(d) "
                                 + "(the token dimension), but row \(r) has \(values.count) entries")
            }
            for (c, value) in values.enumerated() {
                entries.append(try value.rational(path: "[\(r)][\(c)]", file: file))
            }
        }
        return Matrix(rows: d, columns: d, entries: entries)
    }

    /// The step size alpha from command-line text (any SPEC.md section 2 form: `1`, `1/3`, `0.5`).
    /// - Throws: ``InputError`` when the text is not an exact number or the number is not positive.
    public static func parseAlpha(_ text: String) throws -> Rational {
        let alpha: Rational
        do {
            alpha = try Rational(parsing: text)
        } catch {
            throw InputError(message: "--alpha: expected a positive number such as 1, 1/3 or 0.5, "
                             + "found \"\(text.prefix(40))\"")
        }
        if alpha.signum <= 0 {
            throw InputError(message: "--alpha must be positive, found \(alpha)")
        }
        return alpha
    }
}
