import HardmaxFormat
import HardmaxModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `hardmax` command line. `run` parses, dispatches and maps every error to one message and an
/// exit status; only `main` touches the process.
public enum HardmaxCommandLine {
    /// Exit status (SPEC section 9).
    public enum ExitStatus: Int32 {
        case pass = 0
        case verdictNotPass = 1
        case unusableInput = 2
    }

    /// Runs the process's arguments and exits. SIGINT, SIGTERM and SIGHUP remove any output file being
    /// written (its temporary file) and exit with 130, 143 or 129: never a partial output or a stray file.
    public static func main() {
        TemporaryFiles.removeOnInterrupt()
        let status = run(Array(CommandLine.arguments.dropFirst()), console: .standard)
        exit(status.rawValue)
    }

    /// Runs one invocation. Never traps on user input: every error becomes a message on `console.err`
    /// and exit status 2.
    public static func run(_ arguments: [String], console: Console) -> ExitStatus {
        do {
            return try dispatch(arguments, console: console)
        } catch let error as UsageError {
            let helpHint = error.command.map { "hardmax help \($0)" } ?? "hardmax --help"
            console.err("hardmax: error: \(error.message)\nSee '\(helpHint)'.\n")
        } catch let error as InputError {
            console.err("\(error.description)\n")
        } catch {
            console.err("hardmax: error: \(error)\n")
        }
        return .unusableInput
    }

    private static func dispatch(_ arguments: [String], console: Console) throws -> ExitStatus {
        guard let first = arguments.first else {
            console.out(Help.topLevel())
            return .unusableInput
        }
        switch first {
        case "-h", "--help":
            console.out(Help.topLevel())
            return .pass
        case "--version":
            console.line("hardmax \(Commands.version)")
            return .pass
        case "help":
            guard arguments.count > 1 else {
                console.out(Help.topLevel())
                return .pass
            }
            guard let command = Commands.named(arguments[1]) else {
                throw UsageError(message: "no subcommand '\(arguments[1])'")
            }
            console.out(Help.of(command))
            return .pass
        default:
            break
        }
        guard let spec = Commands.named(first) else {
            let nearest = first.utf8.count > 100 ? nil
                : Commands.all.map(\.name).min { editDistance(first, $0) < editDistance(first, $1) }
            var message = "unknown subcommand '\(first)'"
            if let nearest, editDistance(first, nearest) <= 2 { message += "; did you mean '\(nearest)'?" }
            throw UsageError(message: message)
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("-h") || rest.contains("--help") {
            console.out(Help.of(spec))
            return .pass
        }
        let parsed = try spec.parse(rest)
        switch spec.name {
        case "verify": return try VerifyCommand.run(parsed, console: console)
        case "check": return try CheckCommand.run(parsed, console: console)
        case "merge": return try MergeCommand.run(parsed, console: console)
        case "inspect": return try InspectCommand.run(parsed, console: console)
        case "construct": return try ConstructCommand.run(parsed, console: console)
        case "demo": return try DemoCommand.run(parsed, console: console)
        case "cluster": return try ClusterCommand.run(parsed, console: console)
        case "convert": return try ConvertCommand.run(parsed, console: console)
        default: throw UsageError(message: "unknown subcommand '\(first)'")
        }
    }
}
