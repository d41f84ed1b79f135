import Foundation
import Testing
@testable import Exact

/// One line of Fixtures/enclosure-references.txt (see make_enclosure_fixtures.py there).
struct EnclosureReference: CustomStringConvertible, Sendable {
    let function: String
    let argumentText: String
    let argument: Rational
    /// The reference value to 1100 significant digits; within 10^-1098 of the real value, relatively.
    let value: Rational

    var description: String { "\(function)(\(argumentText))" }

    /// Wide limits: exp(1000000) has a 434295-digit reference.
    static let limits = NumberLimits(maxTextLength: 1 << 20, maxExponent: 1 << 20, maxBits: 1 << 22)

    static let all: [EnclosureReference] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/enclosure-references.txt").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            preconditionFailure("cannot read \(path)")
        }
        return text.split(separator: "\n").map { line in
            let f = line.split(separator: " ")
            precondition(f.count == 3, "bad fixture line: \(line.prefix(60))")
            do {
                return EnclosureReference(function: String(f[0]), argumentText: String(f[1]),
                                          argument: try Rational(parsing: f[1], limits: limits),
                                          value: try Rational(parsing: f[2], limits: limits))
            } catch {
                preconditionFailure("bad fixture number in \(line.prefix(60)): \(error)")
            }
        }
    }()

    /// The real value lies in value * [1 - 10^-1090, 1 + 10^-1090] (a bracket, so that a sound
    /// enclosure must meet it whatever the last printed digit).
    var bracket: (Rational, Rational) {
        let r = value * Rational(reducedNumerator: BigInt(1), denominator: BigInt(10).power(1090))
        let a = value - r, b = value + r
        return a < b ? (a, b) : (b, a)
    }

    static func named(_ names: String...) -> [EnclosureReference] { all.filter { names.contains($0.function) } }
}

@Suite struct EnclosureReferenceTests {
    static let precisions = [64, 128, 256, 1024]

    /// The stated width bound: 2^(3-p) |f(x)| for every function here (the doc comments of
    /// `Enclosure.exp`, `erf`, `tanh`, `squareRoot`, `pi`, `ln2`).
    static let widthExponent = 3

    func evaluate(_ r: EnclosureReference, _ p: Int) throws -> Enclosure {
        let x = Enclosure(r.argument)
        switch r.function {
        case "exp": return try x.exp(precision: p)
        case "erf": return x.erf(precision: p)
        case "tanh": return x.tanh(precision: p)
        case "sqrt": return try x.squareRoot(precision: p)
        case "pi": return Enclosure.pi(precision: p).multiplied(by: r.argument, precision: p)
        case "ln2": return Enclosure.ln2(precision: p).multiplied(by: r.argument, precision: p)
        default: preconditionFailure("unknown function \(r.function)")
        }
    }

    func check(_ r: EnclosureReference, precision p: Int) throws {
        let y = try evaluate(r, p)
        y.checkInvariants()
        if r.value.isZero {
            #expect(y.exactValue == .zero, "\(r) at p = \(p): \(y) is not the exact point 0")
            return
        }
        let (b1, b2) = r.bracket
        #expect(Enclosure.End.compare(y.lowerEnd, .rational(b2)) <= 0 && Enclosure.End.compare(.rational(b1), y.upperEnd) <= 0,
                "\(r) at p = \(p): \(y) misses the reference")
        if let (l, h) = y.interval {
            #expect(l.mantissa.bitLength <= p && h.mantissa.bitLength <= p, "\(r) at p = \(p): ends wider than p bits")
            let magnitude = r.value.signum < 0 ? -r.value : r.value
            let bound = magnitude * Dyadic(mantissa: BigInt(1), exponent: Self.widthExponent - p).rational
            #expect(Dyadic.compare(y.width(precision: 64), bound) <= 0,
                    "\(r) at p = \(p): width \(y.width(precision: 16)) above 2^(\(Self.widthExponent) - p) |f(x)|")
        }
    }

    @Test(arguments: precisions)
    func exponential(precision: Int) throws {
        for r in EnclosureReference.named("exp") { try check(r, precision: precision) }
    }

    @Test(arguments: precisions)
    func errorFunction(precision: Int) throws {
        for r in EnclosureReference.named("erf") { try check(r, precision: precision) }
    }

    @Test(arguments: precisions)
    func hyperbolicTangent(precision: Int) throws {
        for r in EnclosureReference.named("tanh") { try check(r, precision: precision) }
    }

    @Test(arguments: precisions)
    func squareRoot(precision: Int) throws {
        for r in EnclosureReference.named("sqrt") { try check(r, precision: precision) }
    }

    @Test(arguments: precisions)
    func constants(precision: Int) throws {
        for r in EnclosureReference.named("pi", "ln2") { try check(r, precision: precision) }
    }

    /// Every function and constant of the fixture is exercised (a renamed function would
    /// otherwise test nothing).
    @Test func fixtureCoversEveryFunction() {
        let names = Set(EnclosureReference.all.map(\.function))
        #expect(names == ["exp", "erf", "tanh", "sqrt", "pi", "ln2"])
        #expect(EnclosureReference.all.count >= 80)
    }
}
