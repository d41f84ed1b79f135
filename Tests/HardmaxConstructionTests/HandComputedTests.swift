import Exact
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel
import Testing

/// A data set small enough to construct by hand (SPEC.md section 7):
/// A = [(0, 1)] "p", B = [(2, 1)] "q", C = [(0, 1), (2, 1)] "p".
///
/// Step A: three measures, K = 3. Step B: u = (1, 1) (t = 1): s = 1 and 3, injective.
/// Step C: mean(x_h) = 1 for all, one part; b_0 = floor(min s) = 1; M(b_0) = mean(s) - 1 = 0, 2, 1;
/// c = 1 gives H = 1, 3, 2 (distinct). Classes p = 0, q = 1, so y = 0, 1, 0.
@Suite struct HandComputedTests {
    static let dataset = Dataset(dimension: 2, sequences: [
        sequence("p", [[0, 1]]), sequence("q", [[2, 1]]), sequence("p", [[0, 1], [2, 1]]),
    ])

    static func feedForwards(_ model: Model) -> [FeedForward] {
        model.layers.compactMap { if case .feedforward(let f) = $0 { return f } else { return nil } }
    }

    @Test func compactWeights() throws {
        guard case .model(let model, let report) = try Constructor.construct(Self.dataset, strategy: .compact)
        else { Issue.record("refuted"); return }
        #expect(report.projection == [1, 1])
        #expect(report.features == [HashFeature(threshold: 1, coefficient: 1)])
        #expect(report.measureClasses == 3 && report.classes == ["p", "q"])
        let ff = Self.feedForwards(model)
        // FF_1: zero o with B = 0 (x_o >= 0), and the feature relu(x_0 + x_1 - 1) into h.
        #expect(ff[0].w1 == Matrix(rowArrays: [[1, 0], [1, 1]], columns: 2))
        #expect(ff[0].b1 == [0, -1])
        #expect(ff[0].w2 == Matrix(rowArrays: [[-1, 0], [0, 1]], columns: 2))
        #expect(ff[0].b2 == [0, 0])
        // FF_2: g through (H, y - H) = (1, -1), (2, -2), (3, -2): slopes -1 then 0, so
        // g = -1 - relu(H - 1) + relu(H - 2).
        #expect(ff[1].w1 == Matrix(rowArrays: [[1, 0], [1, 0]], columns: 2))
        #expect(ff[1].b1 == [-1, -2])
        #expect(ff[1].w2 == Matrix(rowArrays: [[-1, 1], [0, 0]], columns: 2))
        #expect(ff[1].b2 == [-1, 0])
        // Readout on o: scores 0 and z - 1/2.
        #expect(model.readout.weight == Matrix(rowArrays: [[0, 0], [1, 0]], columns: 2))
        #expect(model.readout.bias == [0, rational(-1, 2)])
        // FF_1 (4 + 2 + 4 + 2), V (4), FF_2 (4 + 2 + 4 + 2), readout (4 + 2).
        #expect(report.census.parameters == 12 + 4 + 12 + 6)
        #expect(report.census.nonZeroParameters == 6 + 1 + 7 + 2)
        #expect(replayProblems(model, Self.dataset).isEmpty)
        // A control: lower g's constant by 1/2, so z = y - 1/2. Sequence B (y = 1) then has z = 1/2,
        // where both classes score 0: a tie, so the verifier must fail it (and only it).
        var broken = model
        guard case .feedforward(var last) = broken.layers[2] else { Issue.record("layout"); return }
        last.b2[0] -= rational(1, 2)
        broken.layers[2] = .feedforward(last)
        let verification = try Verifier(model: broken).verify(Self.dataset)
        #expect(verification.verdict == .fail)
        #expect(verification.failures.map(\.index) == [1])
        #expect(verification.results[1].predicted == [nil] && verification.results[1].margin == 0)
    }

    @Test func narrowWeights() throws {
        guard case .model(let model, let report) = try Constructor.construct(Self.dataset, strategy: .narrow)
        else { Issue.record("refuted"); return }
        let ff = Self.feedForwards(model)
        #expect(ff.count == 5 && model.layers.count == 6 && report.census.blocks == 5)
        // Shear: x_o + relu((u - e_o) . x + beta) with beta = 0 (x_1 >= 0 and s >= 0 on the data).
        #expect(ff[0].w1 == Matrix(rowArrays: [[0, 1]], columns: 2) && ff[0].b1 == [0])
        #expect(ff[0].w2 == Matrix(rowArrays: [[1], [0]], columns: 1))
        // Feature: h += relu(x_o - (1 + 0)).
        #expect(ff[1].w1 == Matrix(rowArrays: [[1, 0]], columns: 2) && ff[1].b1 == [-1])
        #expect(ff[1].w2 == Matrix(rowArrays: [[0], [1]], columns: 1))
        // Zero o: x_o - relu(x_o).
        #expect(ff[2].b1 == [0] && ff[2].w2 == Matrix(rowArrays: [[-1], [0]], columns: 1))
        // Zero h: h ranges over 1 and 3, B_h = 0; g through (1, 0), (2, 0), (3, 1) has constant 0.
        #expect(ff[3].w1 == Matrix(rowArrays: [[0, 1]], columns: 2) && ff[3].b1 == [0])
        #expect(ff[3].b2 == [0, 0])
        // One slope change: +1 at H = 2.
        #expect(ff[4].w1 == Matrix(rowArrays: [[1, 0]], columns: 2) && ff[4].b1 == [-2])
        #expect(ff[4].w2 == Matrix(rowArrays: [[0], [1]], columns: 1))
        #expect(model.readout.weight == Matrix(rowArrays: [[0, 0], [0, 1]], columns: 2))
        #expect(replayProblems(model, Self.dataset).isEmpty)
    }

    /// d = 1: the lift x -> (x, 0) comes first; h is the lifted zero, so b_0 must do the work.
    @Test func oneDimensionalDataIsLifted() throws {
        let dataset = Dataset(dimension: 1, sequences: [
            sequence("a", [[1]]), sequence("b", [[1], [3]]), sequence("a", [[3], [3], [5]]),
        ])
        for strategy in Strategy.allCases {
            guard case .model(let model, let report) = try Constructor.construct(dataset, strategy: strategy)
            else { Issue.record("refuted"); continue }
            guard case .affine(let lift) = model.layers[0] else { Issue.record("no lift"); continue }
            #expect(lift.weight == Matrix(rowArrays: [[1], [0]], columns: 1) && lift.bias == [0, 0])
            // s = x, b_0 = 1: M(b_0) = mean(s) - 1 = 0, 2 - 1, 11/3 - 1 = 0, 1, 8/3: all distinct.
            #expect(report.projection == [1, 0])
            #expect(report.features == [HashFeature(threshold: 1, coefficient: 1)])
            #expect(replayProblems(model, dataset).isEmpty)
            #expect(structuralProblems(model, report).isEmpty)
        }
    }

    /// Means of s tie, so b_0 cannot split; a support point must. A = (0, 2), B = (1, 1), both mean 1;
    /// with d = 1 (lifted) M_A(b) - M_B(b) at b = 1 is 1/2 - 0, so the witness is b = 1 (the
    /// largest point where the tails differ: at b = 2 both tails are 0).
    @Test func witnessAtASupportPoint() throws {
        let dataset = Dataset(dimension: 1, sequences: [
            sequence("a", [[0], [2]]), sequence("b", [[1], [1]]),
        ])
        guard case .model(let model, let report) = try Constructor.construct(dataset, strategy: .compact)
        else { Issue.record("refuted"); return }
        #expect(report.measureClasses == 2)
        #expect(report.features == [HashFeature(threshold: 1, coefficient: 1)])
        #expect(replayProblems(model, dataset).isEmpty)
    }

    /// A coefficient must avoid a merge: classes with hashes 0, 1 (different x_h means) and a feature
    /// value that would map them onto each other with c = 1.
    @Test func coefficientAvoidsMerges() throws {
        // x = (x_o, x_h). A = [(0, 0)]: mean h 0; B = [(0, 1)]: mean h 1;
        // C = [(0, 0), (0, 2)]: mean h 1, so B and C collide; s = x_o + x_h (t = 1) is 0, 1, 2: injective.
        // b_0 = 0: M = mean(s) = 0 (A), 1 (B), 1 (C) ties B and C, so the witness is a support point:
        // at b = 1, M_B = 0 and M_C = (2 - 1)/2 = 1/2. F = (0, 0, 1/2); H + c F = (0, 1, 1 + c/2):
        // no merge for any c >= 1, so c = 1.
        let dataset = Dataset(dimension: 2, sequences: [
            sequence("a", [[0, 0]]), sequence("b", [[0, 1]]), sequence("a", [[0, 0], [0, 2]]),
        ])
        guard case .model(let model, let report) = try Constructor.construct(dataset, strategy: .narrow)
        else { Issue.record("refuted"); return }
        #expect(report.features == [HashFeature(threshold: 1, coefficient: 1)])
        #expect(replayProblems(model, dataset).isEmpty)
    }
}
