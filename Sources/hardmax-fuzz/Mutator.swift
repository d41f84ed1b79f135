import HardmaxConstruction

/// One fuzz input: its bytes, the seed it came from, and the mutations that made it (for reports and
/// `--replay`).
struct FuzzInput {
    var bytes: [UInt8]
    var seed: Seed
    var steps: [String] = []
    /// A generated hostile shape (replay target), whose reading and outcomes are checked more strictly.
    var hostile: HostileShapes.Shape? = nil
    /// True for an unmodified seed, which the reader must accept.
    var isUnmodifiedSeed: Bool { steps == ["unmodified seed"] }
}

/// A valid input to mutate: a name (shown in reports), a file name (its extension selects the format
/// where the reader looks at it) and the bytes.
struct Seed {
    let name: String
    let file: String
    let bytes: [UInt8]
}

/// Makes input `index` of a target from its seeds: the first inputs are the seeds themselves, then
/// truncations, splices and stacks of one to five mutations (byte-level, and structural ones that know
/// JSON, numbers and binary length fields).
struct Mutator {
    enum Kind { case text, binary }
    let kind: Kind
    /// Tokens worth inserting for this target (keywords, numbers, delimiters).
    let dictionary: [[UInt8]]

    func input(index: Int, seeds: [Seed], rng: inout SplitMix64) -> FuzzInput {
        if index < seeds.count {
            return FuzzInput(bytes: seeds[index].bytes, seed: seeds[index], steps: ["unmodified seed"])
        }
        let seed = rng.pick(seeds)
        var input = FuzzInput(bytes: seed.bytes, seed: seed)
        let mode = rng.below(100)
        if mode < 10 {
            let cut = rng.below(max(input.bytes.count, 1))
            input.bytes.removeSubrange(cut...)
            input.steps.append("truncate at \(cut)")
            return input
        }
        if mode < 20 {
            let other = rng.pick(seeds).bytes
            let a = rng.below(input.bytes.count + 1), b = rng.below(other.count + 1)
            input.bytes = Array(input.bytes[..<a]) + other[b...]
            input.steps.append("splice [..<\(a)] + other[\(b)...]")
        }
        let count = [1, 1, 1, 2, 2, 3, 4, 5][rng.below(8)]
        for _ in 0..<count { mutate(&input, rng: &rng) }
        return input
    }

    /// Applies one mutation chosen by `rng` (or mutation number `only`).
    func mutate(_ input: inout FuzzInput, rng: inout SplitMix64, only: Int? = nil) {
        let textual = kind == .text
        // Weights: (text, binary) per mutation.
        let table: [(Int, Int)] = [(14, 20), (10, 14), (14, 8), (10, 10), (8, 10), (4, 6), (12, 2), (4, 1),
                                    (4, 2), (6, 3), (4, 0), (2, 18), (4, 4)]
        let weights = table.map { textual ? $0.0 : $0.1 }
        var r = rng.below(weights.reduce(0, +))
        var choice = 0
        while r >= weights[choice] { r -= weights[choice]; choice += 1 }
        if let only { choice = only }
        let n = input.bytes.count
        switch choice {
        case 0: flipBits(&input, rng: &rng)
        case 1 where n > 0:
            let at = rng.below(n)
            let value = rng.chance(50) ? UInt8(truncatingIfNeeded: rng.next()) : rng.pick(Self.interestingBytes)
            input.bytes[at] = value
            input.steps.append("byte \(at) = \(value)")
        case 2:
            let token = rng.pick(dictionary)
            let at = rng.below(n + 1)
            input.bytes.insert(contentsOf: token, at: at)
            input.steps.append("insert \(Self.show(token)) at \(at)")
        case 3 where n > 0:
            let at = rng.below(n)
            let length = 1 + rng.below(min(n - at, rng.chance(80) ? 8 : 512))
            input.bytes.removeSubrange(at..<(at + length))
            input.steps.append("delete \(length) bytes at \(at)")
        case 4 where n > 0:
            let at = rng.below(n)
            let length = 1 + rng.below(min(n - at, 256))
            let chunk = Array(input.bytes[at..<(at + length)])
            let to = rng.below(n + 1)
            let times = rng.chance(80) ? 1 : min(rng.pick([2, 10, 100, 1000]), max(1, 1_000_000 / length))
            for _ in 0..<times { input.bytes.insert(contentsOf: chunk, at: to) }
            input.steps.append("duplicate \(length) bytes at \(at) to \(to) x\(times)")
        case 5:
            let count = 1 + rng.below(8)
            let at = rng.below(n + 1)
            input.bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
            input.steps.append("insert \(count) random bytes at \(at)")
        case 6: replaceNumber(&input, rng: &rng)
        case 7: deepNesting(&input, rng: &rng)
        case 8: longDigits(&input, rng: &rng)
        case 9: duplicateLine(&input, rng: &rng)
        case 10: replaceString(&input, rng: &rng)
        case 11: overwriteInteger(&input, rng: &rng)
        case 12 where n > 0:
            let cut = rng.below(n)
            input.bytes.removeSubrange(cut...)
            input.steps.append("truncate at \(cut)")
        default:
            flipBits(&input, rng: &rng)
        }
    }

    private func flipBits(_ input: inout FuzzInput, rng: inout SplitMix64) {
        guard !input.bytes.isEmpty else { return }
        let flips = 1 + rng.below(4)
        for _ in 0..<flips {
            let at = rng.below(input.bytes.count), bit = rng.below(8)
            input.bytes[at] ^= 1 << UInt8(bit)
            input.steps.append("flip bit \(bit) of byte \(at)")
        }
    }

    /// Replaces the number lexeme at or after a random position with an interesting number.
    private func replaceNumber(_ input: inout FuzzInput, rng: inout SplitMix64) {
        let b = input.bytes
        guard !b.isEmpty else { return }
        var start = rng.below(b.count)
        while start < b.count && !Self.isNumberByte(b[start]) { start += 1 }
        if start == b.count {
            start = 0
            while start < b.count && !Self.isNumberByte(b[start]) { start += 1 }
            guard start < b.count else { return }
        }
        while start > 0 && Self.isNumberByte(b[start - 1]) { start -= 1 }
        var end = start
        while end < b.count && Self.isNumberByte(b[end]) { end += 1 }
        let replacement = Array(rng.pick(Self.interestingNumbers).utf8)
        input.bytes.replaceSubrange(start..<end, with: replacement)
        input.steps.append("number at \(start)..<\(end) -> \(Self.show(replacement))")
    }

    private func deepNesting(_ input: inout FuzzInput, rng: inout SplitMix64) {
        let depth = rng.pick([255, 256, 257, 1000, 10_000, 100_000])
        let unit: [UInt8] = rng.chance(70) ? [UInt8(ascii: "[")] : Array("{\"a\":".utf8)
        var nest: [UInt8] = []
        nest.reserveCapacity(depth * unit.count)
        for _ in 0..<depth { nest += unit }
        let at = rng.below(input.bytes.count + 1)
        input.bytes.insert(contentsOf: nest, at: at)
        input.steps.append("insert \(depth) x \(Self.show(unit)) at \(at)")
    }

    private func longDigits(_ input: inout FuzzInput, rng: inout SplitMix64) {
        let length = rng.pick([19, 20, 39, 40, 310, 99_999, 100_000, 100_001, 400_000])
        var digits: [UInt8] = [UInt8(ascii: "1")]
        for _ in 1..<length { digits.append(UInt8(ascii: "0") + UInt8(rng.below(10))) }
        var text = digits
        switch rng.below(4) {
        case 0: text = digits + Array("/3".utf8)
        case 1: text = Array("1/".utf8) + digits
        case 2: text = Array("0.".utf8) + digits
        default: break
        }
        let b = input.bytes
        var at = rng.below(b.count + 1)
        var end = at
        if let s = (at..<b.count).first(where: { Self.isNumberByte(b[$0]) }) {
            at = s
            end = s
            while end < b.count && Self.isNumberByte(b[end]) { end += 1 }
        }
        input.bytes.replaceSubrange(at..<end, with: text)
        input.steps.append("\(text.count)-character number at \(at)")
    }

    /// Repeats one line (a record, a case) many times.
    private func duplicateLine(_ input: inout FuzzInput, rng: inout SplitMix64) {
        let b = input.bytes
        guard !b.isEmpty else { return }
        var start = rng.below(b.count)
        while start > 0 && b[start - 1] != 0x0A { start -= 1 }
        var end = start
        while end < b.count && b[end] != 0x0A { end += 1 }
        if end < b.count { end += 1 }
        let line = Array(b[start..<end])
        // Many copies of a short line, a few of a long one: at most about 1 MB more.
        let times = min(rng.pick([2, 3, 50, 1000]), max(2, 1_000_000 / max(line.count, 1)))
        var block: [UInt8] = []
        for _ in 0..<times { block += line }
        input.bytes.insert(contentsOf: block, at: end)
        input.steps.append("repeat line at \(start) (\(line.count) bytes) x\(times)")
    }

    /// Replaces the content of a JSON string with an interesting string.
    private func replaceString(_ input: inout FuzzInput, rng: inout SplitMix64) {
        let b = input.bytes
        guard !b.isEmpty, let open = (rng.below(b.count)..<b.count).first(where: { b[$0] == 0x22 }),
              let close = ((open + 1)..<b.count).first(where: { b[$0] == 0x22 }) else { return }
        let replacement = Array(rng.pick(Self.interestingStrings).utf8)
        input.bytes.replaceSubrange((open + 1)..<close, with: replacement)
        input.steps.append("string at \(open) -> \(Self.show(replacement))")
    }

    /// Writes an interesting integer (little-endian, 2, 4 or 8 bytes) over a random position, to hit
    /// lengths, offsets and counts of binary formats.
    private func overwriteInteger(_ input: inout FuzzInput, rng: inout SplitMix64) {
        let n = input.bytes.count
        guard n > 0 else { return }
        let width = rng.pick([2, 4, 8])
        let at = rng.below(n)
        var values: [UInt64] = [0, 1, 2, 7, 8, 63, 64, 127, 128, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF,
                                0x8000_0000, 0xFFFF_FFFF, 1 << 53, UInt64(Int64.max), UInt64.max]
        values += [UInt64(n) - 1, UInt64(n), UInt64(n) + 1, UInt64(max(n - at, 0))]
        var value = rng.pick(values)
        if rng.chance(20) { value = rng.next() }
        for k in 0..<width where at + k < n { input.bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
        input.steps.append("\(width)-byte integer \(value) at \(at)")
    }

    static func isNumberByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
            || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "+")
    }

    /// At most 40 characters of `bytes`, control and non-ASCII bytes escaped.
    static func show(_ bytes: [UInt8]) -> String {
        var text = ""
        for b in bytes.prefix(40) {
            if b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\\") { text.unicodeScalars.append(Unicode.Scalar(b)) }
            else { text += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16) }
        }
        return "'" + text + (bytes.count > 40 ? "...(\(bytes.count) bytes)" : "") + "'"
    }

    static let interestingBytes: [UInt8] = [0, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x27, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
                                            0x30, 0x31, 0x39, 0x3A, 0x3F, 0x40, 0x5B, 0x5C, 0x5D, 0x65, 0x70, 0x78,
                                            0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4,
                                            0xF8, 0xFE, 0xFF]

    static let interestingNumbers: [String] = [
        "0", "-0", "1", "-1", "0.0", "1/0", "0/0", "-1/3", "3/-4", "1/+2", "1e0", "1E+0", "1e-0", "0x0p0",
        "0x1p-1074", "0x1.fffffffffffffp1023", "0x.8p1", "0x1p100000", "0x1p100001", "0x1p-100000", "0X1P+3",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
        "1e18", "1e19", "0.000000000000000000001", "1.5e-18", "123456789012345678/999999999999999999",
        "1e100000", "1e100001", "1e-100000", "9e99999", "1e999999999999999999999", "1e-999999999999999999999",
        "NaN", "-NaN", "Infinity", "-Infinity", "inf", "nan", "+1", ".5", "5.", "1e", "1e+", "0x", "0x1",
        "0x1p", "01", "00", "-", "--1", "1..2", "1e1e1", "1/2/3", "1_000", "١", "1 2", "",
    ]

    static let interestingStrings: [String] = [
        "", "a", "\\u0000", "\\ud800", "\\udc00\\ud800", "\\uD83D\\uDE00", "\\", "\\x", "\\u12", "\u{7F}",
        "format", "hardmax-transformer", "hardmax-certificate", "attention", "feedforward", "affine", "mean",
        "every", "first", "last", "causal", "index", "none", "tensor", "pass", "fail", "impossible", "1/2",
        "NaN", "../../etc/passwd", "/dev/null", "/dev/zero", "model.json", "é", "\u{FEFF}",
        String(repeating: "x", count: 1000),
    ]
}
