import HardmaxModel
import SHA256Instructions
/// SHA-256 (FIPS 180-4), streaming: certificates bind model and dataset files by this hash.
///
/// Written here so that the trusted path has no dependency; checked against the FIPS 180-2 test
/// vectors. Feed bytes with ``update(_:)`` in any split; ``finalize()`` returns the 32-byte digest and
/// leaves the hasher usable (it works on a copy). On processors with the x86 SHA extensions the
/// compression runs on them (`SHA256Instructions`); the digest is the same (tests compare both).
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6A09_E667, 0xBB67_AE85, 0x3C6E_F372, 0xA54F_F53A, 0x510E_527F, 0x9B05_688C, 0x1F83_D9AB, 0x5BE0_CD19)
    /// Bytes of a partial block, waiting for the rest.
    private var pending: [UInt8] = []
    /// Total bytes fed so far.
    private var length: UInt64 = 0
    /// Whether whole blocks are compressed by the processor's SHA instructions.
    private let usesInstructions: Bool

    public init() {
        self.init(usingInstructions: SHA256Instructions.isAvailable)
    }

    /// With the portable compression only when `usingInstructions` is false (tests compare the two).
    /// - Precondition: `usingInstructions` implies `SHA256Instructions.isAvailable`.
    package init(usingInstructions: Bool) {
        precondition(!usingInstructions || SHA256Instructions.isAvailable, "SHA256: no SHA instructions here")
        usesInstructions = usingInstructions
        pending.reserveCapacity(64)
    }

    /// Feeds `bytes`.
    /// - Complexity: O(bytes.count).
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    /// Feeds the bytes in `buffer`.
    public mutating func update(_ buffer: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(buffer.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, buffer.count)
            pending.append(contentsOf: buffer[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            pending.withUnsafeBufferPointer { compress($0, 0) }
            pending.removeAll(keepingCapacity: true)
        }
        if usesInstructions, let base = buffer.baseAddress, buffer.count - offset >= 64 {
            let blocks = (buffer.count - offset) / 64
            SHA256Instructions.compress(&state, base + offset, blocks: blocks)
            offset += 64 * blocks
        }
        while buffer.count - offset >= 64 {
            compress(buffer, offset)
            offset += 64
        }
        if offset < buffer.count { pending.append(contentsOf: buffer[offset...]) }
    }

    /// The digest of everything fed so far (32 bytes).
    public func finalize() -> [UInt8] {
        var copy = self
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        let padding = (55 &- pending.count) & 63  // so that pending + 1 + padding + 8 is a multiple of 64
        tail += Array(repeating: 0, count: padding)
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        copy.update(tail)
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        let s = copy.state
        for word in [s.0, s.1, s.2, s.3, s.4, s.5, s.6, s.7] {
            digest += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                       UInt8(truncatingIfNeeded: word)]
        }
        return digest
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    /// The digest of `bytes` as 64 lowercase hexadecimal digits.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        hex(hash(bytes))
    }

    /// Lowercase hexadecimal text of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Compression (FIPS 180-4 section 6.2.2)

    private static let roundConstants = sha256RoundConstants

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// Processes the 64-byte block at `offset` of `block`.
    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>, _ offset: Int) {
        if usesInstructions, let base = block.baseAddress {
            return SHA256Instructions.compress(&state, base + offset, blocks: 1)
        }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for t in 0..<16 {
                let i = offset + 4 * t
                w[t] = UInt32(block[i]) << 24 | UInt32(block[i + 1]) << 16 | UInt32(block[i + 2]) << 8
                    | UInt32(block[i + 3])
            }
            for t in 16..<64 {
                let s0 = Self.rotr(w[t - 15], 7) ^ Self.rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                let s1 = Self.rotr(w[t - 2], 17) ^ Self.rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = state
            Self.roundConstants.withUnsafeBufferPointer { k in
                for t in 0..<64 {
                    let s1 = Self.rotr(e, 6) ^ Self.rotr(e, 11) ^ Self.rotr(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
                    let s0 = Self.rotr(a, 2) ^ Self.rotr(a, 13) ^ Self.rotr(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ majority
                    (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                }
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                     state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
        }
    }
}
