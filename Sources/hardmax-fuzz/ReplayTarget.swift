import Exact
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// Differential fuzzing of the trusted kernel: random valid models (every layer kind, causal masks,
/// residuals 0, 1/2, -1, positions, every pool) over entries with many ties, written as model-file
/// text, sometimes with a number replaced by an interesting one, then read and replayed on a random
/// dataset with the plain replay and with the shortcuts: both must give the same verification (or
/// both a clean error).
enum ReplayTarget {
    static let entries = ["0", "0", "0", "1", "1", "-1", "2", "1/2", "-1/3", "3", "-2"]
    static let values = ["0", "1", "-1", "2", "1/2", "0", "1"]

    static func target() -> FuzzTarget {
        let mutator = Mutator(kind: .text, dictionary: ReaderTargets.textDictionary)
        return FuzzTarget(name: "replay", calls: "random valid models: ModelReader, then plain replay vs shortcuts",
                          seeds: [Seed(name: "generated", file: "model.json", bytes: [])], mutator: mutator,
                          inputs: { $0 }, generate: { index, rng in
            if let hostile = hostileShape(index, &rng) { return hostile }
            var model = Array(randomModel(&rng).utf8)
            var input = FuzzInput(bytes: model, seed: Seed(name: "generated", file: "model.json", bytes: model),
                                  steps: ["generated"])
            if rng.chance(30) {
                mutator.mutate(&input, rng: &rng, only: 6)  // replace a number
                model = input.bytes
            }
            // The dataset travels after a NUL byte.
            input.bytes = model + [0] + Array(randomDataset(&rng, model: input.seed.bytes).utf8)
            return input
        }) { input in
            let parts = input.bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
            if let shape = input.hostile {
                return try replayHostile(shape, model: Array(parts[0]), data: Array(parts.count > 1 ? parts[1] : []))
            }
            return try outcome {
                let model = try ModelReader.read(bytes: Array(parts[0]), file: "model.json")
                let data = try DatasetReader.read(.contents([("data.jsonl", Array(parts.count > 1 ? parts[1] : []))])).dataset
                guard data.dimension == model.dimension else { return }
                try ReaderTargets.replayBothWays(model, on: data)
            }
        }
    }

    /// Of every 800 inputs, one is a deep chain of big-denominator layers and one a long sequence of
    /// distinct big tokens (``HostileShapes``; each takes up to a few hundred milliseconds, 500 times a
    /// random model's); chosen by index, so the other inputs stay as they were.
    static func hostileShape(_ index: Int, _ rng: inout SplitMix64) -> FuzzInput? {
        let shape: HostileShapes.Shape
        switch index % 800 {
        case 150: shape = HostileShapes.chain(&rng)
        case 550: shape = HostileShapes.bigTokens(&rng)
        default: return nil
        }
        let model = Array(shape.model.utf8)
        return FuzzInput(bytes: model + [0] + Array(shape.data.utf8),
                         seed: Seed(name: shape.kind.rawValue, file: "model.json", bytes: model),
                         steps: [shape.description], hostile: shape)
    }

    /// A hostile shape must read as the shape it claims to be (``HostileShapes/Shape/check(model:data:)``),
    /// and each replay must verify or be refused up front by the work estimate (or stop at the bit
    /// limit); many big tokens must replay on the fast path. Refused both ways counts as a rejection; a
    /// replay past the time bound fails in the runner.
    static func replayHostile(_ shape: HostileShapes.Shape, model bytes: [UInt8], data: [UInt8]) throws -> Outcome {
        let model: Model, dataset: Dataset
        do {
            model = try ModelReader.read(bytes: bytes, file: "model.json")
            dataset = try DatasetReader.read(.contents([("data.jsonl", data)])).dataset
        } catch {
            throw FuzzFailure("a generated hostile shape does not read: \(error)")
        }
        try shape.check(model: model, data: dataset)
        let bigTokens = shape.kind == .bigTokens
        let (plain, fast) = try ReaderTargets.replays(model, on: dataset)
        var refusals: [String] = []
        for (path, result) in [("plain replay", plain), ("shortcuts", fast)] {
            guard case .failure(let error) = result else { continue }
            guard case .rejected(let message) = try clean(error),
                  message.contains("--max-work") || message.contains("--max-bits") else {
                throw FuzzFailure("\(path): neither verified nor refused by the work estimate or the bit limit: \(error)")
            }
            if bigTokens && path == "shortcuts" {
                throw FuzzFailure("many distinct big tokens: the shortcuts refused a linear-time replay: \(message)")
            }
            refusals.append("\(path): \(message)")
        }
        return refusals.count == 2 ? .rejected(refusals[0]) : .accepted
    }

    private static func matrix(_ rows: Int, _ columns: Int, _ rng: inout SplitMix64) -> String {
        "[" + (0..<rows).map { _ in "[" + (0..<columns).map { _ in "\"\(rng.pick(entries))\"" }.joined(separator: ", ") + "]" }
            .joined(separator: ", ") + "]"
    }

    private static func vector(_ n: Int, _ rng: inout SplitMix64) -> String {
        "[" + (0..<n).map { _ in "\"\(rng.pick(entries))\"" }.joined(separator: ", ") + "]"
    }

    /// A model over dimension 1...3 (its first line holds the dimension, for the dataset).
    static func randomModel(_ rng: inout SplitMix64) -> String {
        let d = 1 + rng.below(3)
        let positions = rng.chance(25)
        var w = d + (positions ? 1 : 0)
        var layers: [String] = []
        for _ in 0..<rng.below(5) {
            switch rng.below(3) {
            case 0:
                let heads = (0..<(1 + rng.below(2))).map { _ -> String in
                    let value = "\"value\": \(matrix(w, w, &rng))"
                    switch rng.below(3) {
                    case 0:
                        let k = 1 + rng.below(3)
                        return "{\"query\": \(matrix(k, w, &rng)), \"key\": \(matrix(k, w, &rng)), \(value)}"
                    case 1: return "{\"bilinear\": \(matrix(w, w, &rng)), \(value)}"
                    default: return "{\(value)}"
                    }
                }
                let residual = rng.pick(["1", "1", "1/2", "0", "-1"])
                let mask = rng.chance(30) ? "causal" : "none"
                layers.append("{\"type\": \"attention\", \"heads\": [\(heads.joined(separator: ", "))], "
                              + "\"residual\": \"\(residual)\", \"mask\": \"\(mask)\"}")
            case 1:
                let m = 1 + rng.below(4)
                let residual = rng.pick(["1", "1", "1", "1/2", "0"])
                layers.append("{\"type\": \"feedforward\", \"w1\": \(matrix(m, w, &rng)), \"b1\": \(vector(m, &rng)), "
                              + "\"w2\": \(matrix(w, m, &rng)), \"b2\": \(vector(w, &rng)), \"residual\": \"\(residual)\"}")
            default:
                let next = 1 + rng.below(4)
                layers.append("{\"type\": \"affine\", \"weight\": \(matrix(next, w, &rng)), \"bias\": \(vector(next, &rng))}")
                w = next
            }
        }
        let classes = 1 + rng.below(3)
        let pool = rng.pick(["mean", "mean", "every", "first", "last"])
        return "{\"dimension\": \(d), \"format\": \"hardmax-transformer\", \"version\": 1, "
            + "\"positions\": \"\(positions ? "index" : "none")\",\n \"layers\": [\(layers.joined(separator: ",\n  "))],\n"
            + " \"readout\": {\"pool\": \"\(pool)\", \"classes\": [" + (0..<classes).map { "\"c\($0)\"" }.joined(separator: ", ")
            + "], \"weight\": \(matrix(classes, w, &rng)), \"bias\": \(vector(classes, &rng))}}"
    }

    /// One to five sequences of the model's dimension (read from its text), with repeated tokens.
    static func randomDataset(_ rng: inout SplitMix64, model: [UInt8]) -> String {
        let text = String(decoding: model.prefix(20), as: UTF8.self)
        let d = text.split(separator: " ").dropFirst().first.flatMap { Int($0.dropLast()) } ?? 1
        var lines: [String] = []
        for j in 0..<(1 + rng.below(5)) {
            let n = 1 + rng.below(6)
            var tokens: [String] = []
            for t in 0..<n {
                if t > 0 && rng.chance(30) { tokens.append(tokens[rng.below(t)]); continue }
                tokens.append("[" + (0..<d).map { _ in "\"\(rng.pick(values))\"" }.joined(separator: ", ") + "]")
            }
            let label = rng.chance(85) ? "c\(rng.below(3))" : "z"
            lines.append("{\"id\": \"s\(j)\", \"label\": \"\(label)\", \"tokens\": [\(tokens.joined(separator: ", "))]}")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
