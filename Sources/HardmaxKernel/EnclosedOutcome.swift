import Exact
import HardmaxModel

/// What a replay with enclosures showed of a sequence (SPEC.md section 11).
public struct EnclosedOutcome: Sendable, Equatable {
    /// pass, fail, or undecided at every precision tried.
    public var status: EnclosedStatus
    /// An interval holding the real margin (classes readout; nil when there is none).
    public var margin: Bounds?
    /// An interval holding the real error (value readout).
    public var error: Bounds?
    /// The working precision in bits of the replay that decided it; nil when every value read stayed
    /// an exact rational.
    public var precision: Int?

    public init(status: EnclosedStatus, margin: Bounds?, error: Bounds?, precision: Int?) {
        (self.status, self.margin, self.error, self.precision) = (status, margin, error, precision)
    }
}

public enum EnclosedStatus: String, Sendable, Equatable {
    case pass
    case fail
    case undecided
}

/// A closed interval [lower, upper] with exact ends.
public struct Bounds: Sendable, Equatable {
    public var lower: Rational
    public var upper: Rational

    public init(lower: Rational, upper: Rational) {
        precondition(lower <= upper, "Bounds: lower above upper")
        (self.lower, self.upper) = (lower, upper)
    }

    /// The ends of an enclosure.
    package init(_ e: Enclosure) { self.init(lower: e.lowerBound, upper: e.upperBound) }

    /// True when the intervals share a point: two sound enclosures of one real always do.
    public func meets(_ other: Bounds) -> Bool { lower <= other.upper && other.lower <= upper }

    /// [min lower, min upper] and [max lower, max upper]: intervals of the least and the largest.
    package static func least(_ a: Bounds, _ b: Bounds) -> Bounds {
        Bounds(lower: min(a.lower, b.lower), upper: min(a.upper, b.upper))
    }
    package static func largest(_ a: Bounds, _ b: Bounds) -> Bounds {
        Bounds(lower: max(a.lower, b.lower), upper: max(a.upper, b.upper))
    }
}

/// How a certificate's model was replayed: exactly with hardmax (SPEC.md section 4), or with
/// enclosures under softmax or under hardmax with layer normalization or GELU (section 11).
public enum ReplaySemantics: String, Sendable, Equatable {
    case hardmax
    case softmax
    case hardmaxEnclosure = "hardmax-enclosure"
}

extension Model {
    public var replaySemantics: ReplaySemantics {
        semantics == .softmax ? .softmax : (needsEnclosures ? .hardmaxEnclosure : .hardmax)
    }
}

extension SequenceLabels {
    /// Entries of a row's `predicted`: one for one label, one per position for per-token labels.
    var predictionCount: Int {
        if case .perToken(let labels) = self { return labels.count }
        return 1
    }
}
