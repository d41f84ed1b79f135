import HardmaxExplorer
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxAccelerator
import HardmaxKernel

/// `hardmax cluster DATA [--alpha a] [--matrix A.json | --identity] [--layers L] [--sequence J]
/// [--axes I,J] [--model OUT.json] [--svg OUT.svg] [--json OUT.json]`
enum ClusterCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws -> HardmaxCommandLine.ExitStatus {
        let dataFile = arguments.positionals[0]
        if arguments.has("--identity") && arguments.value("--matrix") != nil {
            throw UsageError(message: "--matrix and --identity exclude each other", command: "cluster")
        }
        let limits = try arguments.limits(command: "cluster")
        let dataset = try limits.dataset([dataFile])
        var options = ClusteringOptions()
        options.maxBits = limits.input.maxBits
        if let alpha = arguments.value("--alpha") { options.alpha = try ClusteringExplorer.parseAlpha(alpha) }
        if let matrix = arguments.value("--matrix") {
            options.matrix = try ClusteringExplorer.readMatrix(file: matrix, dimension: dataset.dimension)
        }
        if let layers = arguments.value("--layers") { options.layers = try wholeNumber(layers, "--layers") }
        if let sequence = arguments.value("--sequence") { options.sequence = try wholeNumber(sequence, "--sequence") }
        let axes = try arguments.value("--axes").map(parseAxes)

        // L layers of pairwise scores: refused up front when past --max-work (counted as the plain replay).
        try options.validate(dimension: dataset.dimension, sequenceCount: dataset.sequences.count)
        let explored = options.sequence.map { Dataset(dimension: dataset.dimension, sequences: [dataset.sequences[$0]]) }
        do {
            try WorkEstimate(model: ClusteringExplorer.model(dimension: dataset.dimension, options: options),
                             dataset: explored ?? dataset, shortcuts: []).check(limit: limits.maxWork)
        } catch let e as InputError {
            throw e.inFile(dataFile)
        }
        let report = try ClusteringExplorer.explore(dataset, options: options)
        if let path = arguments.value("--model") {
            try FileIO.writeAtomically(ModelWriter.bytes(report.model), to: path)
            console.err("wrote model \(path)\n")
        }
        if let path = arguments.value("--svg") {
            try FileIO.writeAtomically(Array(report.svg(sequence: options.sequence, axes: axes).utf8), to: path)
            console.err("wrote figure \(path)\n")
        }
        if let path = arguments.value("--json") {
            try FileIO.writeAtomically(Array(report.jsonText().utf8), to: path)
            console.err("wrote trajectory \(path)\n")
        }
        console.out(report.summaryText())
        return .pass
    }

    private static func wholeNumber(_ text: String, _ option: String) throws -> Int {
        guard let value = Int(text), value >= 0 else {
            throw UsageError(message: "\(option) expects a whole number, got '\(text)'", command: "cluster")
        }
        return value
    }

    /// `I,J` (two coordinates) or `J` alone (layer against coordinate J).
    private static func parseAxes(_ text: String) throws -> ClusteringFigureOptions {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        if parts.count == 1, let vertical = parts[0] {
            return ClusteringFigureOptions(horizontal: nil, vertical: vertical)
        }
        if parts.count == 2, let horizontal = parts[0], let vertical = parts[1] {
            return ClusteringFigureOptions(horizontal: horizontal, vertical: vertical)
        }
        throw UsageError(message: "--axes expects I,J (two coordinate numbers) or J, got '\(text)'",
                         command: "cluster")
    }
}
