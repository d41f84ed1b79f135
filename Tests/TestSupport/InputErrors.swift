import HardmaxModel
import Testing
import TestSupport

/// The `InputError` thrown by `body`, or nil (recording an issue) when it throws nothing or something else.
package func inputError<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) -> InputError? {
    do {
        _ = try body()
        Issue.record("expected an InputError, got success", sourceLocation: sourceLocation)
    } catch let e as InputError {
        return e
    } catch {
        Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
