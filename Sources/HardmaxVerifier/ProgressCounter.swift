import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator
import Foundation

/// Told `(done, total)` while a verification runs; called from any thread, never concurrently.
public typealias ProgressReport = @Sendable (_ done: Int, _ total: Int) -> Void

/// Counts finished sequences and reports about every 1/200 of the total. Not part of the semantics.
final class ProgressCounter: @unchecked Sendable {
    private let total: Int
    private let step: Int
    private let report: ProgressReport
    private let lock = NSLock()
    private var done = 0

    init(total: Int, report: @escaping ProgressReport) {
        self.total = total
        self.step = max(1, total / 200)
        self.report = report
    }

    func tick() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if done % step == 0 || done == total { report(done, total) }
    }
}
