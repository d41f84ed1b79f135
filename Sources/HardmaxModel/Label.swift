/// A label of a sequence or the name of a model class: a text compared as its exact Unicode scalars.
///
/// Swift's `String ==` and `String` hashing treat canonically equivalent texts as equal ("é", U+00E9,
/// and "e" + U+0301). A model's class must match a label only when both are written the same, so
/// labels and class names are this type, never `String`: a `Set<Label>` or `[Label: T]` keys by the
/// scalars, and a label cannot be put into a `Set<String>` by accident.
public struct Label: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The text, exactly as read.
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }

    /// The same scalars in the same order.
    /// (Compared as UTF-8 bytes: UTF-8 encodes each scalar sequence as exactly one byte sequence.)
    public static func == (a: Label, b: Label) -> Bool {
        var x = a.text, y = b.text   // `withUTF8` reads native and small strings in place
        return x.withUTF8 { p in y.withUTF8 { q in p.elementsEqual(q) } }
    }

    public func hash(into hasher: inout Hasher) {
        for scalar in text.unicodeScalars { hasher.combine(scalar.value) }
        hasher.combine(-1)   // ends the sequence, so ("ab") and ("a", "b") hash apart in compounds
    }

    /// Scalar by scalar (a total order consistent with `==`).
    public static func < (a: Label, b: Label) -> Bool {
        a.text.unicodeScalars.lexicographicallyPrecedes(b.text.unicodeScalars) { $0.value < $1.value }
    }

    public var description: String { text }
}
