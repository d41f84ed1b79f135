import Exact
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxExplorer

/// Hand-computed layers of z_i <- r z_i + v mean_{C_i} z, r = 1/(1+alpha), v = alpha/(1+alpha).
@Suite struct DynamicsTests {
    /// c = (1/2, 1/2) scores 1 against both a = (2, 0) and b = (0, 2) and 1/2 against itself: C = {a, b},
    /// so it moves halfway (alpha = 1) to their mean (1, 1) every layer: c_l = (1 - 2^-(l+1)) (1, 1).
    @Test func tieBetweenTwoMaximisersIsAveraged() throws {
        let report = try ClusteringExplorer.explore(dataset([["2", "0"], ["0", "2"], ["1/2", "1/2"]]),
                                                   options: ClusteringOptions(layers: 3))
        let t = try #require(report.trajectories.first)
        #expect(t.layers.map { $0.pattern.sets } == Array(repeating: [[0], [1], [0, 1]], count: 3))
        #expect(text(t.tokens(after: 1)) == [["2", "0"], ["0", "2"], ["3/4", "3/4"]])
        #expect(text(t.tokens(after: 2)) == [["2", "0"], ["0", "2"], ["7/8", "7/8"]])
        #expect(text(t.finalTokens) == [["2", "0"], ["0", "2"], ["15/16", "15/16"]])
        #expect(t.finalPattern.leaders == [0, 1])
        // The tied token follows the smaller index of its set: it joins token 0's cluster.
        #expect(t.finalPattern.clusters == [
            .init(representative: 0, isLeader: true, members: [0, 2]),
            .init(representative: 1, isLeader: true, members: [1]),
        ])
        #expect(t.patternStableFromLayer == 1)
    }

    /// x = y = (2, 0) are duplicates: each attends to both (score 4), so neither is a leader. w = (1, 1)
    /// scores 2 against all four positions, duplicates included: its mean is (5/4, 3/4), and
    /// w' = (1, 1)/2 + (5/4, 3/4)/2 = (9/8, 7/8).
    @Test func duplicateTokensCountOncePerPosition() throws {
        let report = try ClusteringExplorer.explore(dataset([["2", "0"], ["2", "0"], ["0", "2"], ["1", "1"]]),
                                                   options: ClusteringOptions(layers: 1))
        let t = try #require(report.trajectories.first)
        #expect(t.layers[0].pattern.sets == [[0, 1], [0, 1], [2], [0, 1, 2, 3]])
        #expect(text(t.finalTokens) == [["2", "0"], ["2", "0"], ["0", "2"], ["9/8", "7/8"]])
        #expect(t.finalPattern.leaders == [2])
        #expect(t.finalPattern.clusters == [
            .init(representative: 0, isLeader: false, members: [0, 1, 3]),
            .init(representative: 2, isLeader: true, members: [2]),
        ])
        // x and y only attend to copies of themselves: a repeated leader, not a tie. w's set holds
        // distinct tokens: a tie.
        #expect(t.duplicatedLeader(t.finalPattern.clusters[0]) == [0, 1])
        #expect(t.duplicatedLeader(t.finalPattern.clusters[1]) == nil)
        #expect(t.ties == [ClusteringTie(layer: 1, token: 3)])
    }

    /// A = [[0, 1], [0, 0]]: s(i, j) = z_i^T A z_j = z_i[0] z_j[1] (the model file's convention).
    /// p = (1, 0) maximises z_j[1]: C_p = {r}; q and r have z[0] = 0, all scores 0: C = everything.
    /// (With the transposed convention p would attend to everything instead.)
    @Test func nonSymmetricMatrixUsesModelConvention() throws {
        let a = Matrix(rowArrays: [[0, 1], [0, 0]], columns: 2)
        let report = try ClusteringExplorer.explore(dataset([["1", "0"], ["0", "1"], ["0", "2"]]),
                                                   options: ClusteringOptions(matrix: a, layers: 1))
        let t = try #require(report.trajectories.first)
        #expect(t.layers[0].pattern.sets == [[2], [0, 1, 2], [0, 1, 2]])
        // p' = (1,0)/2 + (0,2)/2; q' = (0,1)/2 + (1/3, 1)/2; r' = (0,2)/2 + (1/3, 1)/2.
        #expect(text(t.finalTokens) == [["1/2", "1"], ["1/6", "1"], ["1/6", "3/2"]])
        // No leader; the chain 0 -> 2 -> 0 is a cycle whose smallest index represents everyone.
        #expect(t.finalPattern.leaders == [])
        #expect(t.duplicatedLeader(t.finalPattern.clusters[0]) == nil)
        #expect(t.finalPattern.clusters == [.init(representative: 0, isLeader: false, members: [0, 1, 2])])
    }

    /// alpha = 1/3: r = 3/4, v = 1/4. d = 1, A = I, s(i, j) = z_i z_j. Tokens 1, 2, -3: the token 1
    /// attends to 2 (score 2 beats 1 and -3), 2 and -3 are leaders. 1 -> 3/4 + 2/4 = 5/4 -> 15/16 + 8/16.
    @Test func fractionalAlphaInOneDimension() throws {
        let report = try ClusteringExplorer.explore(dataset([["1"], ["2"], ["-3"]]),
                                                   options: ClusteringOptions(alpha: q("1/3"), layers: 2))
        #expect(report.options.residual == q("3/4"))
        #expect(report.options.valueScale == q("1/4"))
        let t = try #require(report.trajectories.first)
        #expect(text(t.tokens(after: 1)) == [["5/4"], ["2"], ["-3"]])
        #expect(text(t.finalTokens) == [["23/16"], ["2"], ["-3"]])
        #expect(t.finalPattern.leaders == [1, 2])
        #expect(t.finalPattern.clusters.map(\.members) == [[0, 1], [2]])
        #expect(t.patternStableFromLayer == 1)
        // Bits: 23/16 has a 5-bit numerator and a 5-bit denominator; -3 and 2 have 2-bit numerators.
        #expect(t.maxNumeratorBits == 5)
        #expect(t.maxDenominatorBits == 5)
    }

    /// The cross (+-2, 0), (0, +-2) and the origin: the four arms are leaders (self score 4, others 0
    /// or -4); the origin scores 0 against everyone, attends to all five, and the mean is the origin
    /// itself, so nothing ever moves. The origin's chain goes to token 0.
    @Test func leadersAndClustersOfTheCross() throws {
        let tokens = [["2", "0"], ["-2", "0"], ["0", "2"], ["0", "-2"], ["0", "0"]]
        let report = try ClusteringExplorer.explore(dataset(tokens), options: ClusteringOptions(layers: 4))
        let t = try #require(report.trajectories.first)
        #expect(t.layers.allSatisfy { $0.pattern.sets == [[0], [1], [2], [3], [0, 1, 2, 3, 4]] })
        #expect(text(t.finalTokens) == tokens)
        #expect(t.finalPattern.leaders == [0, 1, 2, 3])
        #expect(t.finalPattern.clusters.map(\.members) == [[0, 4], [1], [2], [3]])
        #expect(t.finalPattern.clusters.allSatisfy { $0.isLeader })
        #expect(t.patternStableFromLayer == 1)
        #expect(t.maxDenominatorBits == 1)
    }

    /// The worked example (alpha = 2, r = 1/3, v = 2/3), checked by hand for three layers.
    /// Layer 1: token 2 = (1, -2) scores 5 against itself and token 0 = (3, -1): C_2 = {0, 2};
    /// tokens 1 and 5 = (-3, 3) score 18 against each other and token 3 = (-4, 2): C = {1, 3, 5}.
    /// After it, z_2 = (1, -2)/3 + (2/3)(2, -3/2) = (5/3, -5/3) and z_0 = (3, -1)/3 + (2/3)(4, 1) = (11/3, 1/3).
    /// Layer 2: z_2.z_2 = 50/9 = z_2.z_0 (and z_2.z_4 = 5): again C_2 = {0, 2}; z_2 -> (7/3, -1),
    /// z_0 -> (35/9, 7/9). Layer 3: z_2.z_4 = 25/3 > z_2.z_0 = 224/27 > z_2.z_2 = 58/9: C_2 = {4},
    /// and the pattern never changes again.
    @Test func workedExampleByHand() throws {
        let report = try ClusteringExplorer.explore(dataset(sequences: [workedExampleTokens]),
                                                   options: ClusteringOptions(alpha: 2, layers: 30))
        let t = try #require(report.trajectories.first)
        #expect(t.layers[0].pattern.sets == [[4], [1, 3, 5], [0, 2], [3], [4], [1, 3, 5], [6], [6]])
        #expect(text(t.tokens(after: 1))[0] == ["11/3", "1/3"])
        #expect(text(t.tokens(after: 1))[2] == ["5/3", "-5/3"])
        #expect(t.layers[1].pattern.sets == [[4], [3], [0, 2], [3], [4], [3], [6], [6]])
        #expect(text(t.tokens(after: 2))[0] == ["35/9", "7/9"])
        #expect(text(t.tokens(after: 2))[2] == ["7/3", "-1"])
        #expect(t.layers[2].pattern.sets == [[4], [3], [4], [3], [4], [3], [6], [6]])
        #expect(t.patternStableFromLayer == 3)
        #expect(t.finalPattern.leaders == [3, 4, 6])
        #expect(t.finalPattern.clusters.map(\.members) == [[1, 3, 5], [0, 2, 4], [6, 7]])
        // Ties between distinct tokens: layer 1 tokens 1, 2, 5 and layer 2 token 2.
        #expect(t.ties.map { [$0.layer, $0.token] } == [[1, 1], [1, 2], [1, 5], [2, 2]])
        // Token 2 is never a leader: exactly, it keeps moving towards leader 4.
        #expect(t.layers.allSatisfy { !$0.pattern.isLeader(2) })
    }

    /// Stabilisation is the first layer from which the pattern stays the same through layer L.
    @Test func stabilisationLayerCountsFromTheEnd() throws {
        // A pattern that changes at layer 2 and again at layer 3 of the worked example is stable from 3;
        // with L = 2 the last change is at layer 2, so it is "stable" from 2 within the horizon.
        let data = dataset(sequences: [workedExampleTokens])
        let two = try ClusteringExplorer.explore(data, options: ClusteringOptions(alpha: 2, layers: 2))
        #expect(two.trajectories[0].patternStableFromLayer == 2)
        let one = try ClusteringExplorer.explore(data, options: ClusteringOptions(alpha: 2, layers: 1))
        #expect(one.trajectories[0].patternStableFromLayer == 1)
    }

    /// Every sequence is explored unless one is chosen; indices are the dataset's.
    @Test func sequenceSelection() throws {
        let data = dataset(sequences: [[[1, 0], [0, 1]], [[2, 2]], [[3, 0], [0, 3], [1, 1]]])
        let all = try ClusteringExplorer.explore(data, options: ClusteringOptions(layers: 2))
        #expect(all.trajectories.map(\.index) == [0, 1, 2])
        let one = try ClusteringExplorer.explore(data, options: ClusteringOptions(layers: 2, sequence: 2))
        #expect(one.trajectories.map(\.index) == [2])
        #expect(one.trajectory(ofSequence: 2) == all.trajectory(ofSequence: 2))
        #expect(one.trajectory(ofSequence: 0) == nil)
    }

    /// The model has L identical single-head bilinear attention layers with r = 1/(1+alpha) and
    /// V = alpha/(1+alpha) I, and is a valid model file.
    @Test func modelShape() throws {
        let a = Matrix(rowArrays: [[1, 2], [3, 4]], columns: 2)
        let model = ClusteringExplorer.model(dimension: 2, options: ClusteringOptions(alpha: q("1/2"), matrix: a,
                                                                                     layers: 5))
        _ = try ModelReader.parse(ModelWriter.json(model), file: nil)   // a valid model file
        #expect(model.layers.count == 5)
        #expect(model.positions == .none)
        for layer in model.layers {
            guard case .attention(let attention) = layer else {
                Issue.record("not an attention layer")
                continue
            }
            #expect(attention.residual == q("2/3"))
            #expect(!attention.causal)
            #expect(attention.heads.count == 1)
            #expect(attention.heads[0].score == .bilinear(a))
            #expect(attention.heads[0].value == Matrix(rowArrays: [[q("1/3"), 0], [0, q("1/3")]], columns: 2))
        }
    }
}
