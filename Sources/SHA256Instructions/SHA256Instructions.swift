#if arch(x86_64) && os(Linux)
import _Builtin_intrinsics.intel
import Glibc

/// The SHA-256 compression function on the x86 SHA extensions (SHA-NI), for processors that have them.
///
/// This module is compiled with `-msha -msse4.1` (Package.swift) and holds nothing else, so no other
/// code can use those instructions; callers check ``isAvailable`` first. `HardmaxFormat.SHA256` uses it
/// when available and its portable compression otherwise; tests compare the two on the FIPS vectors
/// and on random inputs of every split.
public enum SHA256Instructions {
    /// True when the processor has SHA-NI, SSSE3 and SSE4.1 (from the `flags` line of /proc/cpuinfo),
    /// and the environment variable `HARDMAX_SHA256` is not `portable`.
    public static let isAvailable: Bool = {
        if let choice = getenv("HARDMAX_SHA256"), String(cString: choice) == "portable" { return false }
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil, capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
            return flags.isSuperset(of: ["sha_ni", "ssse3", "sse4_1"])
        }
        return false
    }()

    /// Compresses `blocks` consecutive 64-byte blocks at `data` into `state` (a, ..., h).
    /// - Precondition: ``isAvailable``; `data` holds `64 * blocks` bytes.
    public static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                                _ data: UnsafeRawPointer, blocks: Int) {
        precondition(isAvailable, "SHA256Instructions: the processor has no SHA extensions")
        // The instructions keep the state as ABEF and CDGH (lanes high to low).
        var abef = lanes(state.0, state.1, state.4, state.5)
        var cdgh = lanes(state.2, state.3, state.6, state.7)
        let byteSwap = _mm_set_epi64x(0x0C0D_0E0F_0809_0A0B, 0x0405_0607_0001_0203)
        var block = data
        for _ in 0..<blocks {
            let savedABEF = abef, savedCDGH = cdgh
            var m = (load(block, 0, byteSwap), load(block, 16, byteSwap), load(block, 32, byteSwap), load(block, 48, byteSwap))
            for group in 0..<16 {  // rounds 4 group ... 4 group + 3
                let current = word(m, group)
                var message = _mm_add_epi32(current, roundConstants[group])
                cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message)
                if group >= 3 && group <= 14 {  // the message words of the group after next
                    let next = _mm_add_epi32(word(m, group + 1), alignRight4(current, word(m, group - 1)))
                    set(&m, group + 1, _mm_sha256msg2_epu32(next, current))
                }
                message = highHalf(message)
                abef = _mm_sha256rnds2_epu32(abef, cdgh, message)
                if group >= 1 && group <= 12 { set(&m, group - 1, _mm_sha256msg1_epu32(word(m, group - 1), current)) }
            }
            abef = _mm_add_epi32(abef, savedABEF)
            cdgh = _mm_add_epi32(cdgh, savedCDGH)
            block += 64
        }
        let x = unsafeBitCast(abef, to: SIMD4<UInt32>.self), y = unsafeBitCast(cdgh, to: SIMD4<UInt32>.self)
        state = (x[3], x[2], y[3], y[2], x[1], x[0], y[1], y[0])
    }

    /// The 128-bit value with 32-bit lanes (high to low) l3, l2, l1, l0.
    @inline(__always)
    private static func lanes(_ l3: UInt32, _ l2: UInt32, _ l1: UInt32, _ l0: UInt32) -> __m128i {
        unsafeBitCast(SIMD4<UInt32>(l0, l1, l2, l3), to: __m128i.self)
    }

    /// Message words 4k ... 4k + 3 of a block, as big-endian words.
    @inline(__always)
    private static func load(_ block: UnsafeRawPointer, _ offset: Int, _ byteSwap: __m128i) -> __m128i {
        _mm_shuffle_epi8(block.loadUnaligned(fromByteOffset: offset, as: __m128i.self), byteSwap)
    }

    /// Lanes (a:b) >> 32 bits: b1, b2, b3, a0 (low to high).
    @inline(__always)
    private static func alignRight4(_ a: __m128i, _ b: __m128i) -> __m128i {
        let x = unsafeBitCast(a, to: SIMD4<UInt32>.self), y = unsafeBitCast(b, to: SIMD4<UInt32>.self)
        return unsafeBitCast(SIMD4<UInt32>(y[1], y[2], y[3], x[0]), to: __m128i.self)
    }

    /// The high 64 bits moved to the low half (what the second pair of rounds reads).
    @inline(__always)
    private static func highHalf(_ a: __m128i) -> __m128i {
        let x = unsafeBitCast(a, to: SIMD4<UInt32>.self)
        return unsafeBitCast(SIMD4<UInt32>(x[2], x[3], x[0], x[0]), to: __m128i.self)
    }

    @inline(__always)
    private static func word(_ m: (__m128i, __m128i, __m128i, __m128i), _ k: Int) -> __m128i {
        switch k & 3 {
        case 0: return m.0
        case 1: return m.1
        case 2: return m.2
        default: return m.3
        }
    }

    @inline(__always)
    private static func set(_ m: inout (__m128i, __m128i, __m128i, __m128i), _ k: Int, _ v: __m128i) {
        switch k & 3 {
        case 0: m.0 = v
        case 1: m.1 = v
        case 2: m.2 = v
        default: m.3 = v
        }
    }

    /// K_{4g} ... K_{4g+3} (FIPS 180-4 section 4.2.2) for each group g of four rounds.
    private static let roundConstants: [__m128i] = {
        let k = sha256RoundConstants
        return (0..<16).map { g in unsafeBitCast(SIMD4<UInt32>(k[4 * g], k[4 * g + 1], k[4 * g + 2], k[4 * g + 3]), to: __m128i.self) }
    }()
}
#else
/// The SHA-256 compression function on processor instructions: none on this platform.
public enum SHA256Instructions {
    public static let isAvailable = false
    public static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                                _ data: UnsafeRawPointer, blocks: Int) {
        preconditionFailure("SHA256Instructions: not available on this platform")
    }
}
#endif
