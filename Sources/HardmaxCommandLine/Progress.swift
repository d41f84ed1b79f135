/// Progress on stderr for long runs, only when stderr is a terminal (`Console.showsProgress`), and only
/// after the first half second, so short runs print nothing extra.
final class Progress: @unchecked Sendable {
    private let console: Console
    private let what: String
    private let clock = Stopwatch()
    private var shown = false

    init(console: Console, what: String) {
        self.console = console
        self.what = what
    }

    /// The report to hand to the verifier, or nil when progress is not shown.
    var report: (@Sendable (Int, Int) -> Void)? {
        guard console.showsProgress else { return nil }
        return { done, total in self.update(done, total) }
    }

    private func update(_ done: Int, _ total: Int) {
        guard clock.elapsedNanoseconds > 500_000_000 else { return }
        shown = true
        // total 0: not known in advance (the data set is streamed).
        console.err(total > 0 ? "\r\(what): \(done)/\(total) sequences (\(done * 100 / max(total, 1))%)"
                              : "\r\(what): \(done) sequences")
    }

    /// Clears the progress line, if one was shown.
    func finish() {
        if shown { console.err("\r\u{1B}[K") }
    }
}
