import Exact
import HardmaxFormat
import HardmaxModel

/// A minimal SVG text builder: elements as lines, attribute values escaped for XML.
struct SVGWriter {
    private(set) var lines: [String] = []

    /// `<name a="v" ...>text</name>` (or `<name .../>` when `text` is nil).
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) {
        var line = "<" + name
        for (key, value) in attributes { line += " \(key)=\"\(XMLText.escape(value))\"" }
        if let text {
            line += ">" + XMLText.escape(text) + "</\(name)>"
        } else {
            line += "/>"
        }
        lines.append(line)
    }

    /// A raw line (an opening or closing tag written by the caller).
    mutating func raw(_ line: String) { lines.append(line) }

    var text: String { lines.joined(separator: "\n") + "\n" }


    /// A pixel coordinate as text with two digits after the point.
    static func px(_ r: Rational) -> String { DecimalText.compact(r, digits: 2) }
}
