import Dispatch

/// Wall-clock time in integer nanoseconds, printed as decimal text without floating point.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds

    var elapsedNanoseconds: UInt64 { DispatchTime.now().uptimeNanoseconds - start }

    /// e.g. `1.234 s` or `56 ms`.
    static func describe(nanoseconds: UInt64) -> String {
        let milliseconds = nanoseconds / 1_000_000
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        let thousandths = milliseconds % 1000
        let padded = String(repeating: "0", count: 3 - String(thousandths).count) + String(thousandths)
        return "\(milliseconds / 1000).\(padded) s"
    }

    var description: String { Stopwatch.describe(nanoseconds: elapsedNanoseconds) }
}
