import HardmaxModel
#if canImport(Glibc)
import Glibc
import Synchronization
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files that ``FileIO/writeAtomically(_:to:)`` has in flight, so that an interrupted
/// run (SIGINT, SIGTERM, SIGHUP) removes them and leaves no stray file: the output is either the old
/// file or the complete new one, never a part.
///
/// A fixed table of 64 path buffers and a bit mask of the live ones; ``removeAll()`` only reads them
/// and calls `unlink`, so it is async-signal-safe. A path longer than 4095 bytes, or a 65th write at
/// the same moment, is written without being registered (it is still atomic, only not cleaned up).
public enum TemporaryFiles {
    static let slots = 64
    static let pathCapacity = 4096
    /// Slot k's NUL-terminated path at `buffers + k * pathCapacity`. Allocated once, never freed.
    nonisolated(unsafe) static let buffers: UnsafeMutablePointer<CChar> = .allocate(capacity: slots * pathCapacity)
    #if canImport(Glibc) || canImport(Musl)
    /// Slots claimed by a writer, and slots whose path is complete (the handler reads only these).
    static let claimed = Atomic<UInt64>(0)
    static let live = Atomic<UInt64>(0)
    #else
    // Without the Synchronization module (older Darwin): plain words; a signal that lands while a slot
    // is being filled may miss that one file.
    nonisolated(unsafe) static var claimedWord: UInt64 = 0
    nonisolated(unsafe) static var liveWord: UInt64 = 0
    #endif

    /// Registers `path`; returns its slot, or nil when it cannot be registered.
    static func register(_ path: String) -> Int? {
        let utf8 = Array(path.utf8)
        guard utf8.count < pathCapacity, !utf8.contains(0) else { return nil }
        guard let slot = claimSlot() else { return nil }
        let base = buffers + slot * pathCapacity
        for (k, b) in utf8.enumerated() { base[k] = CChar(bitPattern: b) }
        base[utf8.count] = 0
        setLive(slot, true)
        return slot
    }

    /// Forgets a slot (its file was renamed or removed).
    static func unregister(_ slot: Int) {
        setLive(slot, false)
        releaseSlot(slot)
    }

    /// Unlinks every registered temporary file. Async-signal-safe: no allocation, no lock.
    public static func removeAll() { remove(mask: liveMask()) }

    /// Unlinks the registered files of the slots in `mask` (tests remove only their own slots: other
    /// tests in the same process have their own writes in flight).
    static func remove(mask slots: UInt64) {
        var mask = slots & liveMask()
        while mask != 0 {
            let k = mask.trailingZeroBitCount
            mask &= mask - 1
            unlink(buffers + k * pathCapacity)
        }
    }

    /// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the temporary files in flight and
    /// end the process with status 128 + signal (130, 143, 129). For a program's `main` only, before
    /// it starts threads: the three signals are also unblocked (a parent may have started us with them
    /// blocked), except that a signal the parent set to be ignored (`nohup`) stays ignored.
    public static func removeOnInterrupt() {
        _ = liveMask()               // initialise the globals now, not inside the handler
        _ = buffers
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for s in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(s, interruptHandler)
            if address(previous) == address(SIG_IGN) { signal(s, SIG_IGN) } else { sigaddset(&unblock, s) }
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    #if canImport(Glibc) || canImport(Musl)
    private static func claimSlot() -> Int? {
        var current = claimed.load(ordering: .relaxed)
        while current != .max {
            let k = (~current).trailingZeroBitCount
            let (exchanged, original) = claimed.compareExchange(expected: current, desired: current | (1 << UInt64(k)),
                                                                ordering: .acquiring)
            if exchanged { return k }
            current = original
        }
        return nil
    }
    private static func releaseSlot(_ k: Int) { claimed.bitwiseAnd(~(1 << UInt64(k)), ordering: .releasing) }
    private static func setLive(_ k: Int, _ on: Bool) {
        if on { live.bitwiseOr(1 << UInt64(k), ordering: .releasing) }
        else { live.bitwiseAnd(~(1 << UInt64(k)), ordering: .releasing) }
    }
    static func liveMask() -> UInt64 { live.load(ordering: .acquiring) }
    #else
    private static func claimSlot() -> Int? {
        guard claimedWord != .max else { return nil }
        let k = (~claimedWord).trailingZeroBitCount
        claimedWord |= 1 << UInt64(k)
        return k
    }
    private static func releaseSlot(_ k: Int) { claimedWord &= ~(1 << UInt64(k)) }
    private static func setLive(_ k: Int, _ on: Bool) {
        if on { liveWord |= 1 << UInt64(k) } else { liveWord &= ~(1 << UInt64(k)) }
    }
    static func liveMask() -> UInt64 { liveWord }
    #endif
}

/// The address of a signal disposition (a C function pointer, or SIG_IGN / SIG_DFL).
private func address<T>(_ handler: T) -> Int {
    precondition(MemoryLayout<T>.size == MemoryLayout<Int>.size, "a signal handler is one pointer")
    return unsafeBitCast(handler, to: Int.self)
}

private func interruptHandler(_ sig: Int32) {
    TemporaryFiles.removeAll()
    _exit(128 + sig)
}
