import Exact
import HardmaxModel
import Testing
@testable import HardmaxKernel

/// A closed interval [lo, hi] of rationals proved, by the computation that made it, to hold a real
/// number: the independent side of the enclosure tests (no `Enclosure` operation is used here).
struct Bracket: CustomStringConvertible {
    var lo: Rational
    var hi: Rational

    init(_ lo: Rational, _ hi: Rational) {
        precondition(lo <= hi, "Bracket: lo above hi")
        (self.lo, self.hi) = (lo, hi)
    }

    init(exactly v: Rational) { self.init(v, v) }

    var description: String { "[\(lo), \(hi)]" }

    static func + (a: Bracket, b: Bracket) -> Bracket { Bracket(a.lo + b.lo, a.hi + b.hi) }
    static func + (a: Bracket, b: Rational) -> Bracket { Bracket(a.lo + b, a.hi + b) }
    static prefix func - (a: Bracket) -> Bracket { Bracket(-a.hi, -a.lo) }
    static func - (a: Bracket, b: Bracket) -> Bracket { a + (-b) }

    static func * (a: Bracket, b: Bracket) -> Bracket {
        let p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
        return Bracket(p.min()!, p.max()!)   // four products: never empty
    }

    static func * (a: Bracket, q: Rational) -> Bracket { a * Bracket(exactly: q) }

    /// 1/a for a bracket of positive numbers.
    func reciprocal() throws -> Bracket {
        precondition(lo.signum > 0, "Bracket.reciprocal: not positive")
        return Bracket(try Rational.one / hi, try Rational.one / lo)
    }

    func divided(by b: Bracket) throws -> Bracket { self * (try b.reciprocal()) }
}

/// Brackets of the irrational values of SPEC.md section 11, each with its proof in the doc comment.
enum HandBrackets {
    /// 2^-n.
    static func twoToMinus(_ n: Int) -> Rational { (try? Rational(BigInt(1), BigInt(1) << n)) ?? .zero }

    /// sqrt(x) for x >= 0 by bisection: starting from [0, max(1, x)], keep the half whose ends satisfy
    /// lo^2 <= x <= hi^2 (checked exactly), `steps` times: width max(1, x) 2^-steps.
    static func squareRoot(_ x: Rational, steps: Int = 160) -> Bracket {
        precondition(x.signum >= 0, "squareRoot: negative")
        var lo = Rational.zero, hi = max(Rational.one, x)
        for _ in 0..<steps {
            let mid = (lo + hi).divided(by: 2)
            if mid * mid <= x { lo = mid } else { hi = mid }
        }
        return Bracket(lo, hi)
    }

    /// sqrt over a bracket: sqrt is increasing, so [lower end of sqrt(lo), upper end of sqrt(hi)].
    static func squareRoot(_ b: Bracket) -> Bracket { Bracket(squareRoot(b.lo).lo, squareRoot(b.hi).hi) }

    /// e^x for rational x: for x >= 0, S_N = sum_{k <= N} x^k / k! <= e^x <= S_N + R with
    /// R = x^(N+1)/(N+1)! (N+2)/(N+2-x) (the tail against a geometric series of ratio x/(N+2) < 1);
    /// for x < 0, e^x = 1/e^(-x).
    static func exp(_ x: Rational, terms n: Int = 60) throws -> Bracket {
        if x.signum < 0 { return try exp(-x, terms: n).reciprocal() }
        precondition(x < Rational(n + 2), "exp: too few terms for x")
        var sum = Rational.zero, term = Rational.one
        for k in 0...n {
            sum += term
            term = (term * x).divided(by: k + 1)   // x^(k+1)/(k+1)!
        }
        let tail = term * (try Rational(n + 2) / (Rational(n + 2) - x))
        return Bracket(sum, sum + tail)
    }

    /// e^x over a bracket of x (exp is increasing).
    static func exp(_ b: Bracket) throws -> Bracket { Bracket(try exp(b.lo).lo, try exp(b.hi).hi) }

    /// pi by Machin's formula pi = 16 arctan(1/5) - 4 arctan(1/239); arctan(y) = sum (-1)^k y^(2k+1)/(2k+1)
    /// alternates with decreasing terms for 0 < y < 1, so two consecutive partial sums bracket it.
    static func pi(terms n: Int = 40) throws -> Bracket {
        func arctan(_ y: Rational) throws -> Bracket {
            var sum = Rational.zero, power = y
            var previous = Rational.zero
            for k in 0...n {
                previous = sum
                let term = power.divided(by: 2 * k + 1)
                sum = k % 2 == 0 ? sum + term : sum - term
                power = power * y * y
            }
            return Bracket(min(previous, sum), max(previous, sum))
        }
        let a = try arctan(try Rational(1, 5)), b = try arctan(try Rational(1, 239))
        return a * Rational(16) - b * Rational(4)
    }

    /// Phi(t) = 1/2 + (1/sqrt(2 pi)) int_0^t e^(-u^2/2) du for 0 <= t <= 1, with
    /// int_0^t e^(-u^2/2) du = sum_n (-1)^n t^(2n+1) / (2^n n! (2n+1)): alternating, terms decreasing
    /// (t <= 1), so two consecutive partial sums bracket it.
    static func normalCDF(_ t: Rational, terms n: Int = 40) throws -> Bracket {
        precondition(t.signum >= 0 && t <= 1, "normalCDF: 0 <= t <= 1 here")
        var sum = Rational.zero, previous = Rational.zero, power = t, factor = Rational.one   // 1/(2^n n!)
        for k in 0...n {
            previous = sum
            let term = power * factor.divided(by: 2 * k + 1)
            sum = k % 2 == 0 ? sum + term : sum - term
            power = power * t * t
            factor = factor.divided(by: 2 * (k + 1))
        }
        let integral = Bracket(min(previous, sum), max(previous, sum))
        let c = squareRoot(try (try pi() * Rational(2)).reciprocal())
        return integral * c + (try Rational(1, 2))
    }

    /// tanh(u) = 1 - 2/(e^(2u) + 1), increasing in u.
    static func tanh(_ u: Bracket) throws -> Bracket {
        let e = try exp(u * Rational(2))
        let ratio = try Bracket(exactly: 2).divided(by: e + Rational.one)
        return Bracket(exactly: 1) - ratio
    }
}

extension Enclosure {
    /// True when the enclosure holds every point of `b` (so the real number `b` was proved to hold).
    func holds(_ b: Bracket) -> Bool { lowerBound <= b.lo && b.hi <= upperBound }

    /// True when the enclosure lies inside `b` (for a bracket wider than the enclosure).
    func isInside(_ b: Bracket) -> Bool { b.lo <= lowerBound && upperBound <= b.hi }

    /// upper - lower.
    var width: Rational { upperBound - lowerBound }
}

extension Bounds {
    func holds(_ b: Bracket) -> Bool { lower <= b.lo && b.hi <= upper }
}
