import HardmaxFormat
import HardmaxModel

/// `hardmax convert ARCH --weights FILE... -o MODEL.json`: the architecture with every tensor reference
/// replaced by the exact numbers it names, as a self-contained model file (SPEC sections 4 and 10: an
/// embedding, a position table, factored and biased heads and a value readout are written inline).
enum ConvertCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        guard let output = arguments.value("--output") else {
            throw UsageError(message: "missing -o MODEL (where to write the model)", command: "convert")
        }
        let weights = arguments.all("--weights")
        try OutputPaths.checkDistinct(outputs: [("-o", output)], inputs: [arguments.positionals[0]] + weights,
                                      command: "convert")
        let store = weights.isEmpty ? nil : try TensorStore(files: weights)
        let model = try ModelReader.read(file: arguments.positionals[0], tensors: store)
        try FileIO.writeAtomically(ModelWriter.bytes(model), to: output)
        console.line("wrote \(output): \(model.layers.count) layers, dimension \(model.dimension), "
                     + outputs(model.readout) + ", tensors from \(weights.count) file(s)")
        return .pass
    }

    /// "3 classes", or "1 value" for a value readout.
    private static func outputs(_ readout: Readout) -> String {
        guard let values = readout.values else { return "\(readout.classes.count) classes" }
        return "\(values.names.count) value\(values.names.count == 1 ? "" : "s")"
    }
}
