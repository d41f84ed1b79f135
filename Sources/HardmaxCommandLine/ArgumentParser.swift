/// A small declarative argument parser, in the shape of swift-argument-parser: it parses and decides
/// without I/O; the caller turns a `UsageError` into a message and exit status 2.

/// One `--name VALUE` option or `--name` flag of a command.
struct OptionSpec {
    let name: String
    var short: String? = nil
    /// Placeholder shown in help (`FILE`, `N`); nil for a flag.
    var valueName: String? = nil
    var repeatable = false
    let help: String

    var takesValue: Bool { valueName != nil }
}

/// A subcommand: its positional arguments and options, and the text of its help.
struct CommandSpec {
    let name: String
    let abstract: String
    /// Positional arguments as shown in USAGE, e.g. `MODEL DATA...`.
    let arguments: [(name: String, help: String)]
    let minimumPositionals: Int
    /// nil: any number.
    let maximumPositionals: Int?
    let options: [OptionSpec]
    var discussion: String? = nil

    func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name || $0.short == name }
    }
}

/// What the user typed, sorted out.
struct ParsedArguments {
    var positionals: [String] = []
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    func value(_ option: String) -> String? { values[option]?.last }
    func all(_ option: String) -> [String] { values[option] ?? [] }

    mutating func record(_ spec: OptionSpec, value: String?) {
        if let value { values[spec.name, default: []].append(value) } else { flags.insert(spec.name) }
    }
}

/// The user asked for something the command line does not offer. Exit status 2.
struct UsageError: Error, Equatable {
    let message: String
    /// The command whose help to point at (nil: the top-level help).
    var command: String? = nil
}

extension CommandSpec {
    /// Splits `arguments` into positionals, option values and flags.
    ///
    /// Accepts `--name VALUE`, `--name=VALUE`, `-o VALUE`, and `--` to end options.
    /// - Throws: `UsageError` naming the offending argument (with the nearest option name when the
    ///   user probably mistyped one), a missing value, a repeated single option, or a wrong count of
    ///   positional arguments.
    func parse(_ arguments: [String]) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = option(named: name) else {
                throw UsageError(message: unknownOptionMessage(name), command: self.name)
            }
            if !spec.repeatable, parsed.value(spec.name) != nil || parsed.has(spec.name) {
                throw UsageError(message: "option '\(spec.name)' was given twice", command: self.name)
            }
            if spec.takesValue {
                if let inlineValue {
                    parsed.record(spec, value: inlineValue)
                } else if index < arguments.count {
                    parsed.record(spec, value: arguments[index])
                    index += 1
                } else {
                    throw UsageError(message: "option '\(spec.name)' needs a value (\(spec.valueName ?? "VALUE"))",
                                     command: self.name)
                }
            } else {
                if inlineValue != nil {
                    throw UsageError(message: "option '\(spec.name)' takes no value", command: self.name)
                }
                parsed.record(spec, value: nil)
            }
        }
        if parsed.positionals.count < minimumPositionals {
            let missing = missingArguments(from: parsed.positionals.count)
            throw UsageError(message: "missing \(missing)", command: name)
        }
        if let maximum = maximumPositionals, parsed.positionals.count > maximum {
            throw UsageError(message: "unexpected argument '\(parsed.positionals[maximum])'", command: name)
        }
        return parsed
    }

    private func missingArguments(from position: Int) -> String {
        let names = arguments.map(\.name)
        let remaining = position < names.count ? names[position...] : names.suffix(1)
        return "argument " + remaining.joined(separator: " ")
    }

    private func unknownOptionMessage(_ name: String) -> String {
        // Suggestions cost O(length x option length); a huge argument gets none (and is quoted in part).
        guard name.utf8.count <= 100 else { return "unknown option '\(name.prefix(40))...'" }
        let candidates = options.map(\.name)
        let nearest = candidates.min { editDistance(name, $0) < editDistance(name, $1) }
        if let nearest, editDistance(name, nearest) <= max(2, name.count / 3) {
            return "unknown option '\(name)'; did you mean '\(nearest)'?"
        }
        return "unknown option '\(name)'"
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        previous = current
    }
    return previous[b.count]
}
