extension BigInt: CustomStringConvertible {
    /// 10^19, the largest power of ten in a limb.
    @usableFromInline static let chunkBase: UInt64 = 10_000_000_000_000_000_000
    @usableFromInline static let chunkDigits = 19

    /// Decimal text: optional '-' then digits, no leading zeros.
    public var description: String {
        if isZero { return "0" }
        // Split into base-10^19 chunks, least significant first.
        var chunks: [UInt64] = []
        chunks.reserveCapacity(limbs.count * 64 / 63 + 1)
        var m = limbs
        while !m.isEmpty {
            let (q, r) = Magnitude.divide(m, by: BigInt.chunkBase)
            chunks.append(r)
            m = q
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunks.count * 19 + 1)
        if negative { bytes.append(UInt8(ascii: "-")) }
        BigInt.appendDigits(of: chunks[chunks.count - 1], padded: false, to: &bytes)
        var i = chunks.count - 2
        while i >= 0 {
            BigInt.appendDigits(of: chunks[i], padded: true, to: &bytes)
            i -= 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the decimal digits of v (< 10^19), zero-padded to 19 digits when `padded`.
    @usableFromInline
    static func appendDigits(of v: UInt64, padded: Bool, to bytes: inout [UInt8]) {
        var buf = [UInt8](repeating: UInt8(ascii: "0"), count: 19)
        var x = v
        var i = 19
        repeat {
            i -= 1
            buf[i] = UInt8(ascii: "0") + UInt8(x % 10)
            x /= 10
        } while x != 0
        bytes.append(contentsOf: buf[(padded ? 0 : i)...])
    }

    /// Parses an optional '-' followed by one or more ASCII digits; nil for anything else
    /// (no '+', no spaces, no underscores).
    public init?(decimal text: some StringProtocol) {
        var bytes = Array(text.utf8)
        var neg = false
        var start = 0
        if bytes.first == UInt8(ascii: "-") { neg = true; start = 1 }
        if start == bytes.count { return nil }
        for i in start..<bytes.count where !(bytes[i] >= 48 && bytes[i] <= 57) { return nil }
        let mag = bytes.withUnsafeMutableBufferPointer { p in
            Magnitude.fromDecimalDigits(UnsafeBufferPointer(rebasing: p[start...]))
        }
        self.init(normalizedLimbs: mag, negative: neg)
    }
}

extension Magnitude {
    /// The magnitude of a run of ASCII decimal digits (the caller has checked they are digits).
    @usableFromInline
    static func fromDecimalDigits(_ digits: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var r: [UInt64] = []
        r.reserveCapacity(digits.count / 19 + 2)
        var i = 0
        let n = digits.count
        // First chunk takes the leftover so the rest are full 19-digit chunks.
        var first = n % 19
        if first == 0 { first = min(19, n) }
        while i < n {
            let len = i == 0 ? first : 19
            var chunk: UInt64 = 0
            var scale: UInt64 = 1
            for k in i..<(i + len) {
                chunk = chunk &* 10 &+ UInt64(digits[k] &- 48)
                scale = scale &* 10
            }
            // r = r * scale + chunk
            var carry = chunk
            for k in 0..<r.count {
                let (hi, lo) = r[k].multipliedFullWidth(by: scale)
                let (s, o) = lo.addingReportingOverflow(carry)
                r[k] = s
                carry = hi &+ (o ? 1 : 0)
            }
            if carry != 0 { r.append(carry) }
            i += len
        }
        normalize(&r)
        return r
    }
}
