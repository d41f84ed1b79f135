import Foundation

/// Where the tests run: the package root, and whether this is a CI run.
package enum TestEnvironment {
    /// The package root: three levels above this file (Tests/TestSupport/TestEnvironment.swift).
    package static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// True when the environment variable CI is set to anything but "", "0" or "false". In a CI run a
    /// test that cannot run (a shared file, a built binary or python3 missing) fails instead of
    /// being skipped.
    package static var isCI: Bool {
        guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
        return !["", "0", "false"].contains(value.lowercased())
    }
}
