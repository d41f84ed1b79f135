import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxAccelerator
import HardmaxKernel

/// `hardmax inspect MODEL`: layers, widths, ranks, blocks, parameters, non-zeros.
enum InspectCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        let limits = try arguments.limits(command: "inspect")
        let file = arguments.positionals[0]
        let model = try limits.model(file)
        do {
            try WorkEstimate(ranksOf: model).check(limit: limits.maxWork)
        } catch let e as InputError {
            throw e.inFile(file)
        }
        console.out(ModelSummary(model).text)
        return .pass
    }
}
