import Exact
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

@Suite struct ModelSummaryTests {
    /// Rank by plain rational Gaussian elimination with division (an independent reference).
    func referenceRank(_ m: Matrix) -> Int {
        var a = (0..<m.rows).map { m.row($0) }
        var rank = 0
        for c in 0..<m.columns where rank < m.rows {
            guard let p = (rank..<m.rows).first(where: { !a[$0][c].isZero }) else { continue }
            a.swapAt(rank, p)
            for i in 0..<m.rows where i != rank && !a[i][c].isZero {
                let f = (try? a[i][c] / a[rank][c]) ?? .zero
                for j in 0..<m.columns { a[i][j] -= f * a[rank][j] }
            }
            rank += 1
        }
        return rank
    }

    @Test func handComputedRanks() {
        #expect(ExactRank.of(mat([[1, 0], [0, 1]])) == 2)
        #expect(ExactRank.of(mat([[q(1, 2), q(1, 3)], [3, 2]])) == 1)   // second row is 6 x the first
        #expect(ExactRank.of(mat([[0, 0], [0, 0]])) == 0)
        #expect(ExactRank.of(mat([[0, 1, 2], [0, 2, 4], [1, 0, 0]])) == 2)
        #expect(ExactRank.of(Matrix(zeros: 0, 3)) == 0)
        // Q^T K with Q = [[1, 2]], K = [[3, 1]]: rank 1; k = 2 with independent rows: rank 2.
        #expect(ExactRank.of(ExactRank.product(transposing: mat([[1, 2]]), mat([[3, 1]]))) == 1)
        #expect(ExactRank.of(ExactRank.product(transposing: mat([[1, 0], [0, 1]]), mat([[2, 0], [1, 1]]))) == 2)
    }

    @Test func bareissAgreesWithDivisionOnRandomMatrices() {
        for seed in UInt64(1)...300 {
            var r = RandomCase(seed: seed)
            let rows = r.int(1...5), columns = r.int(1...5)
            let m = r.chance(30) ? r.rankOne(rows, columns) : r.matrix(rows, columns, zeros: r.int(0...70))
            #expect(ExactRank.of(m) == referenceRank(m), "seed \(seed)")
        }
    }

    @Test func layersBlocksAndParameters() {
        let ff = FeedForward(w1: mat([[1, 0], [2, 0]]), b1: [0, 1], w2: mat([[1, 0], [0, 0]]), b2: [0, 0])
        let head = AttentionHead(score: .queryKey(query: mat([[1, 1]]), key: mat([[0, 2]])), value: mat([[0, 0], [1, 0]]))
        let bil = AttentionHead(score: .bilinear(mat([[1, 0], [0, 1]])), value: mat([[1, 0], [0, 1]]))
        let model = Model(dimension: 2, layers: [
            .feedforward(ff), .attention(Attention(heads: [head, bil], causal: true)), .feedforward(ff),
            .affine(Affine(weight: mat([[1, 1]]), bias: [0])),
        ], readout: Readout(pool: .last, classes: ["x", "y"], weight: mat([[1], [0]]), bias: [0, 0]))
        let s = ModelSummary(model)
        #expect(s.census.layerBlocks == [0, 1, 1, nil])
        #expect(s.census.blocks == 2)
        #expect(s.layers[0].hiddenWidth == 2 && s.layers[0].w1Rank == 1)
        #expect(s.layers[1].heads == [
            ModelSummary.Head(score: "query-key", k: 1, scoreRank: 1, valueRank: 1),
            ModelSummary.Head(score: "bilinear", k: nil, scoreRank: 2, valueRank: 2),
        ])
        #expect(s.layers[3].widthIn == 2 && s.layers[3].widthOut == 1)
        // ff: 4 + 2 + 4 + 2 = 12 (non-zero 2 + 1 + 1 = 4); attention: 2 + 2 + 4 + 4 + 4 = 16 (non-zero
        // 2 + 1 + 1 + 2 + 2 = 8); affine 2 + 1 = 3 (2); readout 2 + 2 = 4 (1).
        #expect(s.census.layerParts.map(\.parameters) == [12, 16, 12, 3])
        #expect(s.census.layerParts.map(\.nonZeroParameters) == [4, 8, 4, 2])
        #expect(s.census.readout == ModelCensus.Part(parameters: 4, nonZeroParameters: 1, maxBitLength: 1))
        #expect(s.census.parameters == 12 + 16 + 12 + 3 + 4)
        #expect(s.census.nonZeroParameters == 4 + 8 + 4 + 2 + 1)
        #expect(s.census.maxFeedForwardWidth == 2 && s.census.maxBitLength == 2)
        #expect(s.text.hasPrefix("model: dimension 2, positions none, 4 layers in 2 blocks, readout last over 2 classes\n"))
        #expect(s.text.contains("layer 1  block 1  attention  2 -> 2  head 0: query-key (k = 1), score rank 1, value rank 1; "
                                + "head 1: bilinear, score rank 2, value rank 2; causal"))
    }

    /// A transformer block is one attention layer and the one feedforward after it; a second feedforward
    /// is a block of its own (so the narrow construction's width-1 layers count one block each).
    @Test func secondFeedForwardAfterAttentionIsItsOwnBlock() {
        let ff = FeedForward(w1: mat([[1]]), b1: [0], w2: mat([[1]]), b2: [0])
        let head = AttentionHead(score: .uniform, value: mat([[1]]))
        let model = Model(dimension: 1, layers: [
            .attention(Attention(heads: [head])), .feedforward(ff), .feedforward(ff),
            .attention(Attention(heads: [head])), .attention(Attention(heads: [head])), .feedforward(ff),
        ], readout: Readout(pool: .mean, classes: ["x"], weight: mat([[1]]), bias: [0]))
        let s = ModelSummary(model)
        #expect(s.census.layerBlocks == [0, 0, 1, 2, 3, 3])
        #expect(s.census.blocks == 4)
    }

    @Test(.sharedFiles("models/jv-compact.json", "models/bm-narrow.json"))
    func realModels() throws {
        let p = try ["models/jv-compact.json", "models/bm-narrow.json"].map(sharedFile)
        let jv = ModelSummary(try ModelReader.read(file: p[0]))
        #expect(jv.layers.count == 3 && jv.census.blocks == 2)
        #expect(jv.layers[1].heads.first?.scoreRank == 0 && jv.layers[1].heads.first?.valueRank == 1)
        #expect(jv.layers[2].w1Rank == 1)
        let bm = ModelSummary(try ModelReader.read(file: p[1]))
        #expect(bm.layers.count == 62)
        #expect(bm.layers.allSatisfy { $0.kind != .feedforward || ($0.hiddenWidth == 1 && $0.w1Rank == 1) })
    }
}
