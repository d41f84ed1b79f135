#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Says which input killed the process: a trap (Swift runtime error), a bad access, or a hang.
///
/// Before each input the runner writes a one-line reproduction note into a fixed buffer; the signal
/// handler writes that buffer to stderr with `write(2)` (async-signal-safe) and re-raises the signal
/// with its default action, so the exit status still shows the crash. A watchdog thread ends the process
/// when one input runs longer than the hang limit.
enum CrashReporter {
    static let capacity = 1024
    /// The note for the input now running (NUL-free, `noteLength` bytes).
    nonisolated(unsafe) static let note = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) static var noteLength = 0
    /// Uptime in nanoseconds when the running input started; 0 when none is running.
    static let started = Atomic<UInt64>(0)

    static func install(hangLimitNanoseconds: UInt64) {
        for s in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] { signal(s, crashHandler) }
        let thread = Thread(limit: hangLimitNanoseconds)
        thread.start()
    }

    /// Records the reproduction note and the start time of the next input.
    static func arm(_ text: String) {
        var length = 0
        for b in text.utf8 where length < capacity - 1 {
            note[length] = b
            length += 1
        }
        note[length] = 0x0A
        noteLength = length + 1
        started.store(DispatchTime.now().uptimeNanoseconds, ordering: .releasing)
    }

    static func disarm() { started.store(0, ordering: .releasing) }

    static func writeNote(prefix: StaticString) {
        _ = write(2, prefix.utf8Start, prefix.utf8CodeUnitCount)
        _ = write(2, note, noteLength)
    }

    /// Polls the start time of the running input ten times a second.
    private final class Thread {
        let limit: UInt64
        init(limit: UInt64) { self.limit = limit }
        func start() {
            DispatchQueue.global().async { [limit] in
                while true {
                    usleep(100_000)
                    let start = CrashReporter.started.load(ordering: .acquiring)
                    if start != 0 && DispatchTime.now().uptimeNanoseconds &- start > limit {
                        CrashReporter.writeNote(prefix: "\nhardmax-fuzz: HANG: an input ran past the hang limit; ")
                        _exit(3)
                    }
                }
            }
        }
    }
}

private func crashHandler(_ sig: Int32) {
    CrashReporter.writeNote(prefix: "\nhardmax-fuzz: CRASH (signal) on ")
    signal(sig, SIG_DFL)
    raise(sig)
}
