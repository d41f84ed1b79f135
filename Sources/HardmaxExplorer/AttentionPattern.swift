/// Who attends to whom in one hardmax layer, and the leaders and clusters this defines.
///
/// Tokens are numbered from 0 in their sequence. `sets[i]` is C_i, the positions j whose score
/// s(i, j) equals the maximum over the sequence exactly, in increasing order (never empty).
///
/// - Leader: a token whose attention set is exactly itself, C_i = {i}. A leader does not move.
/// - Cluster: follow the attention chain i -> min C_i -> min C_(min C_i) -> ... It reaches a cycle
///   (the map is a function on finitely many tokens); the cluster's representative is the smallest
///   index on that cycle, and tokens with the same representative form a cluster. A representative j
///   with C_j = {j} is a leader; otherwise its cluster is held together by ties (e.g. duplicated
///   tokens attending to each other, C_j = {j, j'}). The definition is deterministic and depends on
///   the sets only.
public struct AttentionPattern: Sendable, Equatable, Hashable {
    /// C_i for each token i: sorted, non-empty, 0-based.
    public let sets: [[Int]]
    /// For each token, the representative of its cluster.
    public let representatives: [Int]

    /// - Precondition: every set is non-empty, sorted and holds valid indices.
    public init(sets: [[Int]]) {
        precondition(sets.allSatisfy { !$0.isEmpty && $0.allSatisfy { sets.indices.contains($0) } },
                     "AttentionPattern: an attention set is empty or out of range")
        self.sets = sets
        representatives = Self.representatives(sets)
    }

    /// Number of tokens.
    public var count: Int { sets.count }

    /// The tokens i with C_i = {i}, in increasing order.
    public var leaders: [Int] { sets.indices.filter { isLeader($0) } }

    /// True when C_i = {i}.
    public func isLeader(_ i: Int) -> Bool { sets[i].count == 1 && sets[i][0] == i }

    /// The clusters, ordered by representative; members in increasing order.
    public var clusters: [Cluster] {
        var members: [Int: [Int]] = [:]
        for (i, r) in representatives.enumerated() { members[r, default: []].append(i) }
        return members.keys.sorted().map { r in
            Cluster(representative: r, isLeader: isLeader(r), members: members[r] ?? [])
        }
    }

    /// One cluster: the tokens whose attention chain ends at `representative`.
    public struct Cluster: Sendable, Equatable, Hashable {
        /// The smallest index on the cycle the members' chains reach.
        public let representative: Int
        /// True when the representative is a leader (C_r = {r}).
        public let isLeader: Bool
        /// Member tokens in increasing order (the representative is one of them).
        public let members: [Int]
    }

    /// Follows i -> min C_i from every token to its cycle.
    /// - Complexity: O(n) amortised: every token's representative is resolved once.
    static func representatives(_ sets: [[Int]]) -> [Int] {
        let n = sets.count
        var representative = [Int?](repeating: nil, count: n)
        for start in 0..<n where representative[start] == nil {
            // Walk until a token already resolved or one seen on this walk (a new cycle).
            var path: [Int] = []
            var onPath: [Int: Int] = [:]
            var i = start
            while representative[i] == nil && onPath[i] == nil {
                onPath[i] = path.count
                path.append(i)
                i = sets[i][0]
            }
            let r: Int
            if let resolved = representative[i] {
                r = resolved
            } else {
                // i is on this walk: path[onPath[i]...] is the cycle.
                r = path[(onPath[i] ?? 0)...].min() ?? i
            }
            for j in path { representative[j] = r }
        }
        return representative.map { $0 ?? 0 }
    }
}
