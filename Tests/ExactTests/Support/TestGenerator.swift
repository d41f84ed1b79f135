@testable import Exact

/// The repeatable generator of /work/shared/bench/rational_anchor.py (64-bit LCG, output >> 11),
/// plus helpers that build random big integers with awkward limb patterns.
struct TestGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 11
    }

    /// A full 64-bit word (two draws).
    mutating func word() -> UInt64 { (next() << 32) ^ next() }

    /// Uniform-ish in 0..<n (n > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// A random magnitude of exactly `limbs` limbs (top limb nonzero), mixing patterns that
    /// stress carries: random words, all-ones runs, sparse words, and the value 2^63 boundary.
    mutating func limbs(_ limbs: Int) -> [UInt64] {
        let pattern = below(6)
        var r = [UInt64](repeating: 0, count: limbs)
        for i in 0..<limbs {
            switch pattern {
            case 0: r[i] = UInt64.max
            case 1: r[i] = below(4) == 0 ? word() : 0
            case 2: r[i] = i % 2 == 0 ? UInt64.max : 1 << 63
            default: r[i] = word()
            }
        }
        if r[limbs - 1] == 0 { r[limbs - 1] = word() | 1 }
        return r
    }

    /// A random signed BigInt with exactly `limbs` limbs (0 limbs gives zero).
    mutating func bigInt(limbs n: Int) -> BigInt {
        if n == 0 { return BigInt(0) }
        let v = BigInt(magnitude: limbs(n), negative: below(2) == 0)
        v.checkInvariants()
        return v
    }

    /// A nonzero random BigInt with 1...maxLimbs limbs.
    mutating func nonzero(maxLimbs: Int) -> BigInt {
        var v = bigInt(limbs: 1 + below(maxLimbs))
        if v.isZero { v = BigInt(1) }
        return v
    }

    /// A random Int64 biased towards the edges (0, +-1, +-2^k boundaries, Int64.min/max).
    mutating func edgyInt64() -> Int64 {
        switch below(8) {
        case 0: return [0, 1, -1, Int64.max, Int64.min, Int64.min + 1, Int64.max - 1][below(7)]
        case 1: return Int64(bitPattern: 1 << UInt64(below(64))) &- Int64(below(3)) &+ 1
        case 2: return Int64(below(2000)) - 1000
        default: return Int64(bitPattern: word())
        }
    }

    /// A random rational: small (word) parts, or big parts of up to `maxLimbs` limbs, or dyadic.
    mutating func rational(maxLimbs: Int) -> Rational {
        let n: BigInt, d: BigInt
        switch below(5) {
        case 0:
            n = BigInt(Int64(below(2001)) - 1000)
            d = BigInt(1 + below(999))
        case 1:
            n = BigInt(edgyInt64())
            d = BigInt(1) << below(70)
        case 2:
            n = BigInt(edgyInt64())
            d = BigInt(edgyInt64()).magnitude + BigInt(1)
        default:
            n = bigInt(limbs: below(maxLimbs + 1))
            d = nonzero(maxLimbs: maxLimbs).magnitude
        }
        do {
            let r = try Rational(n, d)
            r.checkInvariants()
            return r
        } catch {
            preconditionFailure("generator made a zero denominator")
        }
    }
}
