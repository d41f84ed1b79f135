import Exact
import HardmaxConstruction
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// Per-token construction (SPEC.md section 12) against the number of labelled positions: for each
/// size, seeded next-token-style tables (N sequences of 4 to 12 tokens over 8 symbols, every position
/// labelled by a function of its prefix, so the table is deterministic under causal contexts with
/// positions, and of its token and sequence under bidirectional ones), constructed compact, then
/// verified. One line per size and mask: N, labelled positions, K, blocks, parameters (non-zero),
/// the 2 sum m + 2N + 1 blocks of the sequence-interpolation construction, construct and verify time
/// (least of `repeats`).
func benchmarkPerToken(repeats: Int, maxPositions: Int) -> Int32 {
    var status: Int32 = 0
    print("per-token tables: N sequences of 4..12 tokens over 8 symbols, every position labelled, compact")
    print("mask\tpositions\tN\tlabelled\tK\tblocks\tparameters\tnon-zero\t2 sum m + 2N + 1\tconstruct wall ns\tverify wall ns\tverdict")
    for mask in [ContextMask.causal, .bidirectional] {
        var n = 125
        while n * 8 <= maxPositions {
            let table = perTokenTable(sequences: n, mask: mask, seed: UInt64(n))
            var outcome: ConstructionOutcome? = nil
            let construct = best(of: repeats) {
                outcome = try? Constructor.constructPerToken(table, mask: mask, strategy: .compact, positions: .index)
            }
            guard case .model(let model, let report)? = outcome else {
                print("\(mask.rawValue)\tindex\t\(n)\tno model")
                status = 1
                n *= 4
                continue
            }
            var verification: Verification? = nil
            let verify = best(of: repeats) { verification = try? Verifier(model: model).verify(table) }
            let verdict = verification?.verdict.rawValue ?? "error"
            if verification?.verdict != .pass { status = 1 }
            print("\(mask.rawValue)\tindex\t\(n)\t\(report.labelledPositions)\t\(report.contexts)\t\(report.census.blocks)\t"
                  + "\(report.census.parameters)\t\(report.census.nonZeroParameters)\t\(report.sequenceInterpolationBlocks)\t"
                  + "\(construct.wall)\t\(verify.wall)\t\(verdict)")
            n *= 4
        }
    }
    return status
}

/// `sequences` seeded sequences of 1-D tokens 1...8 (lengths 4...12), each position labelled by a
/// function of what its context determines: causal, the prefix (its sum times its length, mod 5);
/// bidirectional, the token, its position and the sequence's sum (mod 5).
func perTokenTable(sequences: Int, mask: ContextMask, seed: UInt64) -> Dataset {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }
    var out: [LabelledSequence] = []
    for _ in 0..<sequences {
        let tokens = (0..<(4 + next(9))).map { _ in 1 + next(8) }
        let total = tokens.reduce(0, +)
        var prefix = 0
        let labels: [Label?] = tokens.enumerated().map { t, x in
            prefix += x
            let value = mask == .causal ? (prefix * (t + 1)) % 5 : (x + 3 * (t + 1) + total) % 5
            return Label("c\(value)")
        }
        out.append(LabelledSequence(labels: .perToken(labels), dimension: 1, values: tokens.map { Rational($0) }))
    }
    return Dataset(dimension: 1, sequences: out)
}
