import Exact

/// A tie that exact equality decided: in `layer`, token `token` attended to two or more positions
/// holding different values, so its update averages distinct maximisers.
public struct ClusteringTie: Sendable, Equatable, Hashable {
    /// 1-based layer whose attention set had the tie (decided at the layer's input).
    public let layer: Int
    public let token: Int
}

extension ClusteringTrajectory {
    /// Every tie between distinct values, by layer then token. Copies of one token attending to each
    /// other are not listed: they score equally in any arithmetic, and their mean is the token itself.
    public var ties: [ClusteringTie] {
        layers.flatMap { record in
            let input = tokens(after: record.layer - 1)
            return record.pattern.sets.indices.compactMap { i in
                let set = record.pattern.sets[i]
                return set.contains { input[$0] != input[set[0]] } ? ClusteringTie(layer: record.layer, token: i) : nil
            }
        }
    }

    /// For a cluster of the last layer whose representative r is not a leader only because it has
    /// copies (C_r holds positions whose tokens all equal z_r at the last layer's input), those
    /// positions: a leader repeated in the sequence. nil otherwise (a leader, or a genuine tie).
    public func duplicatedLeader(_ cluster: AttentionPattern.Cluster) -> [Int]? {
        guard !cluster.isLeader, let last = layers.last else { return nil }
        let input = tokens(after: last.layer - 1)
        let set = last.pattern.sets[cluster.representative]
        return set.allSatisfy({ input[$0] == input[cluster.representative] }) ? set : nil
    }
}
