import Exact

/// A minimal SVG text builder: elements as lines, attribute values escaped for XML.
struct SVGWriter {
    private(set) var lines: [String] = []

    /// `<name a="v" ...>text</name>` (or `<name .../>` when `text` is nil).
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) {
        var line = "<" + name
        for (key, value) in attributes { line += " \(key)=\"\(Self.escape(value))\"" }
        if let text {
            line += ">" + Self.escape(text) + "</\(name)>"
        } else {
            line += "/>"
        }
        lines.append(line)
    }

    /// A raw line (an opening or closing tag written by the caller).
    mutating func raw(_ line: String) { lines.append(line) }

    var text: String { lines.joined(separator: "\n") + "\n" }

    /// Text safe inside an XML attribute or element: `& < > " '` escaped, characters XML 1.0 cannot
    /// hold (C0 controls other than tab, line feed, carriage return) replaced by U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A pixel coordinate as text with two digits after the point.
    static func px(_ r: Rational) -> String { DecimalText.compact(r, digits: 2) }
}
