/// The one-pass fast path for short number text: `-? digits ("." digits)? ([eE] [+-]? digits)?` with
/// at most 19 significant digits, and `-? digits "/" digits` with both parts below 2^63.
///
/// A decimal is one 64-bit significand m over 10^k = 2^k 5^k, so its lowest terms come from
/// cancelling powers of 2 (a trailing-zero count) and of 5 (at most k divisions by a constant),
/// with no big integer and no general gcd. The result is the same `Rational` as the general path
/// gives (lowest terms with a positive denominator are unique, and a value whose parts fit `Int64`
/// is always stored in the small form); anything outside this grammar, or a result part that does
/// not fit `Int64`, or one beyond `limits.maxBits`, returns nil and the general path decides, errors
/// included. Tests compare both paths on generated texts (`NumberParserShortTests`).
extension NumberParser {
    /// The value of the whole of `text` by the fast path, or nil (see the extension's comment).
    /// - Complexity: O(text.count), one pass.
    static func shortValue(_ text: UnsafeBufferPointer<UInt8>, limits: NumberLimits) -> Rational? {
        guard let (value, end) = shortPrefix(text, from: 0, fractions: true, limits: limits), end == text.count else {
            return nil
        }
        return value
    }

    /// The value of the longest number text of the short grammar starting at `start`, and the offset
    /// after it; nil when that text is not in the short grammar (without `p/q` unless `fractions`) or
    /// its value is not short. The caller checks what follows (a general parse of `text[start..<end]`
    /// gives the same value).
    /// - Complexity: O(length of the number text).
    static func shortPrefix(_ text: UnsafeBufferPointer<UInt8>, from start: Int, fractions: Bool,
                            limits: NumberLimits) -> (Rational, Int)? {
        let n = text.count
        var i = start
        let negative = i < n && text[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var m: UInt64 = 0
        var significant = 0
        let intStart = i
        while i < n, case let d = text[i] &- 48, d < 10 {
            if m != 0 || d != 0 { significant += 1 }
            m = m &* 10 &+ UInt64(d)
            i += 1
        }
        guard i > intStart, significant <= 19 else { return nil }
        if i < n && text[i] == UInt8(ascii: "/") {
            guard fractions, significant <= 18 else { return nil }
            i += 1
            let denStart = i
            var q: UInt64 = 0
            var denSignificant = 0
            while i < n, case let d = text[i] &- 48, d < 10 {
                if q != 0 || d != 0 { denSignificant += 1 }
                q = q &* 10 &+ UInt64(d)
                i += 1
            }
            guard i > denStart, denSignificant <= 18, q != 0 else { return nil }
            let p = negative ? -Int64(m) : Int64(m)
            guard let value = Rational.reducedSmall(p, Int64(q)), value.bitLength <= limits.maxBits else { return nil }
            return (value, i)
        }
        var k = 0  // the value is m / 10^k
        if i < n && text[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < n, case let d = text[i] &- 48, d < 10 {
                if m != 0 || d != 0 { significant += 1 }
                m = m &* 10 &+ UInt64(d)
                i += 1
            }
            guard i > fracStart, significant <= 19 else { return nil }
            k = i - fracStart
        }
        if i < n && (text[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < n && (text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-")) {
                exponentNegative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            let expStart = i
            var e = 0
            while i < n, case let d = text[i] &- 48, d < 10 {
                e = e * 10 + Int(d)
                guard e <= 40 else { return nil }
                i += 1
            }
            guard i > expStart, e <= limits.maxExponent else { return nil }
            k += exponentNegative ? e : -e
        }
        if m == 0 { return (.zero, i) }
        guard let value = Rational.decimalSmall(m, negative: negative, scale: k),
              value.bitLength <= limits.maxBits else { return nil }
        return (value, i)
    }
}

extension Rational {
    /// The value of the number text starting at `start` in `bytes` and the offset after it, when that
    /// text is short (see `NumberParser+Short.swift`); nil otherwise. For readers that find a number's
    /// end and value in one pass: `Rational(parsingUTF8:)` of `bytes[start..<end]` gives the same value,
    /// and the caller checks that `bytes[end]` cannot continue the number.
    /// - Parameter fractions: whether `p/q` is read (exact number text) or not (a JSON number).
    /// - Complexity: O(end - start).
    @inline(__always)
    package static func shortPrefix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, fractions: Bool,
                                    limits: NumberLimits) -> (value: Rational, end: Int)? {
        guard let (value, end) = NumberParser.shortPrefix(bytes, from: start, fractions: fractions, limits: limits),
              end - start <= limits.maxTextLength else { return nil }
        return (value, end)
    }

    /// ±m / 10^k in lowest terms for m > 0, cancelling only powers of 2 and 5; nil when a part does
    /// not fit `Int64` (or |k| is beyond what a word can hold).
    /// - Complexity: O(1): one trailing-zero count and at most min(k, 27) exact divisions by 5.
    @usableFromInline
    internal static func decimalSmall(_ m: UInt64, negative: Bool, scale k: Int) -> Rational? {
        var m = m
        if k <= 0 {
            // An integer: m * 10^-k (powers multiplied out: no table, so no lazy global in the loop).
            guard k >= -18 else { return nil }
            for _ in 0 ..< -k {
                let (p, o) = m.multipliedReportingOverflow(by: 10)
                guard !o else { return nil }
                m = p
            }
            if negative {
                guard m <= 1 << 63 else { return nil }
                return Rational(smallNumerator: Int64(bitPattern: 0 &- m), denominator: 1)
            }
            guard m <= UInt64(Int64.max) else { return nil }
            return Rational(smallNumerator: Int64(m), denominator: 1)
        }
        // m / (2^k 5^k): cancel 2s by a trailing-zero count, 5s one at a time (at most k); what is
        // left of 5^k 2^k must fit (10^k with k >= 19 can, after cancelling).
        let twosCancelled = Swift.min(m.trailingZeroBitCount, k)
        m >>= UInt64(twosCancelled)
        let twos = k - twosCancelled
        var fives = k
        // Exact division by 5 through its inverse modulo 2^64: m is a multiple of 5 exactly when
        // m * inverse (mod 2^64) <= (2^64 - 1) / 5, and that product is then m / 5 (Hacker's
        // Delight, 2nd ed., section 10-17).
        let inverseOfFive: UInt64 = 0xCCCC_CCCC_CCCC_CCCD
        while fives > 0 {
            let q = m &* inverseOfFive
            guard q <= UInt64.max / 5 else { break }
            m = q
            fives -= 1
        }
        guard twos <= 62, fives <= 27 else { return nil }
        var d = Int64(1) << Int64(twos)
        for _ in 0..<fives {
            let (p, o) = d.multipliedReportingOverflow(by: 5)
            guard !o else { return nil }
            d = p
        }
        if negative {
            guard m <= 1 << 63 else { return nil }
            return Rational(smallNumerator: Int64(bitPattern: 0 &- m), denominator: d)
        }
        guard m <= UInt64(Int64.max) else { return nil }
        return Rational(smallNumerator: Int64(m), denominator: d)
    }
}
