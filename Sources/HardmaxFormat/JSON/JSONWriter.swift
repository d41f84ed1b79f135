import Dispatch
import Foundation
import HardmaxModel
/// How ``JSONWriter`` lays out text.
public enum JSONStyle: Sendable, Equatable {
    /// One line: `{"a": [1, 2], "b": "x"}` (what a JSON Lines record uses).
    case compact
    /// Two-space indentation for people to read. Arrays whose elements are all scalars (a matrix row, a
    /// bias), empty containers, and objects of scalars up to `inlineObjectWidth` characters (a
    /// certificate's result row) stay on one line; everything else opens one line per element.
    case pretty
}

/// Writes a ``JSONValue`` as JSON text: keys in the order given, numbers as their lexeme, strings
/// escaped per RFC 8259 (quote, backslash and control characters; everything else, including
/// non-ASCII, left as UTF-8). No trailing newline.
///
/// `JSONReader.parse(write(v, style: s)) == v` for every value whose number lexemes are valid JSON.
public enum JSONWriter {
    /// Widest object (in characters) that `.pretty` keeps on one line.
    public static let inlineObjectWidth = 160

    /// - Complexity: O(size of the output).
    public static func write(_ value: JSONValue, style: JSONStyle) -> String {
        String(decoding: bytes(value, style: style), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes.
    public static func bytes(_ value: JSONValue, style: JSONStyle) -> [UInt8] {
        var out: [UInt8] = []
        switch style {
        case .compact: writeInline(value, into: &out)
        case .pretty: writePretty(value, indent: 0, into: &out)
        }
        return out
    }

    /// Appends `value` as `.pretty` writes it at nesting level `indent` (an element of an array at
    /// level `indent - 1`; the caller writes the line break and indentation before it). For writing a
    /// large array element by element, so that the whole array is never one value in memory.
    public static func appendPretty(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        writePretty(value, indent: indent, into: &out)
    }

    /// Appends two spaces per nesting level, as `.pretty` indents.
    public static func appendIndentation(_ level: Int, into out: inout [UInt8]) {
        appendIndent(level, into: &out)
    }

    private static func writePretty(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .array(let elements) where !staysInline(value):
            out.append(UInt8(ascii: "["))
            forEachPiece(of: elements.count, into: &out) { range, piece in
                for i in range {
                    if i > 0 { piece.append(UInt8(ascii: ",")) }
                    piece.append(0x0A)
                    appendIndent(indent + 1, into: &piece)
                    writePretty(elements[i], indent: indent + 1, into: &piece)
                }
            }
            out.append(0x0A)
            appendIndent(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members) where !staysInline(value):
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
                appendIndent(indent + 1, into: &out)
                appendString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                out.append(0x20)
                writePretty(member.value, indent: indent + 1, into: &out)
            }
            out.append(0x0A)
            appendIndent(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        default:
            writeInline(value, into: &out)
        }
    }

    /// Arrays with at least this many elements are written in pieces on every processor.
    static let parallelElements = 1 << 14

    /// Appends what `write` makes of elements 0..<count, in order: in one piece, or for a large array in
    /// one piece per processor written at once and joined (the same bytes either way).
    private static func forEachPiece(of count: Int, into out: inout [UInt8],
                                     _ write: (Range<Int>, inout [UInt8]) -> Void) {
        let pieces = count >= parallelElements ? ProcessInfo.processInfo.activeProcessorCount : 1
        guard pieces > 1 else { return write(0..<count, &out) }
        var texts = [[UInt8]](repeating: [], count: pieces)
        texts.withUnsafeMutableBufferPointer { texts in
            let base = texts.baseAddress!
            DispatchQueue.concurrentPerform(iterations: pieces) { p in
                write((count * p / pieces)..<(count * (p + 1) / pieces), &base[p])
            }
        }
        for text in texts { out.append(contentsOf: text) }
    }

    /// Whether `.pretty` writes `value` on one line.
    private static func staysInline(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let elements):
            return elements.allSatisfy(isScalar)
        case .object(let members):
            guard members.allSatisfy({ isScalar($0.value) }) else { return false }
            var out: [UInt8] = []
            writeInline(value, into: &out)
            return out.count <= inlineObjectWidth
        default:
            return true
        }
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        default: return true
        }
    }

    private static func writeInline(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let lexeme): out.append(contentsOf: lexeme.utf8)
        case .string(let s): appendString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            forEachPiece(of: elements.count, into: &out) { range, piece in
                for i in range {
                    if i > 0 {
                        piece.append(UInt8(ascii: ","))
                        piece.append(0x20)
                    }
                    writeInline(elements[i], into: &piece)
                }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 {
                    out.append(UInt8(ascii: ","))
                    out.append(0x20)
                }
                appendString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                out.append(0x20)
                writeInline(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func appendIndent(_ level: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    /// `s` as a JSON string literal.
    public static func appendString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(0x5C); out.append(b)
            case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigit(b >> 4))
                out.append(hexDigit(b & 15))
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The lowercase hexadecimal digit of `v` (0...15).
    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10 }
}
