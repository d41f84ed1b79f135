/// The summary table and times as text (integer arithmetic only).
enum FuzzReport {
    /// `1.234 s`, `56 ms` or `789 us`.
    static func time(_ nanoseconds: UInt64) -> String {
        if nanoseconds < 1_000_000 { return "\(nanoseconds / 1000) us" }
        let ms = nanoseconds / 1_000_000
        if ms < 1000 { return "\(ms) ms" }
        let frac = String(ms % 1000)
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac) s"
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(width - text.count, 0))
        return right ? fill + text : text + fill
    }

    static func table(_ rows: [TargetStatistics]) -> String {
        var text = pad("target", 14) + pad("inputs", 8, right: true) + pad("accepted", 10, right: true)
            + pad("rejected", 10, right: true) + pad("failed", 8, right: true) + pad("slowest", 11, right: true)
            + pad("mean", 9, right: true) + pad("total", 10, right: true) + "  slowest input\n"
        for r in rows {
            let mean = r.inputs == 0 ? 0 : r.totalNanoseconds / UInt64(r.inputs)
            text += pad(r.name, 14) + pad("\(r.inputs)", 8, right: true) + pad("\(r.accepted)", 10, right: true)
                + pad("\(r.rejected)", 10, right: true) + pad("\(r.failed)", 8, right: true)
                + pad(time(r.slowestNanoseconds), 11, right: true) + pad(time(mean), 9, right: true)
                + pad(time(r.totalNanoseconds), 10, right: true)
                + "  #\(r.slowestIndex) " + r.slowestSteps.prefix(3).joined(separator: "; ").prefix(70) + "\n"
        }
        return text
    }
}
