import HardmaxModel
extension JSONScanner {
    /// Parses one JSON value at the cursor (after optional whitespace) into a ``JSONValue``.
    ///
    /// `depth` is the nesting depth of the enclosing container (0 at the top level).
    /// - Complexity: O(bytes read); recursion depth at most `limits.maxDepth`.
    mutating func parseValue(depth: Int) throws -> JSONValue {
        skipWhitespace()
        guard let b = current else {
            throw error("expected a value, found \(endName)", at: index)
        }
        switch b {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(string(try scanNumber()))
        default: throw unexpectedValueStart(b)
        }
    }

    /// The error for a byte that cannot start a value, naming the common mistakes.
    func unexpectedValueStart(_ b: UInt8) -> InputError {
        let message: String
        switch b {
        case UInt8(ascii: "N"): message = "NaN is not a number; hardmax reads exact rationals only"
        case UInt8(ascii: "I"): message = "Infinity is not a number; hardmax reads exact rationals only"
        case UInt8(ascii: "+"): message = "a JSON number cannot start with '+'"
        case UInt8(ascii: "."): message = "a JSON number needs a digit before '.'"
        case UInt8(ascii: "/"), UInt8(ascii: "#"): message = "comments are not allowed in JSON"
        case UInt8(ascii: "'"): message = "strings must be in double quotes"
        default: message = "expected a value, found \(TextPosition.describe(b))"
        }
        return error(message, at: index)
    }

    private mutating func enter(_ depth: Int) throws {
        if depth > limits.maxDepth {
            throw error("nesting is deeper than \(limits.maxDepth) levels", at: index)
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        try enter(depth)
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard let b = current else { throw error("expected ',' or ']', found \(endName)", at: index) }
            if b == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            guard b == UInt8(ascii: ",") else {
                throw error("expected ',' or ']' after an array element, found \(TextPosition.describe(b))",
                            at: index)
            }
            let comma = index
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "]") { throw error("trailing comma before ']' is not allowed", at: comma) }
        }
    }

    /// The value of the member `key` of an object at `depth`: parsed, or a deferred matrix's placeholder
    /// (never inside the top-level `metadata`, which is kept as written).
    private mutating func memberValue(_ key: String, depth: Int) throws -> JSONValue {
        guard let deferral = matrixDeferral else { return try parseValue(depth: depth) }
        if depth == 1 && key == "metadata" {
            matrixDeferral = nil
            defer { matrixDeferral = deferral }
            return try parseValue(depth: depth)
        }
        skipWhitespace()
        let start = index
        if deferral.keys.contains(key), let m = skipSimpleMatrix(depth: depth) { return deferral.record(m, at: start) }
        return try parseValue(depth: depth)
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        try enter(depth)
        index += 1
        var members: [JSONMember] = []
        var seen: [String: Int] = [:]  // filled once the object is large enough for linear search to hurt
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw error("expected a string key in double quotes, found \(foundDescription)", at: index)
            }
            let keyOffset = index
            let key = try readString()
            let (line, column) = currentLinePosition(of: keyOffset)
            if let first = firstIndex(of: key, in: members, seen: &seen) {
                let m = members[first]
                throw error("duplicate key \"\(key)\" (first at line \(m.line), column \(m.column))",
                            at: keyOffset)
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after the key \"\(key)\"")
            let value = try memberValue(key, depth: depth)
            members.append(JSONMember(key: key, value: value, line: line, column: column))
            if !seen.isEmpty || members.count == 16 {
                if seen.isEmpty {
                    for (k, m) in members.enumerated() { seen[m.key] = k }
                } else {
                    seen[key] = members.count - 1
                }
            }
            skipWhitespace()
            guard let b = current else { throw error("expected ',' or '}', found \(endName)", at: index) }
            if b == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            guard b == UInt8(ascii: ",") else {
                throw error("expected ',' or '}' after a member, found \(TextPosition.describe(b))", at: index)
            }
            let comma = index
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "}") { throw error("trailing comma before '}' is not allowed", at: comma) }
        }
    }

    private func firstIndex(of key: String, in members: [JSONMember], seen: inout [String: Int]) -> Int? {
        if !seen.isEmpty { return seen[key] }
        return members.firstIndex { $0.key == key }
    }
}

extension JSONScanner {
    /// After an element of an array (`closing` = `]`) or a member of an object (`}`): consumes `,` and
    /// returns true when another element follows, consumes the closing bracket and returns false at the
    /// end. A trailing comma or anything else is an error.
    mutating func continueAfterElement(closing: UInt8) throws -> Bool {
        skipWhitespace()
        let what = closing == UInt8(ascii: "]") ? "an array element" : "a member"
        guard let b = current else {
            throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))' after \(what), found \(endName)",
                        at: index)
        }
        if b == closing {
            index += 1
            return false
        }
        guard b == UInt8(ascii: ",") else {
            throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))' after \(what), "
                        + "found \(TextPosition.describe(b))", at: index)
        }
        let comma = index
        index += 1
        skipWhitespace()
        if current == closing {
            throw error("trailing comma before '\(Character(Unicode.Scalar(closing)))' is not allowed", at: comma)
        }
        return true
    }

    /// Parses the value at the cursor only to describe it in an error ("found an array"); if the value
    /// is itself malformed, that error is thrown instead.
    mutating func describeValue() throws -> String {
        try parseValue(depth: 0).kindDescription
    }
}
