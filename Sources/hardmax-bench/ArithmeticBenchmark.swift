// `hardmax-bench arithmetic [--repeat N] [--workload NAME] [--per-row-lcm]`: the nine workloads
// of /work/shared/bench/rational_anchor.py rebuilt exactly (same generator, same inputs, same
// checksum), timed on the affine chain x <- W_l x + b_l only; seconds are the best of N runs
// (default 5), printed from integer nanoseconds. One JSON line per workload.
// Each row is a `DotAccumulator` seeded with the lcm of the denominators of x (computed once
// per layer, inside the timing); `--per-row-lcm` starts every row from 1 instead.
// Measurement helpers: `--measure-karatsuba`, `--measure-gcd`, `--measure-text`.
import Exact
import Foundation

/// Runs the arithmetic benchmark; `arguments` are the words after the subcommand name (a leading
/// "arithmetic" is skipped). Returns the process exit code.
func runArithmeticBenchmark(arguments: [String]) -> Int32 {
    var args = arguments
    if args.first == "arithmetic" { args.removeFirst() }
    var repeats = 5
    var only: String? = nil
    var shared = true
    var i = 0
    while i < args.count {
        switch args[i] {
        case "--repeat":
            guard i + 1 < args.count, let n = Int(exactly: ArithmeticBenchmark.parseCount(args[i + 1]) ?? -1), n >= 1 else {
                printError("hardmax-bench arithmetic: --repeat needs a positive integer")
                return 2
            }
            repeats = n
            i += 2
        case "--per-row-lcm":
            shared = false
            i += 1
        case "--workload":
            guard i + 1 < args.count else {
                printError("hardmax-bench arithmetic: --workload needs a name like affine-small-d16-L4")
                return 2
            }
            only = args[i + 1]
            i += 2
        case "--measure-karatsuba":
            ArithmeticBenchmark.measureKaratsuba()
            return 0
        case "--measure-gcd":
            ArithmeticBenchmark.measureGCD()
            return 0
        case "--measure-text":
            return ArithmeticBenchmark.measureText()
        default:
            printError("hardmax-bench arithmetic: unknown argument '\(args[i])'; usage: hardmax-bench arithmetic [--repeat N]")
            return 2
        }
    }
    for (kind, d, layers) in ArithmeticBenchmark.workloads {
        if let name = only, name != "affine-\(kind)-d\(d)-L\(layers)" { continue }
        let (ws, x0) = ArithmeticBenchmark.build(kind: kind, d: d, layers: layers)
        var best = UInt64.max
        var out: [Rational] = []
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            out = ArithmeticBenchmark.run(ws, x0, shared: shared)
            best = min(best, ArithmeticBenchmark.nanoseconds(ContinuousClock.now - start))
        }
        let bits = out.map(\.bitLength).max() ?? 0
        print("{\"workload\": \"affine-\(kind)-d\(d)-L\(layers)\", \"impl\": \"hardmax\", \"seconds\": "
              + ArithmeticBenchmark.seconds(best) + ", \"bits\": \(bits), \"checksum\": \""
              + ArithmeticBenchmark.checksum(out) + "\"}")
    }
    return 0
}

private func printError(_ s: String) {
    var e = StandardErrorStream()
    print(s, to: &e)
}

private struct StandardErrorStream: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

enum ArithmeticBenchmark {
    static let workloads: [(String, Int, Int)] = ["dyadic", "dec6", "small"].flatMap { kind in
        [(16, 4), (32, 4), (64, 3)].map { (kind, $0.0, $0.1) }
    }

    /// The anchor's generator: 64-bit LCG, output state >> 11.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        mutating func dyadic() -> Rational {
            let m = Int(next() % (1 << 24)) - (1 << 23)
            let k = 20 + Int(next() % 11)
            return Rational.exactly(BigInt(m), BigInt(1) << k)
        }
        mutating func dec6() -> Rational {
            Rational.exactly(BigInt(Int(next() % 6_000_001) - 3_000_000), BigInt(1_000_000))
        }
        mutating func small() -> Rational {
            let p = Int(next() % 199) - 99
            let q = 1 + Int(next() % 99)
            return Rational.exactly(BigInt(p), BigInt(q))
        }
        mutating func make(_ kind: String) -> Rational {
            switch kind {
            case "dyadic": return dyadic()
            case "dec6": return dec6()
            default: return small()
            }
        }
    }

    typealias Layer = (w: [[Rational]], b: [Rational])

    static func build(kind: String, d: Int, layers: Int) -> ([Layer], [Rational]) {
        var g = Generator(state: 1)
        var ls: [Layer] = []
        for _ in 0..<layers {
            var w: [[Rational]] = []
            for _ in 0..<d { w.append((0..<d).map { _ in g.make(kind) }) }
            let b = (0..<d).map { _ in g.make(kind) }
            ls.append((w, b))
        }
        let x = (0..<d).map { _ in g.dec6() }
        return (ls, x)
    }

    /// The timed part: for each layer, x <- W x + b. With `shared`, every row's accumulator
    /// starts from the lcm of the denominators of x (computed once per layer, inside the timing).
    static func run(_ layers: [Layer], _ x0: [Rational], shared: Bool = true) -> [Rational] {
        var x = x0
        var next = [Rational](repeating: .zero, count: x0.count)
        for (w, b) in layers {
            let common = shared ? DotAccumulator.lcmOfDenominators(x) : BigInt(1)
            for i in 0..<w.count {
                var acc = DotAccumulator(commonDenominator: common)
                // Through buffer pointers: elements are passed borrowed, without reference counting.
                w[i].withUnsafeBufferPointer { row in
                    x.withUnsafeBufferPointer { xs in
                        for j in 0..<row.count { acc.add(row[j], times: xs[j]) }
                    }
                }
                acc.add(b[i])
                next[i] = acc.value
            }
            swap(&x, &next)
        }
        return x
    }

    /// sum of (num mod P) * 3 + (den mod P), mod P = 2^61 - 1, as lower-case hex.
    static func checksum(_ xs: [Rational]) -> String {
        let p = BigInt((1 << 61) - 1)
        var c = BigInt(0)
        for v in xs {
            var n = v.numerator % p
            if n.signum < 0 { n += p }
            c = (c + n * BigInt(3) + v.denominator % p) % p
        }
        return String(c.intValue ?? 0, radix: 16)
    }

    static func nanoseconds(_ d: Duration) -> UInt64 {
        let (s, atto) = d.components
        return UInt64(s) * 1_000_000_000 + UInt64(atto / 1_000_000_000)
    }

    /// Integer nanoseconds as decimal seconds text with 9 fractional digits.
    static func seconds(_ ns: UInt64) -> String {
        let frac = String(ns % 1_000_000_000)
        return "\(ns / 1_000_000_000)." + String(repeating: "0", count: 9 - frac.count) + frac
    }

    /// A decimal count from ASCII digits only (no sign, no spaces), or nil.
    static func parseCount(_ s: String) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 9, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return s.utf8.reduce(0) { $0 * 10 + Int($1 - 48) }
    }
}

extension Rational {
    /// n/d for a denominator the caller knows is nonzero.
    static func exactly(_ n: BigInt, _ d: BigInt) -> Rational {
        do { return try Rational(n, d) } catch { preconditionFailure("zero denominator in benchmark input") }
    }
}

// MARK: - Algorithm measurements (`arithmetic --measure-karatsuba`, `arithmetic --measure-gcd`)

extension ArithmeticBenchmark {
    static func randomLimbs(_ g: inout Generator, _ n: Int) -> [UInt64] {
        var r = (0..<n).map { _ in (g.next() << 32) ^ g.next() }
        r[n - 1] |= 1 << 63
        return r
    }

    /// Thread CPU time in nanoseconds (less disturbed than wall time on a shared machine).
    static func cpuNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    /// Best-of-5 thread-CPU nanoseconds per call of `body`, run `iterations` times per sample.
    static func timePerCall(iterations: Int, _ body: () -> Void) -> UInt64 {
        var best = UInt64.max
        for _ in 0..<5 {
            let start = cpuNanoseconds()
            for _ in 0..<iterations { body() }
            best = min(best, (cpuNanoseconds() - start) / UInt64(iterations))
        }
        return best
    }

    /// Nanoseconds per n x n multiplication: schoolbook vs one Karatsuba level over schoolbook
    /// (threshold = n), interleaved, best of several rounds. The crossover is the threshold.
    static func measureKaratsuba() {
        var g = Generator(state: 7)
        print("limbs schoolbook karatsuba-one-level ratio%")
        for n in [12, 16, 20, 24, 28, 32, 36, 40, 48, 56, 64, 80, 96, 128] {
            let a = randomLimbs(&g, n), b = randomLimbs(&g, n)
            let iterations = max(3, 400_000 / (n * n))
            var sink: UInt64 = 0
            var school = UInt64.max, kara = UInt64.max
            for _ in 0..<7 {
                school = min(school, timePerCall(iterations: iterations) { sink &+= ExactMeasurement.multiply(a, b, threshold: Int.max)[n] })
                kara = min(kara, timePerCall(iterations: iterations) { sink &+= ExactMeasurement.multiply(a, b, threshold: n)[n] })
            }
            print("\(n) \(school) \(kara) \(kara * 100 / school)" + (sink == 42 ? " " : ""))
        }
    }

    /// Nanoseconds per gcd of two random n-limb numbers (coprime-ish), Lehmer vs binary.
    static func measureGCD() {
        var g = Generator(state: 11)
        print("limbs lehmer binary")
        for n in [2, 3, 4, 5, 6, 8, 12, 16, 32, 64, 128] {
            let pairs = (0..<16).map { _ in (randomLimbs(&g, n), randomLimbs(&g, n)) }
            let iterations = max(2, 20_000 / (n * n))
            var sink: UInt64 = 0
            let lehmer = timePerCall(iterations: iterations) {
                for (a, b) in pairs { sink &+= ExactMeasurement.gcd(a, b, lehmer: true)[0] }
            } / 16
            let binary = timePerCall(iterations: iterations) {
                for (a, b) in pairs { sink &+= ExactMeasurement.gcd(a, b, lehmer: false)[0] }
            } / 16
            print("\(n) \(lehmer) \(binary)" + (sink == 42 ? " " : ""))
        }
    }
}

extension ArithmeticBenchmark {
    /// Milliseconds for long number text: parse and print 100000 digits, and 1e+-100000.
    static func measureText() -> Int32 {
        var g = Generator(state: 3)
        let digits = String((0..<99_999).map { i in Character(Unicode.Scalar(UInt8(i == 0 ? 49 : 48 + Int(g.next() % 10)))) })
        do {
            var value = Rational.zero
            let parse = timePerCall(iterations: 3) { value = (try? Rational(parsing: digits)) ?? .zero }
            var text = ""
            let printing = timePerCall(iterations: 3) { text = value.description }
            guard text == digits else { printError("round trip failed"); return 1 }
            let e1 = timePerCall(iterations: 3) { _ = try? Rational(parsing: "1e100000") }
            let e2 = timePerCall(iterations: 3) { _ = try? Rational(parsing: "-7.5e-100000") }
            let frac = "0." + digits.dropLast(2)
            let f = timePerCall(iterations: 3) { _ = try? Rational(parsing: frac) }
            _ = try Rational(parsing: "1e100000")
            let shortTexts = ["0.125", "-3/4", "1.5e-3", "0x1.8p-3", "123456", "-0.000731", "2.5E+2", "-17"]
            var sink = 0
            let short = timePerCall(iterations: 20_000) {
                for t in shortTexts { sink &+= (try? Rational(parsing: t))?.signum ?? 0 }
            } / UInt64(shortTexts.count)
            print("parse short numbers: \(short) ns each" + (sink == 42 ? " " : ""))
            print("parse 99999 digits: \(seconds(parse)) s; print: \(seconds(printing)) s")
            print("parse 1e100000: \(seconds(e1)) s; -7.5e-100000: \(seconds(e2)) s; 0.<99997 digits>: \(seconds(f)) s")
        } catch {
            printError("\(error)")
            return 1
        }
        return 0
    }
}
