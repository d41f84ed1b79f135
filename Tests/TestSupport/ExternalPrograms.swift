import Foundation
import Testing

/// Programs a test runs as a subprocess: the package's own built executables, and python3.
///
/// A test that needs one declares it with a trait (`.builtProduct("hardmax")`, `.python3(...)`), so
/// that when the program is missing the test is reported as skipped, never as passed.
package enum ExternalPrograms {
    /// The executable `name` built with the tests: beside the test runner first (the build directory
    /// `swift build --build-tests` used), then `.build/debug`, then `.build/release`; nil when none.
    package static func builtProduct(_ name: String) -> String? {
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().path
        let build = TestEnvironment.packageRoot + "/.build"
        return [runner, build + "/debug", build + "/release"].map { $0 + "/" + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The Python interpreter the tests run, as the first arguments of `/usr/bin/env`: the environment
    /// variable `HARDMAX_PYTHON` when it is set and not empty (a path or a command name, e.g. a virtual
    /// environment's `bin/python` that has python-flint for softreplay.py), else `python3`.
    package static var python: [String] {
        if let path = ProcessInfo.processInfo.environment["HARDMAX_PYTHON"], !path.isEmpty { return [path] }
        return ["python3"]
    }

    /// Whether the interpreter ``python`` (found through `/usr/bin/env`) starts and imports every
    /// listed module.
    package static func python3Imports(_ modules: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = python + ["-c", modules.map { "import " + $0 }.joined(separator: "\n")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus == 0
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the executable `name` has been built (or under CI, where the test
    /// must then fail to find it); otherwise the test is reported as skipped.
    package static func builtProduct(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        .enabled(if: TestEnvironment.isCI || ExternalPrograms.builtProduct(name) != nil,
                 Comment(rawValue: "needs the built executable \(name) (swift build --build-tests)"),
                 sourceLocation: sourceLocation)
    }

    /// Runs the test only when ``ExternalPrograms/python`` starts and imports `modules`; otherwise skipped. With
    /// `requiredUnderCI` the test runs under CI anyway (and must then fail on the missing program).
    package static func python3(importing modules: String..., requiredUnderCI: Bool,
                                sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        let what = modules.isEmpty ? "python3" : "python3 with " + modules.joined(separator: ", ")
        return .enabled(if: (requiredUnderCI && TestEnvironment.isCI) || ExternalPrograms.python3Imports(modules),
                        Comment(rawValue: "needs \(what)"), sourceLocation: sourceLocation)
    }
}

/// The path of the built executable `name`.
/// - Throws: `MissingBuiltProduct` when it has not been built. Declare it with `.builtProduct(name)` too,
///   so that outside CI the test is skipped before it gets here.
package func builtProduct(_ name: String) throws -> String {
    guard let path = ExternalPrograms.builtProduct(name) else { throw MissingBuiltProduct(name: name) }
    return path
}

/// A built executable that is not there (recorded by Swift Testing as a failure when thrown from a test).
package struct MissingBuiltProduct: Error, CustomStringConvertible {
    package let name: String
    package var description: String {
        "no built executable \(name) beside the test runner or under .build/debug or .build/release"
    }
}
