import HardmaxModel
/// Finds where a JSON path's value starts in the source text, so that errors found on the parsed
/// value (such as a malformed model) can still name a line and column.
enum JSONLocator {
    /// 1-based line and column of the value at `path`, or of the deepest enclosing value that exists;
    /// nil if the text does not parse. Meant for error reporting only.
    /// - Complexity: O(bytes) (values before the target are parsed and dropped).
    static func lineColumn(of path: JSONPath, in bytes: [UInt8]) -> (line: Int, column: Int)? {
        bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            var s = JSONScanner(bytes: buffer, start: JSONReader.byteOrderMarkLength(buffer), file: nil,
                                limits: .standard)
            do {
                s.skipWhitespace()
                var found = s.index
                for component in path.components {
                    guard try descend(&s, into: component) else { break }
                    s.skipWhitespace()
                    found = s.index
                }
                return TextPosition.lineColumn(of: found, in: buffer)
            } catch {
                return nil
            }
        }
    }

    /// Moves the cursor from a container's opening bracket to the start of the component's value;
    /// false when the value is not a container or has no such member or element.
    private static func descend(_ s: inout JSONScanner, into component: JSONPath.Component) throws -> Bool {
        switch (component, s.current) {
        case (.key(let key), UInt8(ascii: "{")?):
            s.index += 1
            s.skipWhitespace()
            if s.current == UInt8(ascii: "}") { return false }
            repeat {
                s.skipWhitespace()
                let name = try s.readString()
                s.skipWhitespace()
                try s.expect(UInt8(ascii: ":"), "':'")
                s.skipWhitespace()
                if name == key { return true }
                _ = try s.parseValue(depth: 0)
            } while try s.continueAfterElement(closing: UInt8(ascii: "}"))
            return false
        case (.index(let target), UInt8(ascii: "[")?):
            s.index += 1
            s.skipWhitespace()
            if s.current == UInt8(ascii: "]") { return false }
            var i = 0
            repeat {
                s.skipWhitespace()
                if i == target { return true }
                _ = try s.parseValue(depth: 0)
                i += 1
            } while try s.continueAfterElement(closing: UInt8(ascii: "]"))
            return false
        default:
            return false
        }
    }
}
