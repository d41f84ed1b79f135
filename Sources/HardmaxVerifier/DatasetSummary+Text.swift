import HardmaxModel

extension DatasetSummary {
    /// The summary for people, e.g. (certificates/tracr/sort/data.jsonl)
    /// ```
    /// dataset: 1364 sequences, 7736 tokens (lengths 2 to 6), symbol tokens
    /// symbols: 5 seen (BOS, 1, 2, 3, 4)
    /// labels: per token in 1364 sequences (6372 labelled positions, 1364 null); 4 distinct (1, 2, 3, 4)
    /// ```
    public var text: String {
        let lengths = shortest == longest ? "length \(longest)" : "lengths \(shortest) to \(longest)"
        var lines = ["dataset: \(Self.sequences(sequences)), \(tokens) token\(tokens == 1 ? "" : "s") (\(lengths)), "
                     + (dimension == 0 ? "symbol tokens" : "vector tokens of dimension \(dimension)")]
        if dimension == 0 { lines.append("symbols: " + Self.describe(symbols, "seen")) }
        var kinds: [String] = []
        if labelledWhole > 0 { kinds.append("one per sequence in " + Self.sequences(labelledWhole)) }
        if labelledPerToken > 0 {
            kinds.append("per token in \(Self.sequences(labelledPerToken)) (\(labelledPositions) labelled "
                         + "position\(labelledPositions == 1 ? "" : "s"), \(nullPositions) null)")
        }
        lines.append("labels: " + kinds.joined(separator: "; ") + "; " + Self.describe(labels, "distinct"))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func sequences(_ n: Int) -> String { "\(n) sequence\(n == 1 ? "" : "s")" }

    /// "5 seen (BOS, 1, 2, 3, 4)", or "at least 100000 distinct (...)" when counting stopped.
    private static func describe(_ names: DistinctNames, _ noun: String) -> String {
        (names.complete ? "" : "at least ") + "\(names.names.count) \(noun)"
            + (names.names.isEmpty ? "" : " (\(ModelSummary.shown(names.names)))")
    }
}
