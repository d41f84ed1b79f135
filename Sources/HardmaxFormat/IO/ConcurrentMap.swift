import Dispatch
import Foundation

extension Array {
    /// `(0..<count).map(transform)`, computed in one band of indices per processor at once when
    /// `count >= parallelFrom` (each band initializes its own elements), else in turn. The same array
    /// either way.
    static func concurrentMap(count: Int, parallelFrom: Int = 1 << 14, _ transform: (Int) -> Element) -> [Element] {
        let bands = count >= parallelFrom ? ProcessInfo.processInfo.activeProcessorCount : 1
        guard bands > 1 else { return (0..<count).map(transform) }
        return [Element](unsafeUninitializedCapacity: count) { out, initialized in
            let base = out.baseAddress!   // count >= parallelFrom >= 1
            DispatchQueue.concurrentPerform(iterations: bands) { b in
                for i in (count * b / bands)..<(count * (b + 1) / bands) { (base + i).initialize(to: transform(i)) }
            }
            initialized = count
        }
    }
}
