import Foundation
import Testing
@testable import HardmaxFormat
import HardmaxModel

/// The team's shared folder (`../shared` relative to the package root), found from this file's path.
let sharedFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/HardmaxFormatTests/TestSupport.swift
    return url.deletingLastPathComponent().appendingPathComponent("shared").path
}()

/// Path of a shared file, or nil when it is absent and CI is not set (the test then skips). Under CI a
/// missing file is recorded as a failure.
func sharedFile(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    let path = sharedFolder + "/" + relative
    if FileManager.default.fileExists(atPath: path) { return path }
    if ProcessInfo.processInfo.environment["CI"] != nil {
        Issue.record("missing shared file \(path)", sourceLocation: sourceLocation)
    }
    return nil
}

/// The InputError thrown by `body`, or nil (recording an issue) when it throws nothing or something else.
func inputError<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) -> InputError? {
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

/// Parses JSON text (test convenience).
func json(_ text: String) throws -> JSONValue {
    try JSONReader.parse(Array(text.utf8), file: "t.json")
}
