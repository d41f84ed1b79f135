import HardmaxModel
/// A path to a value inside a JSON document, written like `layers[3].heads[0].key`.
///
/// Paths name where a malformed model is wrong; ``JSONLocator`` turns one back into a line and column.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    public enum Component: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    /// The document itself (written as the empty string).
    public static let root = JSONPath(components: [])

    public init(components: [Component]) {
        self.components = components
    }

    /// Reads the written form back (`a.b[2].c`). Keys are taken to be free of `.` and `[`, as all keys
    /// of hardmax's own formats are; nil for text that is not such a path.
    public init?(_ text: String) {
        var components: [Component] = []
        var key = ""
        var chars = Substring(text)
        func flushKey() {
            if !key.isEmpty { components.append(.key(key)) }
            key = ""
        }
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case ".":
                flushKey()
            case "[":
                flushKey()
                guard let close = chars.firstIndex(of: "]"), let n = Int(chars[..<close]), n >= 0 else { return nil }
                components.append(.index(n))
                chars = chars[chars.index(after: close)...]
            default:
                key.append(c)
            }
        }
        flushKey()
        self.components = components
    }

    /// This path extended by an object key.
    public func key(_ key: String) -> JSONPath { JSONPath(components: components + [.key(key)]) }

    /// This path extended by an array index.
    public func index(_ index: Int) -> JSONPath { JSONPath(components: components + [.index(index)]) }

    /// `layers[3].heads[0].key`; the root is the empty string.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let k): text += text.isEmpty ? k : "." + k
            case .index(let i): text += "[\(i)]"
            }
        }
        return text
    }
}
