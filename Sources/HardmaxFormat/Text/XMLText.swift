import HardmaxModel
/// Text for XML 1.0 documents we write (JUnit reports, SVG figures).
public enum XMLText {
    /// Text safe inside attribute values and element content: the five special characters as entities,
    /// tab/newline/carriage return as character references (so attribute values keep them), and the
    /// characters XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF) replaced by U+FFFD.
    /// - Complexity: O(length of `s`).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
