import Dispatch
import Exact
import HardmaxVerifier

/// Step B of SPEC.md section 7: an integer vector u with small entries such that s(x) = u . x is
/// injective on the distinct tokens P.
struct Projection: Sendable {
    /// u, one entry per working coordinate (0 on a lifted coordinate, which is 0 on every token).
    let u: [BigInt]
    /// s(p) * D for every distinct token p, when P has a common denominator D and no sum overflowed.
    let scaled: [Int]?
    /// D when `scaled` is set, else 1.
    let denominator: Int
    /// s(p) for every p, when `scaled` is nil (empty otherwise).
    let exact: [Rational]
    /// The least value of s on P.
    let minimum: Rational

    /// s(p).
    func value(_ p: Int) -> Rational {
        if let scaled { return scaledRational(scaled[p], denominator) }
        return exact[p]
    }
}

extension Projection {
    /// Tries u = (1, t, t^2, ...) for t = 1...8 first (small weights; real data needs t <= 2). Then:
    ///
    /// - with a common denominator D: t = 9, 11, 13, 16, 20, ... (steps of about a quarter) below t*,
    ///   then t* = (largest spread of a
    ///   coordinate's numerators over P) + 1, which always succeeds: for distinct p, q the numerator
    ///   differences delta_c satisfy |delta_c| < t*, and sum_c delta_c t*^c = 0 forces every delta_c = 0
    ///   (the lowest non-zero delta_c would have to be a multiple of t*);
    /// - without: small random integer vectors with entries in [-R, R] for R = 2, 4, ..., 2^40 (three
    ///   tries each, fixed seed), then t = 9, 10, ... in turn, which ends: for p != q,
    ///   (p - q) . (1, t, t^2, ...) is a non-zero polynomial of degree < w in t, with < w roots.
    ///
    /// - Complexity: O(|P| w) per candidate, and a failing candidate stops at its first collision;
    ///   O(log t*) candidates with a common denominator.
    static func choose(for data: MeasureClasses, scaled: ScaledTokens?) -> Projection {
        let w = data.layout.inputWidth
        var seen = [IntegerSet(), IntegerSet()]   // shared by the candidates: its memory is touched once
        for t in 1...8 {
            if let p = attempt(powers(BigInt(t), count: w), data, scaled, &seen) { return p }
        }
        if let scaled {
            var spread = 0
            for c in 0..<w {
                var (low, high) = (Int.max, Int.min)
                for p in 0..<data.tokenCount {
                    let n = scaled.numerator(p, c)
                    low = min(low, n)
                    high = max(high, n)
                }
                // high - low may not fit an Int; then t* is computed in BigInt below.
                spread = max(spread, high.subtractingReportingOverflow(low).overflow ? Int.max : high - low)
            }
            // t grows by about a quarter each try: the first success is at most 5/4 of the least
            // working t of this sequence, within O(log t*) tries.
            var t = 9
            while t <= spread && t < 1 << 40 {
                if let p = attempt(powers(BigInt(t), count: w), data, scaled, &seen) { return p }
                t += max(1, t / 4)
            }
            let tStar = spread == Int.max ? spreadInBigInt(scaled, w, data.tokenCount) : BigInt(spread) + 1
            if let p = attempt(powers(tStar, count: w), data, scaled, &seen) { return p }
            preconditionFailure("Projection: t* = spread + 1 is injective on P")
        }
        var random = SplitMix64(seed: 0x5EED_0F_B)
        var bound = 2
        while bound <= 1 << 40 {
            for _ in 0..<3 {
                let u = (0..<w).map { _ in BigInt(random.within(-bound...bound)) }
                if let p = attempt(u, data, nil, &seen) { return p }
            }
            bound *= 2
        }
        var t = 9
        while true {
            if let p = attempt(powers(BigInt(t), count: w), data, nil, &seen) { return p }
            t += 1
        }
    }

    private static func powers(_ t: BigInt, count: Int) -> [BigInt] {
        (0..<count).map { t.power($0) }
    }

    /// 1 + the largest spread of a coordinate's numerators, when it does not fit an `Int`.
    private static func spreadInBigInt(_ scaled: ScaledTokens, _ w: Int, _ count: Int) -> BigInt {
        var spread = BigInt(0)
        for c in 0..<w {
            let values = (0..<count).map { scaled.numerator($0, c) }
            if let low = values.min(), let high = values.max() {
                spread = max(spread, BigInt(high) - BigInt(low))
            }
        }
        return spread + 1
    }

    /// The projection for `u` (entries for the input coordinates), or nil when s collides on P.
    private static func attempt(_ inputU: [BigInt], _ data: MeasureClasses, _ scaled: ScaledTokens?,
                                _ seen: inout [IntegerSet]) -> Projection? {
        var u = inputU
        while u.count < data.layout.width { u.append(BigInt(0)) }   // the lifted coordinate
        if let scaled, let small = smallEntries(inputU) {
            switch attemptScaled(small, scaled, data.tokenCount, &seen) {
            case .collision: return nil
            case .injective(let values, let least):
                return Projection(u: u, scaled: values, denominator: scaled.denominator, exact: [],
                                  minimum: scaledRational(least, scaled.denominator))
            case .overflow: break
            }
        }
        return attemptExact(u, inputU.count, data)
    }

    private static func smallEntries(_ u: [BigInt]) -> [Int]? {
        var small: [Int] = []
        for x in u {
            guard let v = x.intValue else { return nil }
            small.append(v)
        }
        return small
    }

    private enum ScaledAttempt {
        case injective([Int], least: Int)
        case collision
        case overflow
    }

    /// Whether s = u . p is injective on P, on scaled integers. The values go into the two sets of
    /// `seen` by a bit of their hash, filled on two threads at once: each thread computes every value
    /// in order and inserts those of its half, so an equal pair (always in one half) is found as in one
    /// set; the outcome is that of the first token where one was found (an overflow or a repeat).
    private static func attemptScaled(_ u: [Int], _ scaled: ScaledTokens, _ count: Int,
                                      _ seen: inout [IntegerSet]) -> ScaledAttempt {
        precondition(seen.count == 2, "Projection: two halves")
        var values: [Int] = []
        values.reserveCapacity(count)
        var least = Int.max
        let stop = Locked<Int?>(nil)   // the earliest token where a thread found its outcome
        var events: [(outcome: ScaledAttempt, at: Int)?] = [nil, nil]
        seen.withUnsafeMutableBufferPointer { sets in
            events.withUnsafeMutableBufferPointer { found in
                let setBase = sets.baseAddress!, foundBase = found.baseAddress!  // two elements each
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    let set = setBase + half
                    set.pointee.removeAll()
                    for p in 0..<count {
                        if p & 4095 == 0, let at = stop.withLock({ $0 }), at < p { return }
                        var s = 0
                        for c in 0..<u.count where u[c] != 0 {
                            guard let term = checkedProduct(u[c], scaled.numerator(p, c)),
                                  let sum = checkedSum(s, term) else {
                                foundBase[half] = (.overflow, p)
                                stop.withLock { $0 = min($0 ?? p, p) }
                                return
                            }
                            s = sum
                        }
                        if half == 0 {
                            least = min(least, s)
                            values.append(s)
                        }
                        if Self.half(of: s) == half && !set.pointee.insert(s) {
                            foundBase[half] = (.collision, p)
                            stop.withLock { $0 = min($0 ?? p, p) }
                            return
                        }
                    }
                }
            }
        }
        if let first = events.compactMap({ $0 }).min(by: { $0.at < $1.at }) { return first.outcome }
        return .injective(values, least: least)
    }

    /// Which of the two sets holds s (a bit of a mix of s, so that either half gets about half).
    @inline(__always)
    private static func half(of s: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(s)) &* 0x9E37_79B9_7F4A_7C15) >> 63)
    }

    private static func attemptExact(_ u: [BigInt], _ inputWidth: Int, _ data: MeasureClasses) -> Projection? {
        let weights = u.map { Rational($0) }
        var values: [Rational] = []
        values.reserveCapacity(data.tokenCount)
        var seen = Set<Rational>(minimumCapacity: data.tokenCount)
        var minimum: Rational? = nil
        for p in 0..<data.tokenCount {
            var sum = DotAccumulator()
            for c in 0..<inputWidth where !u[c].isZero {
                sum.add(weights[c], times: data.coordinate(p, c))
            }
            let s = sum.value
            if !seen.insert(s).inserted { return nil }
            if minimum.map({ s < $0 }) ?? true { minimum = s }
            values.append(s)
        }
        return Projection(u: u, scaled: nil, denominator: 1, exact: values, minimum: minimum ?? .zero)
    }
}
