import Exact
import Foundation
import HardmaxCommandLine
import Testing

/// Numbers that grow through the layers count in the work estimate (issue 15 item 2): a chain of
/// affine 2x2 layers with 1/(20000-bit odd) entries grows about 40000 bits a layer, and one with 61-bit
/// denominators about 180; `verify` and `check` refuse such models over many tokens before replaying
/// (exit 2, naming the estimate, the limit and `--max-work`), and a raised limit lets a small instance run.
@Suite("Limits: value growth in the work estimate")
struct ValueGrowthRefusalTests {
    /// `layers` affine 2x2 layers, entry (r, c) of layer l 1/(2^bits - (8 (4 l + 2 r + c) + 1)): odd,
    /// distinct, of `bits` bits; `repeats` copies of the whole chain.
    static func chain(layers: Int, bits: Int, repeats: Int = 1) -> String {
        let top = BigInt(1) << bits
        let rows = (0..<layers).map { l -> String in
            let entry = { (r: Int, c: Int) in "\"1/\(top - BigInt(8 * (4 * l + 2 * r + c) + 1))\"" }
            return "{\"type\": \"affine\", \"weight\": [[\(entry(0, 0)), \(entry(0, 1))], [\(entry(1, 0)), \(entry(1, 1))]], \"bias\": [0, 0]}"
        }
        let all = Array(repeating: rows, count: repeats).flatMap { $0 }
        return "{\"format\": \"hardmax-transformer\", \"version\": 1, \"dimension\": 2, \"layers\": [\(all.joined(separator: ", "))], "
            + "\"readout\": {\"pool\": \"mean\", \"classes\": [\"a\", \"b\"], \"weight\": [[1, 0], [0, 1]], \"bias\": [0, 0]}}"
    }

    static func data(sequences: Int) -> String {
        (0..<sequences).map { "{\"label\": \"a\", \"tokens\": [[\(1 + $0 % 7), 2]]}\n" }.joined()
    }

    static func expectRefused(_ run: Invocation) {
        #expect(run.status == .unusableInput, "\(run.err)")
        #expect(run.err.contains("replaying this model on these sequences needs about"), "\(run.err)")
        #expect(run.err.contains("more than the limit of") && run.err.contains("--max-work N raises it"), "\(run.err)")
    }

    /// 13 layers of 20000-bit denominators over 1024 tokens (the issue's 10^4 tokens would take a day).
    @Test func bigDenominatorChainIsRefusedOverManyTokens() throws {
        let folder = try temporaryFolder()
        try write(Self.chain(layers: 13, bits: 20_000), to: folder + "/model.json")
        try write(Self.data(sequences: 1024), to: folder + "/data.jsonl")
        let run = hardmax("verify", folder + "/model.json", folder + "/data.jsonl")
        Self.expectRefused(run)
        #expect(run.err.contains("numbers of up to"), "\(run.err)")
    }

    /// 2x2 layers with 61-bit denominators, the chain repeated to 3000 layers, over 100 tokens.
    @Test func longChainOfWordDenominatorsIsRefused() throws {
        let folder = try temporaryFolder()
        try write(Self.chain(layers: 1, bits: 61, repeats: 3000), to: folder + "/model.json")
        try write(Self.data(sequences: 100), to: folder + "/data.jsonl")
        Self.expectRefused(hardmax("verify", folder + "/model.json", folder + "/data.jsonl"))
    }

    /// A small instance (3 layers of 2000-bit denominators, one token) runs under a raised limit and is
    /// refused below its estimate; `check` of its certificate shares the estimate.
    @Test func aRaisedLimitLetsASmallInstanceRunAndCheckSharesTheEstimate() throws {
        let folder = try temporaryFolder()
        try write(Self.chain(layers: 3, bits: 2000), to: folder + "/model.json")
        try write(Self.data(sequences: 1), to: folder + "/data.jsonl")
        let certificate = folder + "/model.certificate.json"
        let low = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--max-work", "100")
        #expect(low.status == .unusableInput && low.err.contains("--max-work"), "\(low.err)")
        let run = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--certificate", certificate)
        #expect(run.status == .pass || run.status == .verdictNotPass, "\(run.err)")
        #expect(hardmax("check", certificate).status != .unusableInput)
        Self.expectRefused(hardmax("check", certificate, "--max-work", "1000"))
    }
}
