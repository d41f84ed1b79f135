import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxVerifier
@testable import HardmaxKernel

/// A streamed run that keeps fewer rows (``StreamedRows``) reports the same counts, margins, gaps and
/// verdict as one that keeps every row, and writes the same certificate bytes.
@Suite struct StreamedRowsTests {
    @Test func fewerRowsKeptSameVerificationAndCertificate() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var failingSeen = false
        for seed in UInt64(1)...UInt64(30) {
            let (model, _, files) = try RandomCase.modelAndFiles(seed: seed, in: folder)
            let verifier = try Verifier(model: model)
            for batch in [1, 3, 100] {
                let every = try verifier.verify(.files(files), shard: nil, batchSize: batch, rows: .every)
                let failing = try verifier.verify(.files(files), shard: nil, batchSize: batch, rows: .failing)
                let text = try verifier.verify(.files(files), shard: nil, batchSize: batch, rows: .certificateText)
                let (e, f) = (every.verification, failing.verification)
                failingSeen = failingSeen || e.counts.failed > 0
                #expect(e.keepsEveryRow && !f.keepsEveryRow)
                #expect(f.results == e.failures, "seed \(seed), batch \(batch)")
                #expect(f.counts == e.counts && f.minMargin == e.minMargin && f.attentionGaps == e.attentionGaps
                        && f.verdict == e.verdict, "seed \(seed), batch \(batch)")
                #expect(text.verification == f, "seed \(seed), batch \(batch)")
                // The certificate written from rows kept as text is byte for byte the one from every row.
                let model = FileReference(file: "model.json", sha256: String(repeating: "0", count: 64))
                let full = Certificate(verification: e, model: model, datasets: [])
                var bare = Certificate(verification: f, model: model, datasets: [], failuresOnly: true)
                bare.results = []
                #expect(bare.bytes(rows: try #require(text.certificateRows)) == Array(full.text().utf8),
                        "seed \(seed), batch \(batch)")
                #expect(Certificate(verification: f, model: model, datasets: [], failuresOnly: true).text()
                        == Certificate(verification: e, model: model, datasets: [], failuresOnly: true).text())
                // Checked against a recomputation that kept only failing rows, a certificate listing every
                // row is never confirmed; one listing the failing rows is.
                let failuresOnly = Certificate(verification: e, model: model, datasets: [], failuresOnly: true)
                #expect(CertificateComparison.verification(failuresOnly, f) == nil, "seed \(seed)")
                if e.counts.passed > 0 {
                    #expect(CertificateComparison.verification(full, f) != nil, "seed \(seed)")
                }
                #expect(CertificateComparison.verification(full, e) == nil, "seed \(seed)")
            }
        }
        #expect(failingSeen, "the random cases include failing rows")
    }

    /// Joining the verifications of consecutive parts gives the verification of their rows as one part.
    @Test func joiningPartsEqualsTheWhole() throws {
        for seed in UInt64(1)...UInt64(40) {
            var r = RandomCase(seed: seed)
            let model = r.model(dimension: r.int(1...3))
            let data = r.dataset(dimension: model.dimension, classes: model.readout.classes.count)
            let verifier = try Verifier(model: model)
            let whole = try verifier.verify(data)
            let n = data.sequences.count
            let cuts = [0, n / 3, n / 3, (2 * n) / 3, n]   // one part may be empty
            let parts = try zip(cuts, cuts.dropFirst()).map { a, b in
                try verifier.verify(Dataset(dimension: data.dimension, sequences: Array(data.sequences[a..<b])),
                                    numbered: Array(a..<b))
            }
            var joined = Verification(joining: parts, classes: model.readout.classes.count)
            joined.semantics = whole.semantics
            #expect(joined == whole, "seed \(seed)")
        }
    }

    /// Keeping every row as values holds them all, so the bound on tokens held applies to the stream;
    /// keeping failing rows or certificate text does not hold the data, and streams past it.
    @Test func everyRowKeepsTheBoundOnTokensHeld() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var r = RandomCase(seed: 3)
        let model = r.model(dimension: 2)
        let data = r.dataset(dimension: 2, classes: model.readout.classes.count)
        try writeText(jsonLines(data), to: folder + "/d.jsonl")
        let verifier = try Verifier(model: model)
        let limits = InputLimits(tokens: TokenLimits(total: data.tokenCount - 1))
        #expect(throws: InputError.self) {
            try verifier.verify(.files([folder + "/d.jsonl"]), limits: limits, rows: .every)
        }
        for rows in [StreamedRows.failing, .certificateText] {
            let v = try verifier.verify(.files([folder + "/d.jsonl"]), limits: limits, rows: rows).verification
            #expect(v.counts.tokens == data.tokenCount)
        }
    }
}
