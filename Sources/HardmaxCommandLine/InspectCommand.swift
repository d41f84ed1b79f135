import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxAccelerator
import HardmaxKernel

/// `hardmax inspect FILE [--weights FILE]...`: of a model, the embedding and position table, layers,
/// widths, ranks, blocks, heads (factored, biased, scaled), the readout, parameters and non-zeros; of
/// a dataset file (`.jsonl`, `.ts`), its sequences, tokens, symbols and labels.
enum InspectCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        let limits = try arguments.limits(command: "inspect")
        let file = arguments.positionals[0]
        let weights = arguments.all("--weights")
        if (try? DatasetFormat.of(file: file)) != nil {
            guard weights.isEmpty else {
                throw UsageError(message: "--weights is for a model file; '\(file)' is a dataset", command: "inspect")
            }
            console.out(try DatasetSummary(reading: .files([file]), limits: limits.input).text)
            return .pass
        }
        let model = try limits.model(file, weights: weights)
        do {
            try WorkEstimate(ranksOf: model).check(limit: limits.maxWork)
        } catch let e as InputError {
            throw e.inFile(file)
        }
        console.out(ModelSummary(model).text)
        return .pass
    }
}
