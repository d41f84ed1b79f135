import Dispatch
import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// Verification by exact replay (SPEC.md sections 4 and 5): the kernel's semantics (`--plain`), or the
/// accelerator's replay plan, which tests prove equal to it, decided by the kernel's readout rule.
///
/// ```swift
/// let verifier = try Verifier(model: model, options: .standard)
/// let verification = try verifier.verify(dataset)   // verification.verdict == .pass ?
/// ```
public struct Verifier: Sendable {
    public let model: Model
    public let options: VerifierOptions
    let plan: ReplayPlan?
    /// The matrices by row, for a model replayed with enclosures (made once, used for every sequence).
    let prepared: PreparedModel?
    /// The 64-bit replay of softmax models, tried before the kernel's (nil with `--plain`).
    let fastEnclosures: FastEnclosureReplay?
    /// The model's part of every work estimate, counted once.
    let cost: ReplayCost

    /// Checks that the model is well formed (the kernel's `checkWellFormed()`) and compiles the fast path (unless `options.usesShortcuts` is false).
    ///
    /// - Throws: `InputError` naming the JSON path of a malformed part of the model, or when compiling it
    ///   would need more than `options.maxWork` operations (``WorkEstimate/init(compiling:)``).
    public init(model: Model, options: VerifierOptions = .standard) throws {
        try model.checkWellFormed()
        try WorkEstimate(compiling: model).check(limit: options.maxWork)
        self.model = model
        self.options = options
        // Models replayed with enclosures (SPEC.md section 11): softmax models try the 64-bit replay
        // first; the kernel replays what it leaves undecided, and every hardmax model with enclosures.
        plan = options.usesShortcuts && !model.needsEnclosures ? ReplayPlan(model, shortcuts: options.shortcuts) : nil
        prepared = plan == nil ? PreparedModel(model) : nil
        // Only when the kernel may double past 64 bits: at --max-precision 64 the kernel alone decides,
        // so that a sequence the 64-bit replay's own intervals would settle is not decided on one path only.
        fastEnclosures = options.usesShortcuts && options.maxPrecision >= 2 * Kernel.startPrecision ? FastEnclosureReplay(model) : nil
        cost = ReplayCost(model: model, plan: plan, shortcuts: options.shortcuts, maxBits: options.maxBits)
    }

    /// Replays one sequence (numbered `index` in its dataset) and decides it.
    ///
    /// - Throws: `InputError` when the sequence's dimension is not the model's, or a value grows past
    ///   `options.maxBits`.
    public func result(for s: LabelledSequence, index: Int) throws -> SequenceResult {
        guard let plan else {
            if let fastEnclosures {
                try Kernel.checkDimension(model, s, index: index)
                if let r = try fastEnclosures.result(s, index: index, maxBits: options.maxBits) { return r }
            }
            return try Kernel.result(wellFormed: model, s, index: index, maxBits: options.maxBits,
                                     maxPrecision: options.maxPrecision, prepared: prepared)
        }
        try Kernel.checkDimension(model, s, index: index)
        return try plan.result(s, index: index, maxBits: options.maxBits)
    }

    /// `body(0..<count)` on up to `jobs` threads (0: one per active processor), results in index order.
    /// Shared with the explorer (`package`).
    package static func parallelMap<T>(count: Int, jobs: Int, _ body: (Int) -> T) -> [T] {
        let threads = min(max(jobs > 0 ? jobs : ProcessInfo.processInfo.activeProcessorCount, 1), max(count, 1))
        if threads == 1 { return (0..<count).map(body) }
        var slots = [T?](repeating: nil, count: count)
        let lock = NSLock()
        var next = 0
        slots.withUnsafeMutableBufferPointer { buffer in
            // Each index is claimed once under the lock and written by the thread that claimed it.
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
        return slots.map { $0! }  // every index in 0..<count was claimed and written exactly once
    }
}
