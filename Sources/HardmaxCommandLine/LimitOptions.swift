import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel
import Exact

/// The resource limits every command that reads user files takes: each refuses the input up front with
/// exit status 2 and a message naming the flag that raises it, instead of exhausting memory or time.
enum LimitOptions {
    static let all: [OptionSpec] = fileAndBits + [
        OptionSpec(name: "--max-tokens", valueName: "N", help: "Most tokens in one sequence (default 10^7)."),
        OptionSpec(name: "--max-total-tokens", valueName: "N", help: "Most tokens in all dataset files (default 10^8 for data held in memory and for rows kept for --junit; 2 x 10^8 for the distinct tokens construct keeps; none for what verify and check stream)."),
        work,
        OptionSpec(name: "--max-precision", valueName: "N",
                   help: "Softmax, layernorm and GELU models: the highest precision, in bits, an undecided sequence is replayed at (from 64, doubling; default 4096)."),
    ]

    static let work = OptionSpec(name: "--max-work", valueName: "N",
                                 help: "Most exact operations the whole run may need, estimated up front: all sequences of all files (summed over streamed batches); compiling the model and inspect's ranks are each bounded by N too (default 10^11).")

    static let fileAndBits: [OptionSpec] = [
        OptionSpec(name: "--max-bits", valueName: "N",
                   help: "Largest numerator or denominator, in bits, read or reached in replay (default 2^20)."),
        OptionSpec(name: "--max-file-bytes", valueName: "N", help: "Largest file read (default: 2^30, 1 GiB, for a file read whole; no bound for data files that are streamed)."),
    ]
}

/// The limits of one run, from the command line.
struct RunLimits {
    var input = InputLimits.standard
    var maxWork = VerifierOptions.standard.maxWork
    var maxPrecision = VerifierOptions.standard.maxPrecision

    /// Verifier options with these limits.
    func verifierOptions(plain: Bool = false, jobs: Int) -> VerifierOptions {
        var options = plain ? VerifierOptions.plainOnly : VerifierOptions.standard
        options.jobs = jobs
        options.maxBits = input.maxBits
        options.maxWork = maxWork
        options.maxPrecision = maxPrecision
        return options
    }

    /// A run of `verify`, `check` or `construct` under these limits.
    func run(plain: Bool = false, jobs: Int) -> Run {
        Run(options: verifierOptions(plain: plain, jobs: jobs), limits: input)
    }

    /// The model in `file`, its tensor references resolved from the weight files (each read under
    /// `--max-file-bytes`).
    func model(_ file: String, weights: [String] = []) throws -> Model {
        let store = weights.isEmpty ? nil
            : try TensorStore(contents: weights.map { (file: $0, bytes: try FileIO.read($0, maxBytes: input.maxFileBytes)) })
        return try ModelReader.read(file: file, tensors: store, maxBytes: input.maxFileBytes, limits: input.numbers)
    }

    func dataset(_ files: [String]) throws -> Dataset {
        try DatasetReader.read(.files(files), limits: input).dataset
    }
}

extension ParsedArguments {
    /// The limits given by `--max-bits`, `--max-file-bytes`, `--max-tokens`, `--max-total-tokens` and
    /// `--max-work` (each a whole number, digits or `Ne` for N x 10^e, such as `1e12`).
    func limits(command: String) throws -> RunLimits {
        var limits = RunLimits()
        func read(_ option: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let text = value(option) else { return nil }
            guard let n = Self.wholeNumber(text), range.contains(n) else {
                throw UsageError(message: "\(option) expects a whole number from \(range.lowerBound) to "
                                 + "\(range.upperBound) (digits, or 1e12 for 10^12), got '\(text)'", command: command)
            }
            return n
        }
        if let n = try read("--max-bits", 1...(1 << 40)) { limits.input.maxBits = n }
        if let n = try read("--max-file-bytes", 1...Int.max) {
            limits.input.maxFileBytes = n
            limits.input.maxStreamedFileBytes = n
        }
        if let n = try read("--max-tokens", 1...Int.max) { limits.input.tokens.perSequence = n }
        if let n = try read("--max-total-tokens", 1...Int.max) {
            limits.input.tokens.total = n
            limits.input.maxStreamedTotalTokens = n
        } else if command == "construct" {
            // construct keeps every distinct token of the streamed data (about 80 bytes each at d = 8)
            limits.input.maxStreamedTotalTokens = Self.constructTotalTokens
        }
        if let n = try read("--max-work", 1...Int.max) { limits.maxWork = n }
        if let n = try read("--max-precision", Kernel.startPrecision...Enclosure.maximumPrecision) { limits.maxPrecision = n }
        return limits
    }

    /// The default bound on the tokens `construct` streams and keeps (2 x 10^8).
    static let constructTotalTokens = 200_000_000

    /// `123` or `12e9` (12 x 10^9) as an Int; nil when malformed or too large. No floating point.
    static func wholeNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        guard let mantissaText = parts.first, !mantissaText.isEmpty,
              mantissaText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), var n = Int(mantissaText) else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let e = Int(parts[1]), e <= 18 else { return nil }
            for _ in 0..<e {
                let (p, overflow) = n.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                n = p
            }
        }
        return n
    }
}
