import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// The split of a verification into shards (j belongs to shard (j mod K) + 1), and the streamed
/// verification of files, against the verification of the whole data set in memory.
@Suite struct ShardTests {
    @Test func shardTextIsIOverKWithinBounds() {
        #expect(Shard(text: "1/1") == Shard(index: 1, count: 1))
        #expect(Shard(text: "3/4")?.description == "3/4")
        #expect(Shard(text: "1000000/1000000") != nil)
        for bad in ["", "1", "0/4", "5/4", "1/0", "-1/4", "+1/4", " 1/4", "1/4 ", "a/b", "1/2/3", "1//2", "01/2x",
                    "1/1000001", "99999999/99999999", "1.0/2"] {
            #expect(Shard(text: bad) == nil, "'\(bad)' must be refused")
        }
    }

    /// Membership and share sizes against counting by hand: every j in exactly one shard.
    @Test func sharesPartitionTheSequences() {
        for k in 1...7 {
            let shards = (1...k).map { Shard(index: $0, count: k)! }
            for total in 0..<30 {
                for j in 0..<total {
                    #expect(shards.filter { $0.contains(j) }.map(\.index) == [j % k + 1], "j \(j), K \(k)")
                }
                for s in shards {
                    #expect(s.size(ofTotal: total) == (0..<total).filter(s.contains).count, "shard \(s), N \(total)")
                }
            }
        }
    }

    /// Each shard's rows are the whole verification's rows of that shard, with their global numbers;
    /// counts and min margin are taken over the shard alone (recomputed here from the rows).
    @Test(arguments: 1...5)
    func shardRowsAreTheWholeRowsOfTheShard(count k: Int) throws {
        for seed in UInt64(1)...UInt64(40) {
            var r = RandomCase(seed: seed)
            let model = r.model(dimension: r.int(1...3))
            let data = r.dataset(dimension: model.dimension, classes: model.readout.classes.count)
            let verifier = try Verifier(model: model)
            let whole = try verifier.verify(data)
            for i in 1...k {
                let shard = Shard(index: i, count: k)!
                let part = try verifier.verify(data, shard: shard)
                let expected = whole.results.filter { shard.contains($0.index) }
                #expect(part.results == expected, "seed \(seed), shard \(shard)")
                let tokens = data.sequences.indices.filter(shard.contains).reduce(0) { $0 + data.sequences[$1].length }
                #expect(part.counts == VerificationCounts(sequences: expected.count, tokens: tokens,
                                                          classes: model.readout.classes.count,
                                                          passed: expected.filter(\.passed).count,
                                                          failed: expected.filter { !$0.passed }.count),
                        "seed \(seed), shard \(shard)")
                #expect(part.minMargin == expected.compactMap(\.margin).min(), "seed \(seed), shard \(shard)")
                #expect(part.verdict == (expected.allSatisfy(\.passed) ? .pass : .fail), "seed \(seed), shard \(shard)")
            }
        }
    }

    /// Streaming files in small batches (crossing batch and file boundaries, with and without the
    /// pipelined replay) gives exactly the verification of the data set read whole.
    @Test func streamedVerificationEqualsWholeVerification() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for seed in UInt64(1)...UInt64(30) {
            let (model, parts, files) = try RandomCase.modelAndFiles(seed: seed, in: folder)
            let whole = Dataset(dimension: model.dimension, sequences: parts.flatMap(\.sequences))
            for jobs in [1, 2] {
                let verifier = try Verifier(model: model, options: VerifierOptions(jobs: jobs))
                let expected = try verifier.verify(whole)
                for batch in [1, 2, 5, 100] {
                    let streamed = try verifier.verify(.files(files), shard: nil, batchSize: batch)
                    #expect(streamed.verification == expected, "seed \(seed), jobs \(jobs), batch \(batch)")
                    #expect(streamed.sequencesPerFile == parts.map(\.sequences.count), "seed \(seed)")
                    let shard = Shard(index: 2, count: 3)!
                    let streamedShard = try verifier.verify(.files(files), shard: shard, batchSize: batch)
                    #expect(streamedShard.verification == (try verifier.verify(whole, shard: shard)),
                            "seed \(seed), jobs \(jobs), batch \(batch), shard 2/3")
                }
            }
        }
    }

    /// A bit-limit error in a later batch is reported for the lowest-numbered sequence, as without
    /// streaming, and a parse error after it does not hide it.
    @Test func streamedErrorsAreTheFirstInSequenceOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // y = x + relu(x) ... doubled by 20 layers: a token 2^40 needs 60 bits after them.
        let doubling = FeedForward(w1: mat([[1]]), b1: [0], w2: mat([[1]]), b2: [0], residual: .one)
        let model = Model(dimension: 1, layers: Array(repeating: .feedforward(doubling), count: 20),
                          readout: Readout(pool: .mean, classes: ["a", "b"], weight: mat([[1], [-1]]), bias: [0, 0]))
        let big = Rational(BigInt(1) << 40)
        let data = dataset((0..<7).map { j in sequence("a", [[j == 3 || j == 5 ? big : Rational(1)]]) })
        let file = folder + "/data.jsonl"
        try writeText(jsonLines(data) + "{\"label\": \"a\", \"tokens\": [[1, 2]]}\n", to: file)
        for jobs in [1, 2] {
            let verifier = try Verifier(model: model, options: VerifierOptions(jobs: jobs, maxBits: 50))
            for batch in [1, 2, 4] {
                do {
                    _ = try verifier.verify(.files([file]), shard: nil, batchSize: batch)
                    Issue.record("jobs \(jobs), batch \(batch): expected the bit limit error")
                } catch let e as InputError {
                    #expect(e.message.hasPrefix("sequence 3:"), "jobs \(jobs), batch \(batch): \(e.message)")
                }
            }
        }
    }
}

extension Verifier {
    /// The in-memory verification of `shard`'s sequences of `data`, numbered as in `data`.
    func verify(_ data: Dataset, shard: Shard) throws -> Verification {
        let indices = data.sequences.indices.filter(shard.contains)
        return try verify(Dataset(dimension: data.dimension, sequences: indices.map { data.sequences[$0] }),
                          numbered: indices)
    }
}

extension RandomCase {
    /// A random model and two random data files for it in `folder` (named by `seed`), with their data.
    static func modelAndFiles(seed: UInt64, in folder: String) throws -> (Model, [Dataset], [String]) {
        var r = RandomCase(seed: seed)
        let model = r.model(dimension: r.int(1...3))
        let parts = (0..<2).map { _ in r.dataset(dimension: model.dimension, classes: model.readout.classes.count) }
        let files = parts.indices.map { "\(folder)/part\($0)-\(seed).jsonl" }
        for (file, part) in zip(files, parts) { try writeText(jsonLines(part), to: file) }
        return (model, parts, files)
    }
}
