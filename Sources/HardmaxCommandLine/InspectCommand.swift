import HardmaxFormat
import HardmaxVerifier

/// `hardmax inspect MODEL`: layers, widths, ranks, blocks, parameters, non-zeros.
enum InspectCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        let model = try arguments.limits(command: "inspect").model(arguments.positionals[0])
        console.out(ModelSummary(model).text)
        return .pass
    }
}
