import HardmaxModel
/// Shape arithmetic shared by the weight-file readers: element counts without overflow, row-major
/// multi-indices for error messages, and the `[4, 12]` notation used in messages.
enum TensorShape {
    /// Product of the dimensions (1 for `[]`), or nil when it does not fit in `Int`.
    /// A shape with a zero dimension has 0 elements whatever the other dimensions are.
    static func elementCount(_ shape: [Int]) -> Int? {
        if shape.contains(0) { return 0 }
        var product = 1
        for dimension in shape {
            guard dimension > 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            product = next
        }
        return product
    }

    /// `count * size`, or nil on overflow.
    static func byteCount(elements: Int, size: Int) -> Int? {
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: size)
        return overflow ? nil : bytes
    }

    /// The row-major multi-index of flat index `flat` (precondition: `flat` < element count).
    static func multiIndex(of flat: Int, in shape: [Int]) -> [Int] {
        var index = Array(repeating: 0, count: shape.count)
        var rest = flat
        for axis in shape.indices.reversed() {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    /// `[4, 12]`; `[]` for a scalar.
    static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// `element 5 (index [1, 2])`, the phrase every reader uses to point at one element.
    static func describeElement(_ flat: Int, in shape: [Int]) -> String {
        "element \(flat) (index \(describe(multiIndex(of: flat, in: shape))))"
    }
}
