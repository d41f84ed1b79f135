import Dispatch
import Foundation

/// `body(0..<count)` on up to one thread per active processor, results in index order.
enum ParallelMap {
    static func map<T>(count: Int, _ body: (Int) -> T) -> [T] {
        let threads = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), max(count, 1))
        if threads == 1 { return (0..<count).map(body) }
        var slots = [T?](repeating: nil, count: count)
        let lock = NSLock()
        var next = 0
        slots.withUnsafeMutableBufferPointer { buffer in
            // Each index is claimed once under the lock and written only by the thread that claimed it.
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    lock.lock()
                    let j = next
                    next += 1
                    lock.unlock()
                    guard j < count else { return }
                    buffer[j] = body(j)
                }
            }
        }
        let results = slots.compactMap { $0 }
        precondition(results.count == count, "ParallelMap: a slot was not filled")
        return results
    }
}
