import Testing
@testable import HardmaxExplorer

@Suite struct AttentionPatternTests {
    /// 0 -> 1 -> 2 (a leader) and 3 -> min{0, 3} = 0 -> ...: one cluster around leader 2.
    @Test func chainsEndAtLeaders() {
        let p = AttentionPattern(sets: [[1], [2], [2], [0, 3]])
        #expect(p.leaders == [2])
        #expect(p.representatives == [2, 2, 2, 2])
        #expect(p.clusters == [.init(representative: 2, isLeader: true, members: [0, 1, 2, 3])])
    }

    /// A 2-cycle (possible for a non-symmetric A) is represented by its smaller index, not a leader.
    @Test func cyclesAreRepresentedByTheirSmallestIndex() {
        let p = AttentionPattern(sets: [[2], [2], [1], [3]])
        #expect(p.leaders == [3])
        #expect(p.representatives == [1, 1, 1, 3])
        #expect(p.clusters.map(\.representative) == [1, 3])
        #expect(p.clusters[0].isLeader == false)
    }

    /// Duplicates attending to each other: min of the set is a fixed point that is not a leader.
    @Test func tiedGroupWithoutLeader() {
        let p = AttentionPattern(sets: [[0, 1], [0, 1], [2]])
        #expect(p.leaders == [2])
        #expect(p.clusters == [.init(representative: 0, isLeader: false, members: [0, 1]),
                               .init(representative: 2, isLeader: true, members: [2])])
    }
}
