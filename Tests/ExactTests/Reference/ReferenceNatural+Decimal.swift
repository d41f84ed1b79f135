/// Decimal text of `ReferenceNatural`, nine digits (one base 10^9 chunk) at a time.
extension ReferenceNatural {
    /// Decimal digits without leading zeros, "0" for zero: the base 10^9 chunks come from
    /// repeated short division by 10^9, least significant first.
    var decimal: String {
        var chunks: [UInt32] = []
        var x = self
        while !x.isZero {
            let (q, r) = x.quotientAndRemainder(dividingByDigit: 1_000_000_000)
            chunks.append(r)
            x = q
        }
        guard let top = chunks.popLast() else { return "0" }
        var text = String(top)
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }

    /// The value of one or more ASCII digits 0-9 (leading zeros allowed); nil for anything
    /// else. Reads up to nine digits at a time: x = x * 10^count + chunk.
    init?(decimal text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var x = ReferenceNatural.zero
        var start = 0
        while start < bytes.count {
            let end = min(start + 9, bytes.count)
            var chunk: UInt64 = 0, scale: UInt64 = 1
            for b in bytes[start..<end] {
                chunk = chunk * 10 + UInt64(b - 48)
                scale *= 10
            }
            x = x * ReferenceNatural(scale) + ReferenceNatural(chunk)
            start = end
        }
        self = x
    }
}
