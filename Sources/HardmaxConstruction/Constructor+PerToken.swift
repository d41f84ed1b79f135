import Exact
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

extension Constructor {
    /// Steps A', C', D and E' of SPEC.md section 12 for per-token labels, packed by `strategy`: a model
    /// with readout pool every whose every labelled position scores its label with margin 1/2 (to be
    /// confirmed by the verifier's replay of the written file), or the conflicts between labelled
    /// positions that share a context.
    ///
    /// Symbol data sets are encoded first (``SymbolEncoding``); the model carries the embedding.
    ///
    /// - Throws: `InputError` when a sequence is labelled as a whole or no position is labelled;
    ///   `ConstructionError` when the
    ///   constructor's grouping and the kernel's disagree (a bug).
    /// - Complexity: causal, O(sum over labelled positions of i log i) to group the prefixes (each
    ///   labelled prefix is grouped as its own sequence); bidirectional, O(T log n + L w) for L labelled
    ///   positions; then as `construct`. Model size O(K + d) for compact, K the distinct contexts.
    public static func constructPerToken(_ dataset: Dataset, mask: ContextMask, strategy: Strategy,
                                         positions: Positions = .none) throws -> ConstructionOutcome {
        guard !dataset.sequences.isEmpty else {
            throw InputError(message: "the data set has no sequences, so there is nothing to label")
        }
        if let j = dataset.sequences.firstIndex(where: { $0.label != nil }) {
            throw InputError(message: "sequence \(j) has one label for the whole sequence; a construction with "
                             + "--mask labels every token and needs \"labels\" (one per token, null where unchecked) "
                             + "on every sequence (SPEC section 12)")
        }
        guard !labelledSites(dataset).isEmpty else {
            throw InputError(message: "no position of the data set is labelled (every entry of \"labels\" is null), "
                             + "so there is nothing to construct")
        }
        let encoded = SymbolEncoding.encode(dataset)
        let vectors = encoded?.dataset ?? dataset
        let built = mask == .causal
            ? causal(vectors, strategy: strategy, positions: positions)
            : bidirectional(vectors, strategy: strategy, positions: positions)
        guard var (model, report) = built else {
            let conflicts = TokenConflict.conflicts(in: dataset, mask: mask, positions: positions)
            guard !conflicts.isEmpty else {
                throw ConstructionError(message: "the constructor found two labels on one context, "
                                        + "the kernel found no conflict")
            }
            return .impossiblePerToken(conflicts)
        }
        model.embedding = encoded?.encoding.embedding
        report.census = ModelCensus(model)
        model.metadata = report.metadata
        return .model(model, report)
    }

    /// The labelled positions of `dataset` in order, with their labels.
    static func labelledSites(_ dataset: Dataset) -> [(site: TokenSite, label: Label)] {
        var sites: [(site: TokenSite, label: Label)] = []
        for (j, s) in dataset.sequences.enumerated() {
            guard case .perToken(let labels) = s.labels else { continue }
            for (t, label) in labels.enumerated() {
                if let label { sites.append((TokenSite(sequence: j, token: t), label)) }
            }
        }
        return sites
    }

    /// Causal contexts: every labelled prefix becomes a sequence of its own with the position's label,
    /// so the measure classes of step A are the distinct prefix measures; then step C, the causal
    /// collapse, step E, pool every. Nil when a prefix measure carries two labels.
    private static func causal(_ dataset: Dataset, strategy: Strategy,
                               positions: Positions) -> (Model, ConstructionReport)? {
        let sites = labelledSites(dataset)
        let d = dataset.dimension
        let prefixes = sites.map { site, label in
            LabelledSequence(label: label, dimension: d,
                             values: Array(dataset.sequences[site.sequence].values[0..<((site.token + 1) * d)]))
        }
        guard !prefixes.isEmpty else { return nil }
        let data = MeasureClasses.group(Dataset(dimension: d, sequences: prefixes), positions: positions)
        guard !data.hasLabelConflict else { return nil }
        let projected = ProjectedData(data: data)
        let hash = Hash.build(projected)
        var plan = ConstructionPlan(projected: projected, hash: hash)
        plan.causal = true
        plan.pool = .every
        let packed = strategy == .compact ? plan.compact() : plan.narrow()
        let model = Model(dimension: d, positions: positions, layers: packed.layers, readout: packed.readout)
        var report = ConstructionReport(
            strategy: strategy, positions: positions, sequences: dataset.sequences.count,
            tokens: dataset.tokenCount, distinctTokens: data.tokenCount, classes: plan.labels,
            measureClasses: data.classes.count, projection: projected.projection.u, features: hash.features,
            interpolationUnits: packed.interpolationUnits, census: ModelCensus(model))
        (report.mask, report.labelledPositions, report.contexts) = (ContextMask.causal, sites.count, data.classes.count)
        return (model, report)
    }

    /// Bidirectional contexts: step A on the whole sequences (in a layout with fresh coordinates o and
    /// h, so s still reads the token after the collapse), step C, then the contexts (class of mu_j,
    /// s(x_i)) and the combined coordinate z = H + c s(x). Nil when a context carries two labels.
    private static func bidirectional(_ dataset: Dataset, strategy: Strategy,
                                      positions: Positions) -> (Model, ConstructionReport)? {
        let sites = labelledSites(dataset)
        guard !sites.isEmpty else { return nil }
        // Step A groups sequences by measure; their labels play no part here.
        let unlabelled = Dataset(dimension: dataset.dimension, sequences: dataset.sequences.map {
            LabelledSequence(id: $0.id, label: "", dimension: $0.dimension, values: $0.values)
        })
        let data = MeasureClasses.group(unlabelled, positions: positions, freshCoordinates: true)
        let projected = ProjectedData(data: data)
        let hash = Hash.build(projected)
        guard let contexts = BidirectionalContexts(dataset, sites: sites, projected: projected, hash: hash) else {
            return nil
        }
        let plan = BidirectionalPlan(projected: projected, hash: hash, contexts: contexts)
        let packed = strategy == .compact ? plan.compact() : plan.narrow()
        let model = Model(dimension: dataset.dimension, positions: positions, layers: packed.layers,
                          readout: packed.readout)
        var report = ConstructionReport(
            strategy: strategy, positions: positions, sequences: dataset.sequences.count,
            tokens: dataset.tokenCount, distinctTokens: data.tokenCount, classes: contexts.labels,
            measureClasses: data.classes.count, projection: projected.projection.u, features: hash.features,
            interpolationUnits: packed.interpolationUnits, census: ModelCensus(model))
        (report.mask, report.labelledPositions, report.contexts) = (ContextMask.bidirectional, sites.count, contexts.knots.count)
        report.tokenCoefficient = contexts.coefficient
        return (model, report)
    }
}
