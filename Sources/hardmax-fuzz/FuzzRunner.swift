import Dispatch
import HardmaxConstruction

/// What happened to the inputs of one target.
struct TargetStatistics {
    let name: String
    let calls: String
    var inputs = 0
    var accepted = 0
    var rejected = 0
    var failed = 0
    var totalNanoseconds: UInt64 = 0
    var slowestNanoseconds: UInt64 = 0
    var slowestIndex = 0
    var slowestSteps: [String] = []
}

/// Runs the inputs of each target in batches, timing each one, and collects the statistics.
struct FuzzRunner {
    let seed: UInt64
    let budget: Int
    let timeLimitNanoseconds: UInt64
    let batchSize = 2000
    /// Failures printed in full per target (the rest are counted).
    let printedFailures = 5

    func run(_ target: FuzzTarget) -> TargetStatistics {
        var stats = TargetStatistics(name: target.name, calls: target.calls)
        let count = target.inputs(budget)
        for batch in stride(from: 0, to: count, by: batchSize) {
            let end = min(batch + batchSize, count)
            print("[\(target.name)] seed \(seed): inputs \(batch)..<\(end)  (one alone: hardmax-fuzz --replay "
                  + "\(target.name) \(seed) INDEX)")
            flushOutput()
            for index in batch..<end { runOne(target, index: index, into: &stats) }
        }
        return stats
    }

    func input(_ target: FuzzTarget, index: Int) -> FuzzInput {
        var rng = SplitMix64(seed: seed, target: target.name, index: index)
        if let generate = target.generate { return generate(index, &rng) }
        return target.mutator.input(index: index, seeds: target.seeds, rng: &rng)
    }

    /// Runs one input; returns the outcome (or the failure) and the time it took.
    func execute(_ target: FuzzTarget, index: Int) -> (FuzzInput, Result<Outcome, FuzzFailure>, UInt64) {
        let input = input(target, index: index)
        CrashReporter.arm("input \(index) of \(target.name), seed \(seed) (\(input.seed.name): "
                          + input.steps.prefix(6).joined(separator: "; ") + "); rerun it alone: hardmax-fuzz "
                          + "--replay \(target.name) \(seed) \(index)")
        let start = DispatchTime.now().uptimeNanoseconds
        var result: Result<Outcome, FuzzFailure>
        do {
            result = .success(try target.run(input))
        } catch let failure as FuzzFailure {
            result = .failure(failure)
        } catch {
            result = .failure(FuzzFailure("unexpected error: \(error)"))
        }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        CrashReporter.disarm()
        if case .success(let outcome) = result {
            if elapsed > timeLimitNanoseconds {
                result = .failure(FuzzFailure("took \(FuzzReport.time(elapsed)), more than the limit of "
                                              + FuzzReport.time(timeLimitNanoseconds)))
            } else if input.isUnmodifiedSeed, case .rejected(let message) = outcome {
                result = .failure(FuzzFailure("the unmodified seed was rejected: \(message)"))
            }
        }
        return (input, result, elapsed)
    }

    private func runOne(_ target: FuzzTarget, index: Int, into stats: inout TargetStatistics) {
        let (input, result, elapsed) = execute(target, index: index)
        stats.inputs += 1
        stats.totalNanoseconds += elapsed
        if elapsed > stats.slowestNanoseconds {
            stats.slowestNanoseconds = elapsed
            stats.slowestIndex = index
            stats.slowestSteps = [input.seed.name] + input.steps
        }
        switch result {
        case .success(.accepted): stats.accepted += 1
        case .success(.rejected): stats.rejected += 1
        case .failure(let failure):
            stats.failed += 1
            if stats.failed <= printedFailures {
                print("FAIL [\(target.name)] input \(index) (\(input.seed.name); "
                      + input.steps.prefix(6).joined(separator: "; ") + "): \(failure.description.prefix(600))")
                print("  rerun: hardmax-fuzz --replay \(target.name) \(seed) \(index)")
            }
        }
    }
}

func flushOutput() {
    #if canImport(Glibc) || canImport(Darwin)
    fflush(stdout)
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
