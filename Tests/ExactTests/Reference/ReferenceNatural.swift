/// A natural number for differential tests of `Exact`: base 2^32 digits in a plain array.
///
/// Contract: `digits` are least significant first and never end in a zero digit, so zero is
/// the empty array and equal values have equal digits. Every operation is the schoolbook method
/// with `UInt64` intermediates, chosen to be short and obviously right, not fast. Nothing in
/// `Reference/` uses `Exact` (except the bridge, `ReferenceBridge.swift`) or unsafe code.
struct ReferenceNatural: Hashable {
    /// Base 2^32 digits, least significant first, without a most significant zero digit.
    private(set) var digits: [UInt32]

    /// The value of the digits, least significant first (most significant zeros allowed).
    init(digits: [UInt32]) {
        var d = digits
        while d.last == 0 { d.removeLast() }
        self.digits = d
    }

    /// The value v.
    init(_ v: UInt64) { self.init(digits: [UInt32(truncatingIfNeeded: v), UInt32(v >> 32)]) }

    /// The value of 64-bit limbs, least significant first (most significant zeros allowed).
    init(limbs: [UInt64]) {
        self.init(digits: limbs.flatMap { [UInt32(truncatingIfNeeded: $0), UInt32($0 >> 32)] })
    }

    static let zero = ReferenceNatural(digits: [])

    var isZero: Bool { digits.isEmpty }

    /// Digit i, or 0 beyond the top.
    func digit(_ i: Int) -> UInt64 { i < digits.count ? UInt64(digits[i]) : 0 }

    /// The value as 64-bit limbs, least significant first, without a most significant zero limb.
    var limbs: [UInt64] {
        stride(from: 0, to: digits.count, by: 2).map { i in digit(i) | digit(i + 1) << 32 }
    }
}

extension ReferenceNatural: Comparable {
    /// More digits is larger; otherwise the first differing digit from the top decides.
    static func < (a: ReferenceNatural, b: ReferenceNatural) -> Bool {
        if a.digits.count != b.digits.count { return a.digits.count < b.digits.count }
        for i in a.digits.indices.reversed() where a.digits[i] != b.digits[i] {
            return a.digits[i] < b.digits[i]
        }
        return false
    }
}
