import Foundation
import HardmaxModel

/// The `--max-work` budget of one run: the estimated work of every part of the run's replay (each
/// streamed batch, or the whole in-memory data set) is charged before that part is replayed, and a part
/// that would take the total past the limit is refused, so a run never does more than the limit
/// allows, however its sequences are batched. Compiling the model is bounded by the same limit on its
/// own (``WorkEstimate/init(compiling:)``).
package final class WorkBudget: @unchecked Sendable {
    package let limit: Int
    private var spent = 0
    private let lock = NSLock()

    package init(limit: Int) { self.limit = limit }

    /// Charges `estimate` to the run.
    /// - Throws: `InputError` naming the estimate, what earlier parts of the run spent, and the flag that
    ///   raises the limit, when the total would pass `limit`; nothing is charged then.
    package func charge(_ estimate: WorkEstimate) throws {
        lock.lock()
        defer { lock.unlock() }
        guard spent > 0 else {
            try estimate.check(limit: limit)
            spent = estimate.operations
            return
        }
        let (total, overflow) = spent.addingReportingOverflow(estimate.operations)
        guard overflow || total > limit else {
            spent = total
            return
        }
        throw InputError(path: estimate.heaviestLayer.map { "layers[\($0)]" } ?? "readout",
                         message: "\(estimate.task) needs about \(WorkEstimate.scientific(estimate.operations)) more "
                         + "exact operations after the \(WorkEstimate.scientific(spent)) of the sequences before "
                         + "them; the run would pass the limit of \(WorkEstimate.scientific(limit)) "
                         + "(--max-work N raises it; it bounds the whole run, all files and batches)")
    }
}
