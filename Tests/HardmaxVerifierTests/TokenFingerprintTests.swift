import Exact
import HardmaxModel
import Testing
@testable import HardmaxAccelerator

/// The duplicates shortcut finds equal tokens through a fingerprint of their values. Distinct big
/// tokens must get distinct fingerprints (a fingerprint of bit lengths alone sent 40,000 tokens
/// 2^64 + k to one key and made merging quadratic).
@Suite struct TokenFingerprintTests {
    @Test func distinctBigTokensSpreadOut() {
        let base = BigInt(1) << 64
        for bits in [64, 200, 5000] {
            let tokens = (0..<2000).map { k in [Rational((BigInt(1) << bits) + BigInt(k)), Rational(base + BigInt(k % 7))] }
            let keys = Set(tokens.map { TokenTable.fingerprint($0[...]) })
            #expect(keys.count == tokens.count, "\(bits) bits: \(tokens.count - keys.count) collisions")
        }
    }

    @Test func equalValuesHaveEqualFingerprints() throws {
        let big = try Rational(BigInt(1) << 100, BigInt(6))
        let same = try Rational(BigInt(1) << 101, BigInt(12))
        #expect(big == same)
        #expect(TokenTable.fingerprint([big, 1][...]) == TokenTable.fingerprint([same, 1][...]))
    }

    @Test func mergingDistinctBigTokensKeepsEveryRow() {
        let n = 3000
        let values = (0..<n).map { Rational((BigInt(1) << 64) + BigInt($0 / 2)) }   // each value twice
        let s = LabelledSequence(label: "a", dimension: 1, values: values)
        let table = TokenTable(s, positions: .none, mergingDuplicates: true)
        #expect(table.rows == n / 2 && table.weights.allSatisfy { $0 == 2 })
        #expect(table.tokensByPosition() == values.map { [$0] })
    }

    /// Short sequences (compared row by row) and long ones (the hash table) merge exactly as grouping
    /// equal tokens by hand: one row per distinct token in order of first position, weighted by its count.
    @Test func mergingMatchesGroupingByHand() {
        var g = SystemRandomNumberGenerator()
        for length in [1, 2, 5, TokenTable.scanLength, TokenTable.scanLength + 1, 100] {
            for _ in 0..<20 {
                let tokens = (0..<length).map { _ in [Rational(Int.random(in: 0...3, using: &g)), Rational(Int.random(in: 0...1, using: &g))] }
                let s = LabelledSequence(label: "a", dimension: 2, values: tokens.flatMap { $0 })
                let table = TokenTable(s, positions: .none, mergingDuplicates: true)
                var firsts: [[Rational]] = [], counts: [Int] = [], rowOf: [Int] = []
                for t in tokens {
                    if let r = firsts.firstIndex(of: t) { counts[r] += 1; rowOf.append(r) } else {
                        rowOf.append(firsts.count); firsts.append(t); counts.append(1)
                    }
                }
                #expect(table.rows == firsts.count && table.weights == counts && table.rowOfPosition == rowOf, "length \(length)")
                #expect((0..<table.rows).map { Array(table.values[($0 * 2)..<($0 * 2 + 2)]) } == firsts)
            }
        }
    }
}
