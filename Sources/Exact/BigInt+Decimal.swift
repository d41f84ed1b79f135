extension BigInt: CustomStringConvertible {
    /// Decimal text: optional '-' then digits, without leading zeros.
    /// - Complexity: O(n^2) limb operations, with a divide-and-conquer split by powers of
    ///   10^19 above `DecimalRadix.splitLimbs` limbs (smaller constant).
    public var description: String {
        if heap == nil { return String(word) }
        let chunks = withMagnitude { p, n in DecimalRadix.chunks(of: p, n) }
        let digitCount = chunks.count * 19
        return String(unsafeUninitializedCapacity: digitCount + 1) { buffer in
            var i = 0
            if isNegative { buffer[0] = UInt8(ascii: "-"); i = 1 }
            i = DecimalRadix.write(chunks[chunks.count - 1], padded: false, into: buffer, at: i)
            var k = chunks.count - 2
            while k >= 0 {
                i = DecimalRadix.write(chunks[k], padded: true, into: buffer, at: i)
                k -= 1
            }
            return i
        }
    }

    /// Parses an optional '-' followed by one or more ASCII digits; nil for anything else
    /// (no '+', no spaces, no underscores, no other digits than 0-9).
    /// - Complexity: quasi-linear times the multiplication cost (divide and conquer).
    public init?(decimal text: some StringProtocol) {
        var s = String(text)
        let parsed: BigInt? = s.withUTF8 { bytes in
            var start = 0
            var negative = false
            if bytes.first == UInt8(ascii: "-") { negative = true; start = 1 }
            if start == bytes.count { return nil }
            for i in start..<bytes.count where !(bytes[i] >= 48 && bytes[i] <= 57) { return nil }
            let v = DecimalRadix.value(ofDigits: UnsafeBufferPointer(rebasing: bytes[start...]))
            return negative ? -v : v
        }
        guard let v = parsed else { return nil }
        self = v
    }
}

/// Conversion between limbs and base 10^19 "chunks" (19 decimal digits per 64-bit word).
@usableFromInline
internal enum DecimalRadix {
    /// 10^19, the largest power of ten in a limb.
    @usableFromInline static let base: UInt64 = 10_000_000_000_000_000_000
    /// Above this many limbs, conversions split by powers 10^(19 * 2^k) (divide and conquer).
    @usableFromInline static let splitLimbs = 32

    /// Powers 10^(19 * 2^k) for k = 0, 1, ... up to at least `limbs` limbs.
    static func powers(upTo limbs: Int) -> [BigInt] {
        var p: [BigInt] = [BigInt(base)]
        while p[p.count - 1].limbCount * 2 <= limbs + 1 {
            p.append(p[p.count - 1] * p[p.count - 1])
        }
        return p
    }

    /// Base 10^19 digits of a[0..<n] (n >= 1), least significant first, without leading zero chunks.
    static func chunks(of a: ConstLimbPointer, _ n: Int) -> [UInt64] {
        var out: [UInt64] = []
        out.reserveCapacity(n * 64 / 63 + 2)
        if n <= splitLimbs {
            appendChunksQuadratic(a, n, into: &out)
        } else {
            let x = BigInt.build(capacity: n, negative: false) { p in p.update(from: a, count: n); return n }
            let table = powers(upTo: n)
            appendChunks(x, table, table.count - 1, pad: 0, into: &out)
        }
        while out.count > 1 && out[out.count - 1] == 0 { out.removeLast() }
        return out
    }

    /// Repeated division by 10^19.
    static func appendChunksQuadratic(_ a: ConstLimbPointer, _ n: Int, into out: inout [UInt64]) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(n, 1)) { buffer in
            let t = buffer.baseAddress.unsafelyUnwrapped
            t.update(from: a, count: n)
            var m = Limbs.normalizedCount(t, n)
            while m > 0 {
                out.append(Limbs.divRem1(t, t, m, base))
                m = Limbs.normalizedCount(t, m)
            }
        }
    }

    /// Appends the chunks of x (x < 10^(19 * 2^(k+1))), padded with zero chunks to `pad` chunks.
    static func appendChunks(_ x: BigInt, _ table: [BigInt], _ k: Int, pad: Int, into out: inout [UInt64]) {
        let start = out.count
        if x.limbCount <= splitLimbs || k < 0 {
            if !x.isZero { x.withMagnitude { p, n in appendChunksQuadratic(p, n, into: &out) } }
        } else if x.limbCount < table[k].limbCount {
            appendChunks(x, table, k - 1, pad: 0, into: &out)
        } else {
            let (q, r) = x.quotientAndRemainder(dividingBy: table[k])
            appendChunks(r, table, k - 1, pad: 1 << k, into: &out)
            appendChunks(q, table, k - 1, pad: 0, into: &out)
        }
        while out.count - start < pad { out.append(0) }
    }

    /// The value of ASCII decimal digits (the caller has checked they are digits; may be empty).
    static func value(ofDigits digits: UnsafeBufferPointer<UInt8>) -> BigInt {
        // Skip leading zeros.
        var s = 0
        while s < digits.count && digits[s] == 48 { s += 1 }
        let d = UnsafeBufferPointer(rebasing: digits[s...])
        if d.count <= 19 * splitLimbs { return valueQuadratic(d) }
        let table = powers(upTo: d.count / 19 + 1)
        return valueSplit(d, table, table.count - 1)
    }

    /// High digits times 10^(19 * 2^k) plus low digits, recursively.
    static func valueSplit(_ d: UnsafeBufferPointer<UInt8>, _ table: [BigInt], _ k: Int) -> BigInt {
        if d.count <= 19 * splitLimbs || k < 0 { return valueQuadratic(d) }
        let lowCount = 19 << k
        if d.count <= lowCount { return valueSplit(d, table, k - 1) }
        let high = valueSplit(UnsafeBufferPointer(rebasing: d[..<(d.count - lowCount)]), table, k - 1)
        let low = valueSplit(UnsafeBufferPointer(rebasing: d[(d.count - lowCount)...]), table, k - 1)
        return high * table[k] + low
    }

    /// 19 digits per multiply-add step.
    /// - Complexity: O(n^2 / 19^2) limb operations.
    static func valueQuadratic(_ d: UnsafeBufferPointer<UInt8>) -> BigInt {
        let n = d.count
        if n == 0 { return BigInt.zero }
        let capacity = n / 19 + 2
        return BigInt.build(capacity: capacity, negative: false) { r in
            var count = 0
            var i = 0
            var first = n % 19
            if first == 0 { first = 19 }
            while i < n {
                let len = i == 0 ? first : 19
                var chunk: UInt64 = 0
                var scale: UInt64 = 1
                for k in i..<(i + len) {
                    chunk = chunk &* 10 &+ UInt64(d[k] &- 48)
                    scale = scale &* 10
                }
                let carry = Limbs.mul1(r, r, count, scale)
                let c2 = Limbs.addLimb(r, count, chunk)
                if carry != 0 || c2 != 0 {
                    r[count] = carry &+ c2
                    count += 1
                }
                i += len
            }
            return count
        }
    }

    /// Writes the decimal digits of v (< 10^19), zero-padded to 19 when `padded`; returns the new index.
    static func write(_ v: UInt64, padded: Bool, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var x = v
        withUnsafeMutableBytes(of: &digits) { raw in
            let p = raw.bindMemory(to: UInt64.self)
            repeat {
                p[count] = x % 10
                x /= 10
                count += 1
            } while x != 0
            if padded { while count < 19 { p[count] = 0; count += 1 } }
            var i = index
            var k = count - 1
            while k >= 0 {
                buffer[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: p[k])
                i += 1
                k -= 1
            }
        }
        return index + count
    }
}
