/// Help text with fixed sections (OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS).
enum Help {
    static func topLevel() -> String {
        var text = """
            OVERVIEW: hardmax \(Commands.version) — construct and verify hardmax-attention transformers
            in exact rational arithmetic, with certificates anyone can re-check.

            USAGE: hardmax <subcommand> [arguments] [options]

            SUBCOMMANDS:

            """
        for command in Commands.all {
            text += "  " + pad(command.name, 12) + command.abstract + "\n"
        }
        text += """

            OPTIONS:
              -h, --help  Show help. 'hardmax help <subcommand>' shows a subcommand's help.
              --version   Show the version.

            Exit status: 0 pass, 1 a verdict other than pass, 2 unusable input or usage.

            """
        return text
    }

    static func of(_ command: CommandSpec) -> String {
        let positional = command.arguments.map(\.name).joined(separator: " ")
        var text = "OVERVIEW: \(command.abstract)\n\n"
        text += "USAGE: hardmax \(command.name)"
        if !positional.isEmpty { text += " \(positional)" }
        if !command.options.isEmpty { text += " [options]" }
        text += "\n"
        if !command.arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for argument in command.arguments { text += "  " + pad(argument.name, 24) + argument.help + "\n" }
        }
        text += "\nOPTIONS:\n"
        for option in command.options {
            var names = option.short.map { "\($0), " } ?? ""
            names += option.name
            if let value = option.valueName { names += " \(value)" }
            text += "  " + pad(names, 24) + option.help + "\n"
        }
        text += "  " + pad("-h, --help", 24) + "Show this help.\n"
        if let discussion = command.discussion { text += "\n" + discussion + "\n" }
        return text
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + "  " : text + String(repeating: " ", count: width - text.count)
    }
}
