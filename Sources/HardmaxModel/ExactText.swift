/// Labels, class names and ids are compared as exact texts: the same Unicode scalars in the same order.
///
/// Swift's `String ==` (and `String` hashing) treat canonically equivalent texts as equal — "é" (U+00E9)
/// and "e" + U+0301 — which would let a model's class match a label written differently in the file.
extension String {
    /// True when both texts are the same scalar by scalar.
    public func isExactly(_ other: String) -> Bool { unicodeScalars.elementsEqual(other.unicodeScalars) }
}

extension Optional where Wrapped == String {
    /// Both nil, or both texts and exactly the same.
    public func isExactly(_ other: String?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case (let a?, let b?): return a.isExactly(b)
        default: return false
        }
    }
}
