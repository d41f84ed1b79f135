import HardmaxFormat
import HardmaxKernel

/// The `results` rows of a certificate as their text, appended one replayed row at a time: about a
/// hundred bytes a row instead of the row's values, so that a streamed run of millions of sequences
/// can write a certificate with every row (``Certificate/write(to:rows:)``). The text is exactly what
/// ``Certificate/text()`` writes for the same rows.
public struct CertificateRows: Sendable {
    /// Each row preceded by its separator and indentation, in pieces of about `pieceBytes`.
    private var pieces: [[UInt8]] = [[]]
    public private(set) var count = 0
    private static let pieceBytes = 1 << 20

    public init() {}

    /// Appends the rows of `v`, in order (they follow every row appended before).
    public mutating func append(_ v: Verification) {
        precondition(v.keepsEveryRow, "CertificateRows: a verification without its passing rows")
        for r in v.results { append(CertificateRow(r)) }
    }

    mutating func append(_ row: CertificateRow) {
        if pieces[pieces.count - 1].count >= Self.pieceBytes { pieces.append([]) }
        pieces[pieces.count - 1].append(contentsOf: count == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
        JSONWriter.appendIndentation(2, into: &pieces[pieces.count - 1])
        JSONWriter.appendPretty(row.json(), indent: 2, into: &pieces[pieces.count - 1])
        count += 1
    }

    /// Appends the value of `results` at nesting level 1: `[]`, or the rows one per line.
    func appendArray(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        guard count > 0 else { return out.append(UInt8(ascii: "]")) }
        for piece in pieces { out.append(contentsOf: piece) }
        out.append(0x0A)
        JSONWriter.appendIndentation(1, into: &out)
        out.append(UInt8(ascii: "]"))
    }
}
