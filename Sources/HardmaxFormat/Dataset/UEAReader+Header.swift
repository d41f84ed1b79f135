import HardmaxModel
extension UEAReader {
    /// One line before `@data` (the text of `range`): a blank or comment line, or a header tag, which
    /// fills `header`; `@data` ends the header.
    mutating func readHeaderLine(_ range: Range<Int>) throws {
        let content = trim(range)
        if content.isEmpty { return }
        let first = bytes[content.lowerBound]
        if first == UInt8(ascii: "#") || first == UInt8(ascii: "%") { return }
        guard first == UInt8(ascii: "@") else {
            throw error("expected a header tag such as @problemName, or @data, before the first case",
                        at: content.lowerBound)
        }
        let parts = words(content)
        let tagRange = parts[0]
        let tag = lowercased((tagRange.lowerBound + 1)..<tagRange.upperBound)
        let arguments = Array(parts.dropFirst())
        if let firstLine = header.seenTags[tag] {
            throw error("repeated header tag \(text(tagRange)) (first on line \(firstLine))", at: tagRange.lowerBound)
        }
        header.seenTags[tag] = lineInFile
        if try readTag(tag, tagRange, arguments) { inData = true }
    }

    /// Applies one header tag; returns true for `@data`.
    private mutating func readTag(_ tag: String, _ tagRange: Range<Int>, _ arguments: [Range<Int>]) throws -> Bool {
        switch tag {
        case "problemname":
            break
        case "timestamps":
            if try boolean(tagRange, arguments) {
                throw error("time stamps are not supported (@timeStamps true); hardmax reads plain value lists",
                            at: arguments[0].lowerBound)
            }
        case "missing":
            _ = try boolean(tagRange, arguments)  // values are checked one by one
        case "univariate":
            header.univariate = try boolean(tagRange, arguments)
        case "dimensions":
            header.dimensions = try positiveInteger(tagRange, arguments)
        case "equallength":
            header.equalLength = try boolean(tagRange, arguments)
        case "serieslength":
            header.seriesLength = try positiveInteger(tagRange, arguments)
        case "classlabel":
            guard let first = arguments.first, ["true", "false"].contains(lowercased(first)) else {
                throw error("expected true or false after \(text(tagRange))", at: arguments.first?.lowerBound
                            ?? tagRange.upperBound)
            }
            guard lowercased(first) == "true" else {
                throw error("regression problems are not supported (@classLabel false); hardmax reads "
                            + "classification problems", at: first.lowerBound)
            }
            header.classLabelDeclared = true
            for word in arguments.dropFirst() {
                let label = Label(text(word))
                if header.classLabels.contains(label) {
                    throw error("class label \"\(label)\" is listed twice in @classLabel", at: word.lowerBound)
                }
                header.classLabels.append(label)
            }
        case "targetlabel":
            throw error("regression targets (@targetLabel) are not supported; hardmax reads classification "
                        + "problems", at: tagRange.lowerBound)
        case "data":
            try checkHeader(tagRange)
            return true
        default:
            throw error("unknown header tag \(text(tagRange)) (known: @problemName @timeStamps @missing "
                        + "@univariate @dimensions @equalLength @seriesLength @classLabel @data)",
                        at: tagRange.lowerBound)
        }
        return false
    }

    /// At `@data`: the header must describe a classification problem, consistently.
    private func checkHeader(_ dataTag: Range<Int>) throws {
        guard header.classLabelDeclared else {
            throw error("no @classLabel true in the header: regression problems are not supported; hardmax "
                        + "reads classification problems", at: dataTag.lowerBound)
        }
        if header.univariate == true, let d = header.dimensions, d != 1 {
            throw error("the header says @univariate true but @dimensions \(d)", at: dataTag.lowerBound)
        }
    }

    private func boolean(_ tagRange: Range<Int>, _ arguments: [Range<Int>]) throws -> Bool {
        guard arguments.count == 1 else {
            throw error("expected true or false after \(text(tagRange))",
                        at: arguments.count > 1 ? arguments[1].lowerBound : tagRange.upperBound)
        }
        switch lowercased(arguments[0]) {
        case "true": return true
        case "false": return false
        default:
            throw error("expected true or false after \(text(tagRange)), found \(text(arguments[0]))",
                        at: arguments[0].lowerBound)
        }
    }

    private func positiveInteger(_ tagRange: Range<Int>, _ arguments: [Range<Int>]) throws -> Int {
        guard arguments.count == 1 else {
            throw error("expected one positive integer after \(text(tagRange))",
                        at: arguments.count > 1 ? arguments[1].lowerBound : tagRange.upperBound)
        }
        let word = arguments[0]
        guard word.count <= 9, word.allSatisfy({ bytes[$0] &- 0x30 < 10 }),
              let value = Int(text(word)), value >= 1 else {
            throw error("expected a positive integer after \(text(tagRange)), found \(text(word))",
                        at: word.lowerBound)
        }
        return value
    }

    /// The text of `range` (invalid UTF-8 shown as U+FFFD; used for tags and messages).
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
