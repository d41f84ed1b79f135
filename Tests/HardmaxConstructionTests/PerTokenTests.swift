import Exact
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel
import TestSupport
import Testing

/// A sequence of 1-D integer tokens with per-token labels (nil: unchecked).
func tagged(_ tokens: [Int], _ labels: [Label?], id: String? = nil) -> LabelledSequence {
    LabelledSequence(id: id, labels: .perToken(labels), dimension: 1, values: tokens.map { Rational($0) })
}

/// A sequence of symbols with per-token labels.
func symbols(_ text: String, _ labels: [Label?], id: String? = nil) -> LabelledSequence {
    LabelledSequence(id: id, labels: .perToken(labels), symbols: text.map { Label(String($0)) })
}

/// Per-token constructions (SPEC.md section 12): hand-computed cases, refutations, random tables.
@Suite struct PerTokenTests {
    /// (1, 2) labelled x, y and (2) labelled z.
    static let small = Dataset(dimension: 1, sequences: [tagged([1, 2], ["x", "y"]), tagged([2], ["z"])])

    /// Causal, positions none, by hand: layout (x, 0), o = 0, h = 1, u = (1, 0), s(x) = x. The contexts
    /// are the prefix measures {1}, {1, 2} and {2}; the means of h are all 0, so step C adds
    /// relu(s - b_0) with b_0 = floor(min s) = 1, whose prefix means are 0, 1/2 and 1: distinct with
    /// c = 1. The targets y - H are 0 - 0, 1 - 1/2, 2 - 1, i.e. g(H) = H: one unit.
    @Test(arguments: Strategy.allCases)
    func causalHandComputed(strategy: Strategy) throws {
        guard case .model(let model, let report) = try Constructor.constructPerToken(
            Self.small, mask: .causal, strategy: strategy) else {
            Issue.record("expected a model")
            return
        }
        #expect(report.contexts == 3 && report.labelledPositions == 3)
        #expect(report.features == [HashFeature(threshold: 1, coefficient: 1)])
        #expect(report.classes == ["x", "y", "z"])
        #expect(model.readout.pool == .every)
        let attention = model.layers.compactMap { layer -> Attention? in
            if case .attention(let a) = layer { return a } else { return nil }
        }
        #expect(attention.count == 1 && attention[0].causal)
        if strategy == .compact { #expect(report.interpolationUnits == 1 && report.census.blocks == 2) }
        #expect(replayProblems(model, Self.small, plain: true).isEmpty)
    }

    /// The same model without its causal mask sees the whole sequence at position 1 of (1, 2), so it
    /// labels it as the context {1, 2}: y, not x. The mask is what makes the construction right.
    @Test func causalMaskMatters() throws {
        guard case .model(var model, _) = try Constructor.constructPerToken(
            Self.small, mask: .causal, strategy: .compact) else {
            Issue.record("expected a model")
            return
        }
        for (k, layer) in model.layers.enumerated() {
            if case .attention(var a) = layer { a.causal = false; model.layers[k] = .attention(a) }
        }
        let verification = try Verifier(model: model, options: .plainOnly).verify(Self.small)
        #expect(verification.results[0].predicted == [.label("y"), .label("y")])
    }

    /// Bidirectional, by hand: layout (x, 0, 0), o = 1, h = 2, u = (1, 0, 0). Sequence measures {1, 2}
    /// and {2}; b_0 = 1 gives means 1/2 and 1 (c = 1), so H = 1/2 and 1. Contexts (token, H):
    /// (1, 1/2), (2, 1/2), (2, 1); z = H + 1 s = 3/2, 5/2, 3 are distinct with c = 1.
    @Test(arguments: Strategy.allCases)
    func bidirectionalHandComputed(strategy: Strategy) throws {
        guard case .model(let model, let report) = try Constructor.constructPerToken(
            Self.small, mask: .bidirectional, strategy: strategy) else {
            Issue.record("expected a model")
            return
        }
        #expect(report.features == [HashFeature(threshold: 1, coefficient: 1)])
        #expect(report.tokenCoefficient == 1)
        #expect(report.contexts == 3)
        #expect(report.projection == [1, 0, 0])
        let attention = model.layers.compactMap { layer -> Attention? in
            if case .attention(let a) = layer { return a } else { return nil }
        }
        #expect(attention.count == 1 && !attention[0].causal)
        #expect(replayProblems(model, Self.small, plain: true).isEmpty)
    }

    /// Positions index, causal: (a, b) then (b, a), each labelled at its second token, differ only in
    /// order. Without positions the prefixes have one measure and a refutation names both positions;
    /// with positions both are labelled right.
    @Test(arguments: Strategy.allCases)
    func reorderedPrefixesNeedPositions(strategy: Strategy) throws {
        let data = Dataset(dimension: 0, sequences: [symbols("ab", [nil, "x"], id: "ab"),
                                                     symbols("ba", [nil, "y"], id: "ba")])
        guard case .impossiblePerToken(let conflicts) = try Constructor.constructPerToken(
            data, mask: .causal, strategy: strategy) else {
            Issue.record("expected a refutation")
            return
        }
        #expect(conflicts.count == 1)
        #expect(conflicts[0].first == TokenSite(sequence: 0, token: 1))
        #expect(conflicts[0].second == TokenSite(sequence: 1, token: 1))
        #expect(!conflicts[0].identical && conflicts[0].token == nil)
        #expect(conflicts[0].measure.tokens.map { $0.symbol } == ["a", "b"])
        #expect(conflicts[0].measure.weights == [1, 1])
        let text = Refutation.text(conflicts, mask: .causal, positions: .none)
        #expect(text.contains("sequence 0 token 1 (id \"ab\", label \"x\") and sequence 1 token 1 (id \"ba\", label \"y\")"))
        #expect(text.contains("--positions index removes this conflict"))

        guard case .model(let model, _) = try Constructor.constructPerToken(
            data, mask: .causal, strategy: strategy, positions: .index) else {
            Issue.record("expected a model with positions")
            return
        }
        #expect(model.embedding?.vocabulary == ["a", "b"])
        #expect(replayProblems(model, data, plain: true).isEmpty)
    }

    /// Bidirectional: the first token of (a, b) and the second of (b, a) are both a in the measure
    /// {a, b}; positions tell them apart. The same position of two identical sequences is refuted
    /// with positions too.
    @Test func bidirectionalConflictsAndPositions() throws {
        let data = Dataset(dimension: 0, sequences: [symbols("ab", ["x", nil]), symbols("ba", [nil, "y"])])
        guard case .impossiblePerToken(let conflicts) = try Constructor.constructPerToken(
            data, mask: .bidirectional, strategy: .compact) else {
            Issue.record("expected a refutation")
            return
        }
        #expect(conflicts.count == 1 && !conflicts[0].identical)
        #expect(conflicts[0].token == ContextToken(symbol: "a", values: []))
        guard case .model(let model, _) = try Constructor.constructPerToken(
            data, mask: .bidirectional, strategy: .narrow, positions: .index) else {
            Issue.record("expected a model with positions")
            return
        }
        #expect(replayProblems(model, data, plain: true).isEmpty)

        let twins = Dataset(dimension: 0, sequences: [symbols("ab", ["x", nil]), symbols("ab", ["y", nil])])
        for mask in [ContextMask.causal, .bidirectional] {
            guard case .impossiblePerToken(let refuted) = try Constructor.constructPerToken(
                twins, mask: mask, strategy: .compact, positions: .index) else {
                Issue.record("expected a refutation of identical contexts")
                continue
            }
            #expect(refuted.count == 1 && refuted[0].identical)
        }
    }

    /// Nothing labelled, or a sequence labelled as a whole: an input error, not a model or a refutation.
    @Test func unlabelledDataIsAnInputError() throws {
        let none = Dataset(dimension: 1, sequences: [tagged([1, 2], [nil, nil])])
        #expect(throws: InputError.self) { try Constructor.constructPerToken(none, mask: .causal, strategy: .compact) }
        let whole = Dataset(dimension: 1, sequences: [sequence("x", [[1]])])
        #expect(throws: InputError.self) { try Constructor.constructPerToken(whole, mask: .bidirectional, strategy: .compact) }
    }

    /// Causal without positions: (1) then (1, 1) have one prefix measure; labelled differently, the
    /// two positions of one sequence conflict, and positions index removes it.
    @Test func repeatedTokenPrefixes() throws {
        let data = Dataset(dimension: 1, sequences: [tagged([1, 1, 2], ["p", "q", "r"])])
        let conflicts = TokenConflict.conflicts(in: data, mask: .causal, positions: .none)
        #expect(conflicts.count == 1)
        #expect(conflicts[0].first == TokenSite(sequence: 0, token: 0))
        #expect(conflicts[0].second == TokenSite(sequence: 0, token: 1))
        #expect(conflicts[0].measure.weights == [1])
        #expect(TokenConflict.conflicts(in: data, mask: .causal, positions: .index).isEmpty)
    }

    /// Random tables: random sequences over a small pool, random per-token labels (some null), made
    /// consistent per context by the kernel's own grouping (every later position of a context takes the
    /// first one's label); every model then passes at every labelled position with margin 1/2, and the
    /// default path agrees with the plain kernel.
    @Test(arguments: [ContextMask.causal, .bidirectional], [Positions.none, .index])
    func randomTablesVerify(mask: ContextMask, positions: Positions) throws {
        for seed in UInt64(1)...60 {
            let data = randomTaggedDataset(seed: seed, mask: mask, positions: positions)
            #expect(TokenConflict.conflicts(in: data, mask: mask, positions: positions).isEmpty)
            for strategy in Strategy.allCases {
                guard case .model(let model, let report) = try Constructor.constructPerToken(
                    data, mask: mask, strategy: strategy, positions: positions) else {
                    Issue.record("seed \(seed): refuted a consistent table")
                    continue
                }
                let problems = replayProblems(model, data, plain: true)
                #expect(problems.isEmpty, "seed \(seed) \(strategy): \(problems.prefix(3))")
                if strategy == .compact { #expect(report.census.blocks == 2, "seed \(seed)") }
            }
        }
    }

    /// Random tables whose labels are left inconsistent: construction refutes exactly when the kernel
    /// finds a conflict, and then lists the kernel's conflicts.
    @Test(arguments: [ContextMask.causal, .bidirectional])
    func refutesExactlyTheInconsistentTables(mask: ContextMask) throws {
        for seed in UInt64(100)...160 {
            let data = randomTaggedDataset(seed: seed, mask: mask, positions: .none, consistent: false)
            let kernel = TokenConflict.conflicts(in: data, mask: mask, positions: .none)
            switch try Constructor.constructPerToken(data, mask: mask, strategy: .compact) {
            case .impossiblePerToken(let conflicts): #expect(conflicts == kernel && !kernel.isEmpty, "seed \(seed)")
            case .model(let model, _):
                #expect(kernel.isEmpty, "seed \(seed)")
                #expect(replayProblems(model, data).isEmpty, "seed \(seed)")
            case .impossible: Issue.record("seed \(seed): a whole-sequence refutation")
            }
        }
    }
}

/// Seeded random per-token data: dimension 1-2, a pool of 1-4 tokens, 1-6 sequences of length 1-6,
/// labels from 3 classes or null. With `consistent`, each labelled position takes the label of the
/// first labelled position with its context (computed here, by the kernel's definition of a context).
func randomTaggedDataset(seed: UInt64, mask: ContextMask, positions: Positions, consistent: Bool = true) -> Dataset {
    var r = TestRandom(seed: seed)
    let d = r.int(in: 1...2)
    let pool: [[Rational]] = (0..<r.int(in: 1...4)).map { _ in (0..<d).map { _ in rational(r.int(in: -3...3), r.int(in: 1...2)) } }
    var sequences: [LabelledSequence] = []
    for j in 0..<r.int(in: 1...6) {
        let n = r.int(in: 1...6)
        let values = (0..<n).flatMap { _ in pool[r.int(in: 0...(pool.count - 1))] }
        var labels: [Label?] = (0..<n).map { _ in r.int(in: 0...4) == 0 ? nil : Label("L\(r.int(in: 0...2))") }
        if labels.allSatisfy({ $0 == nil }) { labels[n - 1] = "L0" }
        sequences.append(LabelledSequence(id: "s\(j)", labels: .perToken(labels), dimension: d, values: values))
    }
    guard consistent else { return Dataset(dimension: d, sequences: sequences) }
    var first: [String: Label] = [:]
    for j in sequences.indices {
        guard case .perToken(var labels) = sequences[j].labels else { continue }
        let tokens = (0..<sequences[j].length).map { ContextToken.of(sequences[j], $0, positions: positions) }
        let whole = ContextMeasure.of(tokens)
        for t in labels.indices where labels[t] != nil {
            let key = mask == .causal ? "\(ContextMeasure.of(Array(tokens[0...t])))" : "\(tokens[t]) \(whole)"
            if let label = first[key] { labels[t] = label } else { first[key] = labels[t] }
        }
        sequences[j].labels = .perToken(labels)
    }
    return Dataset(dimension: d, sequences: sequences)
}
