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
}
