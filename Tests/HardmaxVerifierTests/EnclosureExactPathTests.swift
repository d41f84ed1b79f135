import Exact
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxKernel

/// The enclosure replay on models whose every value is rational must be the exact replay: values stay
/// exact points, so a row passes iff the exact replay passes it, its margin (or error) interval is the
/// point [m, m] of the exact margin, and its precision is nil (SPEC.md section 11: "values stay exact
/// rationals until the first irrational operation touches them").
@Suite struct EnclosureExactPathTests {
    /// Replays every sequence of `data` with `Kernel.enclosedResult` (the replay with enclosures, even
    /// for a hardmax model that does not need it) and with the exact kernel, and compares the rows.
    /// Returns how many rows passed and failed (so a test can see it covered both).
    @discardableResult
    func compare(_ model: Model, _ data: Dataset, _ what: String) throws -> (passed: Int, failed: Int) {
        try model.checkWellFormed()
        var counts = (passed: 0, failed: 0)
        for (k, s) in data.sequences.enumerated() {
            let exact: SequenceResult
            do {
                exact = try Kernel.result(model, s, index: k, maxBits: 1 << 16)
            } catch is InputError {
                // A bit limit reached by the exact replay is reached by the enclosure replay too.
                #expect(throws: InputError.self, "\(what), sequence \(k)") {
                    try Kernel.enclosedResult(model, PreparedModel(model), s, index: k, maxBits: 1 << 16, maxPrecision: 4096)
                }
                continue
            }
            let enclosed = try Kernel.enclosedResult(model, PreparedModel(model), s, index: k, maxBits: 1 << 16, maxPrecision: 4096)
            guard let o = enclosed.enclosed else {
                Issue.record("\(what), sequence \(k): no enclosed outcome")
                continue
            }
            let at = "\(what), sequence \(k)"
            #expect(o.status == (exact.passed ? .pass : .fail), "\(at)")
            #expect(enclosed.passed == exact.passed, "\(at)")
            #expect(o.margin == exact.margin.map { Bounds(lower: $0, upper: $0) }, "\(at): \(String(describing: o.margin)) vs \(String(describing: exact.margin))")
            #expect(o.error == exact.error.map { Bounds(lower: $0, upper: $0) }, "\(at): \(String(describing: o.error)) vs \(String(describing: exact.error))")
            #expect(o.precision == nil, "\(at)")
            // A value readout's rows record no predicted values under enclosures; a class is compared.
            if model.readout.values == nil { #expect(enclosed.predicted == exact.predicted, "\(at)") }
            if exact.passed { counts.passed += 1 } else { counts.failed += 1 }
        }
        return counts
    }

    @Test func randomSection4Models() throws {
        var total = (passed: 0, failed: 0)
        for seed in UInt64(0)..<200 {
            var r = RandomCase(seed: seed)
            let model = r.model(dimension: r.int(1...3))
            let c = try compare(model, r.dataset(dimension: model.dimension, classes: model.readout.classes.count), "seed \(seed)")
            total = (total.passed + c.passed, total.failed + c.failed)
        }
        #expect(total.passed > 50 && total.failed > 50, "\(total)")
    }

    @Test func randomSection10Models() throws {
        var total = (passed: 0, failed: 0), symbols = 0, values = 0, perToken = 0
        for seed in UInt64(5000)..<5200 {
            var r = RandomCase(seed: seed)
            let (model, data) = r.compiledCase(enclosures: false)
            #expect(!model.needsEnclosures)
            let c = try compare(model, data, "seed \(seed)")
            total = (total.passed + c.passed, total.failed + c.failed)
            if model.embedding != nil { symbols += 1 }
            if model.readout.values != nil { values += 1 }
            if case .perToken = data.sequences[0].labels { perToken += 1 }
        }
        #expect(total.passed > 50 && total.failed > 50 && symbols > 50 && values > 30 && perToken > 50,
                "\(total), \(symbols) with symbols, \(values) value readouts, \(perToken) per-token")
    }

    /// Heads with all scores 0 weigh every position 1/|J(i)| under softmax too: the model under
    /// softmax, replayed by the verifier with enclosures, gives the rows of its hardmax replay.
    @Test func uniformSoftmaxModelsAreTheirHardmaxModels() throws {
        for seed in UInt64(7000)..<7100 {
            var r = RandomCase(seed: seed)
            var (model, data) = r.compiledCase(enclosures: false)
            model.layers = model.layers.map { layer in
                guard case .attention(var a) = layer else { return layer }
                for h in a.heads.indices { (a.heads[h].score, a.heads[h].queryBias, a.heads[h].keyBias) = (.uniform, nil, nil) }
                return .attention(a)
            }
            var softmax = model
            softmax.semantics = .softmax
            let exact = try Verifier(model: model).verify(data)
            let enclosed = try Verifier(model: softmax).verify(data)
            #expect(exact.semantics == .hardmax && enclosed.semantics == .softmax)
            #expect(enclosed.verdict == exact.verdict && enclosed.counts == exact.counts, "seed \(seed)")
            #expect(enclosed.minMarginBounds == exact.minMargin.map { Bounds(lower: $0, upper: $0) }, "seed \(seed)")
            #expect(enclosed.maxErrorBounds == exact.maxError.map { Bounds(lower: $0, upper: $0) }, "seed \(seed)")
            for (e, x) in zip(enclosed.results, exact.results) {
                #expect(e.enclosed == EnclosedOutcome(status: x.passed ? .pass : .fail,
                                                      margin: x.margin.map { Bounds(lower: $0, upper: $0) },
                                                      error: x.error.map { Bounds(lower: $0, upper: $0) }, precision: nil),
                        "seed \(seed), sequence \(x.index)")
            }
        }
    }
}
