import Exact
import HardmaxConstruction
import HardmaxFormat
import HardmaxModel

/// What one input did.
enum Outcome {
    case accepted
    /// A clean error with its message.
    case rejected(String)
}

/// A broken promise: a reader threw something other than a clean error, an error had no message, or an
/// accepted input broke an invariant (a round trip, a shape, plain replay against the shortcuts).
struct FuzzFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A reader (or the command line) under test: its seeds, how to mutate them, and how to run one input.
struct FuzzTarget {
    let name: String
    /// What is called, for the summary table.
    let calls: String
    let seeds: [Seed]
    let mutator: Mutator
    /// Inputs for a run with `--budget B` (reader targets: B; the command line: a share of it).
    let inputs: (Int) -> Int
    /// Makes input i from its own generator instead of mutating seeds (nil: mutate seeds).
    var generate: ((Int, inout SplitMix64) -> FuzzInput)? = nil
    /// Runs one input; throws ``FuzzFailure`` when a promise is broken.
    let run: (FuzzInput) throws -> Outcome
}

/// Sorts an error thrown by a reader into a clean rejection or a failure.
func clean(_ error: Error, textLength: Int? = nil) throws -> Outcome {
    switch error {
    case let e as InputError:
        guard !e.message.isEmpty else { throw FuzzFailure("InputError with an empty message: \(e)") }
        if let line = e.line, line < 1 { throw FuzzFailure("InputError with line \(line): \(e)") }
        if let column = e.column, column < 1 { throw FuzzFailure("InputError with column \(column): \(e)") }
        return .rejected(e.description)
    case let e as NumberSyntaxError:
        guard !e.message.isEmpty else { throw FuzzFailure("NumberSyntaxError with an empty message") }
        if e.offset < 0 || (textLength.map { e.offset > $0 } ?? false) {
            throw FuzzFailure("NumberSyntaxError offset \(e.offset) outside the text: \(e.message)")
        }
        return .rejected("offset \(e.offset): \(e.message)")
    default:
        throw FuzzFailure("unexpected error type \(type(of: error)): \(error)")
    }
}

/// Runs `body`; a thrown error is sorted by ``clean(_:textLength:)``.
func outcome(textLength: Int? = nil, _ body: () throws -> Void) throws -> Outcome {
    do {
        try body()
        return .accepted
    } catch let failure as FuzzFailure {
        throw failure
    } catch {
        return try clean(error, textLength: textLength)
    }
}

func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw FuzzFailure(message()) }
}
